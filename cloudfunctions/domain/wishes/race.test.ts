/**
 * Race tests of 微心愿 on the embedded store and through the production CloudBase adapter and the real SDK to the
 * local emulator: 100 volunteers claiming one wish at once (exactly one wins), one volunteer with a limit of 3 firing
 * claims at 10 wishes at once (exactly 3), and a release racing a late delivery around the deadline (one outcome,
 * and the ledger, the pool and the record agree).
 */
import { keepSdkOffline, startEmulator } from '../../../scripts/emulator';
import { seedDemo } from '../../../scripts/seed';
import type { Result } from '../../../types/result';
import type { FunctionName } from '../../../types/registry';
import { FUNCTIONS } from '../../functions';
import { silentSink } from '../../core/log';
import { localRuntime } from '../../core/platform/local';
import { setRuntime } from '../../core/runtime';
import { CloudbaseStore } from '../../core/store/cloudbase';
import { EmbeddedStore } from '../../core/store/embedded';
import type { Store } from '../../core/store/port';
import type { OrgDoc, UserDoc } from '../../core/users';
import { invariants } from '../../testing/crash';
import { TEST_ID_HASH_KEY, makeTestIdNumber } from '../../testing/harness';
import { newUserDoc } from '../account/profile';
import { C, type WishDoc } from './model';
import { archiveHousehold, insertWish, wishDocIn } from './testkit';

keepSdkOffline();

interface Setup {
  name: string;
  rounds: number;
  make(): Promise<{ store: Store; raw: Store; close(): Promise<void> }>;
}

const SETUPS: Setup[] = [
  { name: 'embedded store', rounds: 12, make: async () => { const s = new EmbeddedStore(); return { store: s, raw: s, close: async () => {} }; } },
  {
    name: 'CloudBase adapter via the emulator',
    rounds: 5,
    make: async () => {
      const raw = new EmbeddedStore();
      const emulator = await startEmulator({ port: 0, store: raw });
      const store = new CloudbaseStore({ env: 'wish-race', secretId: 'local', secretKey: 'local', serviceUrl: emulator.url, timeout: 60_000 });
      return { store, raw, close: () => emulator.close() };
    },
  },
];

