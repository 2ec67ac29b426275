/**
 * Race tests: the sign-up rush, one person's repeated taps, and the waiting list moving on cancellations and
 * expired offers — on the embedded store (2,000 people for 40 places) and through the production CloudBase
 * adapter and the real SDK to the local emulator (a smaller rush: every store call there is an HTTP round trip).
 */
import { keepSdkOffline, startEmulator } from '../../../scripts/emulator';
import { seedDemo } from '../../../scripts/seed';
import type { Result } from '../../../types/result';
import type { MySignupView } from '../../../types/trips.schema';
import { FUNCTIONS } from '../../functions';
import { silentSink } from '../../core/log';
import { localRuntime } from '../../core/platform/local';
import { setRuntime } from '../../core/runtime';
import { CloudbaseStore } from '../../core/store/cloudbase';
import { EmbeddedStore } from '../../core/store/embedded';
import type { Store } from '../../core/store/port';
import type { OrgDoc, UserDoc } from '../../core/users';
import { TEST_ID_HASH_KEY, makeTestIdNumber } from '../../testing/harness';
import { newUserDoc } from '../account/profile';
import type { SessionDoc, SignupDoc } from './model';
import { HOLDS_PLACE } from './rules';
import { FORM, STAFF, tripFormAt } from './testkit';

keepSdkOffline();

interface Setup {
  name: string;
  rush: { people: number; places: number };
  make(): Promise<{ store: Store; raw: Store; close(): Promise<void> }>;
}

const SETUPS: Setup[] = [
  { name: 'embedded store', rush: { people: 2000, places: 40 }, make: async () => { const s = new EmbeddedStore(); return { store: s, raw: s, close: async () => {} }; } },
  {
    name: 'CloudBase adapter via the emulator',
    rush: { people: 200, places: 20 },
    make: async () => {
      const raw = new EmbeddedStore();
      const emulator = await startEmulator({ port: 0, store: raw });
      const store = new CloudbaseStore({ env: 'race-test', secretId: 'local', secretKey: 'local', serviceUrl: emulator.url, timeout: 60_000 });
      return { store, raw, close: () => emulator.close() };
    },
  },
];