describe.each(SETUPS)('wishes races on the $name', ({ rounds, make }) => {
  let raw: Store;
  let close: () => Promise<void>;
  const start = new Date('2026-06-01T02:00:00.000Z');
  let clock: () => Date = () => start;
  const since = start.toISOString();

  const call = async <T>(fn: FunctionName, action: string, data: unknown, as: string | null, requestId?: string): Promise<Result<T>> =>
    (await FUNCTIONS[fn]({ action, data, ...(requestId ? { requestId } : {}) }, { localOpenId: as })) as Result<T>;
  const ok = async <T>(fn: FunctionName, action: string, data: unknown, as: string | null): Promise<T> => {
    const r = await call<T>(fn, action, data, as);
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };

  let people = 0;
  async function volunteers(n: number, prefix: string): Promise<UserDoc[]> {
    const org = (await raw.get<OrgDoc>('orgs', 'gu_jx_hengtong'))!;
    const out: UserDoc[] = [];
    for (let i = 0; i < n; i++) {
      people++;
      const u = newUserDoc(
        { _id: `u_${prefix}_${i}`, openid: `wish-race-${prefix}-${i}`, name: '志愿者甲', phone: `136${String(people).padStart(8, '0')}`, idNumber: makeTestIdNumber(90_000 + people, 1976), org, roles: ['worker', 'volunteer'] },
        TEST_ID_HASH_KEY,
        start.toISOString(),
      );
      await raw.insert('users', u);
      out.push(u);
    }
    return out;
  }

  let wishes = 0;
  /** A published wish of a fresh household in 南湖区's pool (with the household's place for the year taken). */
  async function publishedWish(): Promise<WishDoc> {
    const at = start.toISOString();
    const household = await archiveHousehold(raw, TEST_ID_HASH_KEY, { name: '赛跑户', idNumber: makeTestIdNumber(95_000 + ++wishes, 1958), orgId: 'gu_jx_hengtong' }, at);
    const w = await insertWish(raw, await wishDocIn(raw, household, 'published', at, { id: `w_race_${wishes}` }));
    await raw.insert(C.allowances, { _id: w.allowanceId, capacity: 2, left: 1, held: { [w._id]: at }, touchedAt: at });
    return w;
  }

  async function photo(as: string): Promise<string> {
    const t = await ok<{ fileId: string }>('files', 'startUpload', { purpose: 'delivery_photo', name: '送达.jpg', mime: 'image/jpeg', size: 4096 }, as);
    await ok('files', 'finishUpload', { fileId: t.fileId, cloudFileId: `cloud://env.bucket/uploads/${t.fileId}.jpg` }, as);
    return t.fileId;
  }

  beforeAll(async () => {
    const made = await make();
    raw = made.raw;
    close = made.close;
    const secrets = { idHashKey: TEST_ID_HASH_KEY };
    setRuntime(localRuntime({ store: made.store, secrets, now: () => clock(), log: silentSink }));
    await seedDemo(raw, secrets, start);
  }, 60_000);
  afterAll(async () => close());

  it('100 volunteers claiming one wish at once: exactly one wins, the others are told it was claimed, every ledger agrees', async () => {
    const crowd = await volunteers(100, 'crowd');
    const w = await publishedWish();
    const results = await Promise.all(crowd.map((u, i) => call<{ wish: { status: string } }>('wishes', 'claim', { wishId: w._id }, u.openid, `crowd-claim-${i}`)));
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('wishes.already_claimed');
    const after = (await raw.get<WishDoc>(C.wishes, w._id))!;
    expect(after).toMatchObject({ status: 'claimed', version: 2, browse: [] });
    expect(after.history.filter((h) => h.event === 'claim')).toHaveLength(1);
    const ledgers = await raw.find<{ _id: string; held: Record<string, string> }>(C.volunteers, { _id: { $in: crowd.map((u) => u._id) } }, { limit: 1000 });
    const holders = ledgers.filter((l) => Object.keys(l.held).length > 0);
    expect(holders.map((l) => l._id)).toEqual([after.claim!.volunteerId]);
    expect(await invariants(raw, since)).toEqual([]);
  }, 120_000);

  it('one volunteer with a limit of 3 claiming 10 wishes at once holds exactly 3', async () => {
    const [me] = await volunteers(1, 'greedy');
    const ws: WishDoc[] = [];
    for (let i = 0; i < 10; i++) ws.push(await publishedWish());
    const results = await Promise.all(ws.map((w, i) => call('wishes', 'claim', { wishId: w._id }, me.openid, `greedy-claim-${i}`)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results) if (!r.ok) expect(r.error.code).toBe('wishes.claim_limit');
    const ledger = (await raw.get<{ _id: string; capacity: number; left: number; held: Record<string, string> }>(C.volunteers, me._id))!;
    expect(ledger).toMatchObject({ capacity: 3, left: 0 });
    expect(Object.keys(ledger.held)).toHaveLength(3);
    expect(await raw.count(C.wishes, { volunteerId: me._id, status: 'claimed' })).toBe(3);
    expect(await raw.count(C.wishes, { _id: { $in: ws.map((w) => w._id) }, status: 'published' })).toBe(7);
    expect(await invariants(raw, since)).toEqual([]);
  }, 120_000);

  it('a release racing a late delivery at the deadline: one outcome, and the record, the pool and the ledger agree', async () => {
    const outcomes = { delivered: 0, released: 0 };
    const team = await volunteers(rounds, 'late');
    for (let round = 0; round < rounds; round++) {
      clock = () => start;
      const me = team[round];
      const w = await publishedWish();
      const claimed = await ok<{ wish: { claim: { dueAt: string } } }>('wishes', 'claim', { wishId: w._id }, me.openid);
      const photoId = await photo(me.openid);
      const due = Date.parse(claimed.wish.claim.dueAt);
      // Every call now reads a clock within 40 ms either side of the deadline.
      clock = () => new Date(due + Math.round(Math.random() * 80 - 40));
      const [delivery, ...others] = await Promise.all([
        call<{ wish: { status: string } }>('wishes', 'deliver', { wishId: w._id, photoIds: [photoId] }, me.openid, `late-deliver-${round}`),
        call('wishes', 'sweep', {}, null),
        call('wishes', 'sweep', {}, null),
        call('wishes', 'wish', { wishId: w._id }, me.openid),
      ]);
      for (const r of others) expect(r.ok ? 'ok' : r.error.code).toBe('ok');
      const after = (await raw.get<WishDoc>(C.wishes, w._id))!;
      const ledger = (await raw.get<{ _id: string; held: Record<string, string> }>(C.volunteers, me._id))!;
      const moves = after.history.filter((h) => h.event === 'deliver' || h.event === 'release').map((h) => h.event);
      expect(moves).toHaveLength(1);
      if (after.status === 'delivered') {
        outcomes.delivered++;
        expect(delivery).toMatchObject({ ok: true, data: { wish: { status: 'delivered' } } });
        expect(after).toMatchObject({ releases: 0, claimDueAt: null, volunteerId: me._id });
        expect(Object.keys(ledger.held)).toEqual([w._id]);
      } else {
        outcomes.released++;
        expect(after).toMatchObject({ status: 'published', releases: 1, claim: null, volunteerId: null, delivery: null, pastClaimers: [me._id] });
        expect(delivery).toMatchObject({ ok: false, error: { code: 'wishes.claim_expired' } });
        expect(ledger.held).toEqual({});
      }
    }
    clock = () => start;
    console.log(`release vs late delivery over ${rounds} rounds: ${outcomes.delivered} delivered, ${outcomes.released} released`);
    expect(outcomes.delivered + outcomes.released).toBe(rounds);
    expect(await invariants(raw, since)).toEqual([]);
  }, 180_000);
});