describe.each(SETUPS)('trips races on the $name', ({ rush, make }) => {
  let store: Store;
  let raw: Store;
  let close: () => Promise<void>;
  let now = new Date('2026-06-01T02:00:00.000Z');

  const call = async <T>(action: string, data: unknown, as: string | null, requestId?: string): Promise<Result<T>> =>
    (await FUNCTIONS.trips({ action, data, ...(requestId ? { requestId } : {}) }, { localOpenId: as })) as Result<T>;
  const ok = async <T>(action: string, data: unknown, as: string | null): Promise<T> => {
    const r = await call<T>(action, data, as);
    if (!r.ok) throw new Error(`trips.${action}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };

  let people = 0;
  async function addPeople(n: number, prefix: string): Promise<UserDoc[]> {
    const org = (await raw.get<OrgDoc>('orgs', 'gu_jx_hengtong'))!;
    const out: UserDoc[] = [];
    for (let i = 0; i < n; i++) {
      people++;
      const u = newUserDoc(
        { _id: `u_${prefix}_${i}`, openid: `race-${prefix}-${i}`, name: '赛跑测试', phone: `139${String(people).padStart(8, '0')}`, idNumber: makeTestIdNumber(people, 1976), org, roles: ['worker'] },
        TEST_ID_HASH_KEY,
        now.toISOString(),
      );
      await raw.insert('users', u);
      out.push(u);
    }
    return out;
  }

  async function newTrip(places: number, offerHours = 24): Promise<{ tripId: string; sessionId: string }> {
    const trip = tripFormAt(now, { offerHours, sessions: [{ departDate: '2026-07-01', returnDate: '2026-07-03', places }] });
    const { tripId } = await ok<{ tripId: string }>('createTrip', { trip }, STAFF);
    await ok('publishTrip', { tripId }, STAFF);
    return { tripId, sessionId: `${tripId}_s1` };
  }

  const signupsOf = (sessionId: string) => raw.find<SignupDoc>('trip_signups', { sessionId }, { limit: 1000 }).then(async (first) => {
    const all = [...first];
    for (let skip = 1000; first.length === 1000; skip += 1000) {
      const page = await raw.find<SignupDoc>('trip_signups', { sessionId }, { limit: 1000, skip });
      all.push(...page);
      if (page.length < 1000) break;
    }
    return all;
  });

  beforeAll(async () => {
    ({ store, raw, close } = await make());
    const secrets = { idHashKey: TEST_ID_HASH_KEY };
    setRuntime(localRuntime({ store, secrets, now: () => now, log: silentSink }));
    await seedDemo(raw, secrets, now);
  }, 60_000);
  afterAll(async () => close());

  it(`${rush.people} distinct people at once for ${rush.places} places: exactly ${rush.places} hold places, the rest wait with distinct positions, nobody twice`, async () => {
    const crowd = await addPeople(rush.people, 'rush');
    const { tripId, sessionId } = await newTrip(rush.places);
    const started = Date.now();
    const results = await Promise.all(crowd.map((u, i) => call<{ signup: MySignupView }>('signUp', { tripId, sessionId, form: FORM }, u.openid, `rush-${i}-req`)));
    const ms = Date.now() - started;
    const failed = results.filter((r) => !r.ok);
    expect(failed.map((r) => (r.ok ? '' : r.error.code))).toEqual([]);

    const signups = await signupsOf(sessionId);
    expect(signups).toHaveLength(rush.people);
    expect(new Set(signups.map((s) => s.userId)).size).toBe(rush.people);
    const holders = signups.filter((s) => HOLDS_PLACE.includes(s.status));
    expect(holders).toHaveLength(rush.places);
    expect(holders.every((s) => s.status === 'confirmed')).toBe(true);
    const waiting = signups.filter((s) => s.status === 'waiting');
    expect(waiting).toHaveLength(rush.people - rush.places);
    const numbers = waiting.map((s) => s.waitNo!).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    expect((await raw.get<SessionDoc>('trip_sessions', sessionId))!.placesLeft).toBe(0);
    expect(await raw.count('trip_year_claims', { tripId })).toBe(rush.people);
    // What each person was told matches what is stored.
    const told = new Map(results.map((r) => (r.ok ? [r.data.signup.id, r.data.signup.status] : ['', ''])));
    for (const s of signups) expect(told.get(s._id)).toBe(s.status);
    console.log(`rush of ${rush.people} for ${rush.places} places: ${ms} ms`);
  }, 120_000);

  it('one person firing the same sign-up 20 times at once ends with one sign-up', async () => {
    const [me] = await addPeople(1, 'taps');
    const { tripId, sessionId } = await newTrip(5);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => call<{ signup: MySignupView }>('signUp', { tripId, sessionId, form: FORM }, me.openid, i < 10 ? 'same-tap-request' : `tap-request-${i}`)),
    );
    const okIds = new Set(results.filter((r) => r.ok).map((r) => (r.ok ? r.data.signup.id : '')));
    expect(okIds.size).toBe(1);
    for (const r of results) if (!r.ok) expect(['trips.already_signed_up', 'conflict']).toContain(r.error.code);
    expect(await raw.count('trip_signups', { userId: me._id })).toBe(1);
    expect(await raw.count('trip_year_claims', { userId: me._id })).toBe(1);
    expect((await raw.get<SessionDoc>('trip_sessions', sessionId))!.placesLeft).toBe(4);
    const [s] = await raw.find<SignupDoc>('trip_signups', { userId: me._id });
    expect(s.status).toBe('confirmed');
    expect(s.history.filter((h) => h.status === 'confirmed')).toHaveLength(1);
  }, 60_000);

  it('a draw started five times at once runs once: winners hold places, the rest wait in draw order', async () => {
    const crowd = await addPeople(30, 'lottery');
    const trip = tripFormAt(now, { mode: 'lottery', sessions: [{ departDate: '2026-08-01', returnDate: '2026-08-03', places: 10 }] });
    const { tripId } = await ok<{ tripId: string }>('createTrip', { trip }, STAFF);
    await ok('publishTrip', { tripId }, STAFF);
    const sessionId = `${tripId}_s1`;
    await Promise.all(crowd.map((u) => ok('signUp', { tripId, sessionId, form: FORM }, u.openid)));
    const saved = now;
    now = new Date(Date.parse(trip.closesAt) + 1000);
    const runs = await Promise.all(Array.from({ length: 5 }, (_, i) => call('runDraw', { sessionId }, STAFF, `draw-click-${i}`)));
    now = saved;
    expect(runs.filter((r) => r.ok)).toHaveLength(1);
    for (const r of runs) if (!r.ok) expect(r.error.code).toBe('trips.already_drawn');
    const signups = await signupsOf(sessionId);
    expect(signups.filter((x) => x.status === 'confirmed').map((x) => x.drawRank).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(signups.filter((x) => x.status === 'waiting').map((x) => x.waitNo).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 20 }, (_, i) => i + 11));
    expect((await raw.get<SessionDoc>('trip_sessions', sessionId))!.placesLeft).toBe(0);
  }, 60_000);

  it('cancellations and expired offers move the waiting list in order', async () => {
    const crowd = await addPeople(20, 'queue');
    const { tripId, sessionId } = await newTrip(5, 2);
    for (const u of crowd) await ok('signUp', { tripId, sessionId, form: FORM }, u.openid);
    const byUser = async () => new Map((await signupsOf(sessionId)).map((s) => [s.userId, s]));
    let all = await byUser();
    const holders = crowd.filter((u) => all.get(u._id)!.status === 'confirmed');
    expect(holders).toHaveLength(5);

    // All five holders cancel at once: the first five in the queue are offered, nobody twice.
    await Promise.all(holders.map((u) => ok('cancel', { signupId: all.get(u._id)!._id }, u.openid)));
    all = await byUser();
    const offered = () => [...all.values()].filter((s) => s.status === 'offered').map((s) => s.waitNo).sort((a, b) => a! - b!);
    expect(offered()).toEqual([1, 2, 3, 4, 5]);
    expect((await raw.get<SessionDoc>('trip_sessions', sessionId))!.placesLeft).toBe(0);

    // Two accept; the other three let the time run out. Several timer runs and a lazy read race each other.
    const byWait = (n: number) => [...all.values()].find((s) => s.waitNo === n)!;
    const openidOf = (s: SignupDoc) => crowd.find((u) => u._id === s.userId)!.openid;
    await ok('acceptOffer', { signupId: byWait(1)._id }, openidOf(byWait(1)));
    await ok('acceptOffer', { signupId: byWait(2)._id }, openidOf(byWait(2)));
    now = new Date(now.getTime() + 2 * 3600_000 + 1000);
    await Promise.all([
      ok('expireOffers', {}, null),
      ok('expireOffers', { tripId }, null),
      ok('expireOffers', {}, null),
      ok('mySignups', {}, openidOf(byWait(6))),
    ]);
    all = await byUser();
    expect([...all.values()].filter((s) => s.status === 'offer_expired').map((s) => s.waitNo).sort((a, b) => a! - b!)).toEqual([3, 4, 5]);
    expect(offered()).toEqual([6, 7, 8]);
    expect([...all.values()].filter((s) => HOLDS_PLACE.includes(s.status))).toHaveLength(5);
    expect((await raw.get<SessionDoc>('trip_sessions', sessionId))!.placesLeft).toBe(0);

    // A late acceptance of an expired offer is refused.
    const late = await call('acceptOffer', { signupId: byWait(3)._id }, openidOf(byWait(3)));
    expect(late).toMatchObject({ ok: false });
  }, 60_000);
});
