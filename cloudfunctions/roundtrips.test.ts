/** Store round trips per hot action, through the CloudBase adapter and the emulator: deterministic, so held here. */
import { randomBytes } from 'node:crypto';
import { windowOf } from '../types/greencard.code';
import type { CodesOutput } from '../types/greencard.schema';
import { FORM, publishedTrip } from './domain/trips/testkit';
import { ROUND_TRIP_BUDGETS, roundTripCounter, type Counter } from './testing/roundtrips';
import { archiveHousehold, insertWish, wishDocIn } from './domain/wishes/testkit';
import { makeTestIdNumber } from './testing/harness';
import { registry } from '../types/registry';

const SECRETS = { SECRET_GREENCARD_SIGNING_KEYS: JSON.stringify([{ kid: 'k2026r', privateKey: randomBytes(32).toString('base64') }]) };

describe('store round trips per hot action (CloudBase adapter, counted at the emulator)', () => {
  let c: Counter;
  beforeAll(async () => {
    c = await roundTripCounter(SECRETS);
  }, 60_000);
  afterAll(async () => c.close());

  it(`trips.signUp on the placed path ≤ ${ROUND_TRIP_BUDGETS['trips.signUp (a place)']}`, async () => {
    const t = await publishedTrip(c.env, { sessions: [{ departDate: '2026-07-01', returnDate: '2026-07-03', places: 10 }] });
    const warm = await c.env.addUser({});
    await c.env.ok('trips', 'signUp', { ...t, form: FORM }, { as: warm.openid, requestId: 'warm-signup-1' });
    const me = await c.env.addUser({});
    let status = '';
    const n = await c.count(async () => {
      status = (await c.env.ok<{ signup: { status: string } }>('trips', 'signUp', { ...t, form: FORM }, { as: me.openid, requestId: 'counted-signup-1' })).signup.status;
    });
    expect(status).toBe('confirmed');
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(ROUND_TRIP_BUDGETS['trips.signUp (a place)']);
  });

  it(`greencard.verify ≤ ${ROUND_TRIP_BUDGETS['greencard.verify']}`, async () => {
    const codes = await c.env.ok<CodesOutput>('greencard', 'myCodes', {}, { as: 'demo-model-national' });
    const code = codes.codes.find((x) => x.w === windowOf(c.env.clock.now.getTime()))!.c;
    await c.env.ok('greencard', 'verify', { code }, { as: 'demo-hospital-clerk', requestId: 'warm-verify-1' });
    let verdict = '';
    const n = await c.count(async () => {
      verdict = (await c.env.ok<{ verdict: string }>('greencard', 'verify', { code }, { as: 'demo-hospital-clerk', requestId: 'counted-verify-1' })).verdict;
    });
    expect(verdict).toBe('valid');
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(ROUND_TRIP_BUDGETS['greencard.verify']);
  });

  it(`account.me ≤ ${ROUND_TRIP_BUDGETS['account.me']}`, async () => {
    await c.env.ok('account', 'me', {}, { as: 'demo-worker' });
    const n = await c.count(() => c.env.ok('account', 'me', {}, { as: 'demo-worker' }));
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(ROUND_TRIP_BUDGETS['account.me']);
  });

  it(`hardship.file (a worker files for themself) ≤ ${ROUND_TRIP_BUDGETS['hardship.file']}`, async () => {
    const example = registry.hardship.file.example as { form: unknown };
    const warm = await c.env.addUser({ orgId: 'gu_js_dongyun_coop' });
    await c.env.ok('hardship', 'file', { form: example.form }, { as: warm.openid, requestId: 'warm-file-1' });
    const me = await c.env.addUser({ orgId: 'gu_js_dongyun_coop' });
    let status = '';
    const n = await c.count(async () => {
      status = (await c.env.ok<{ case: { status: string } }>('hardship', 'file', { form: example.form }, { as: me.openid, requestId: 'counted-file-1' })).case.status;
    });
    console.log(`hardship.file: ${n} store round trips`);
    expect(status).toBe('reviewing');
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(ROUND_TRIP_BUDGETS['hardship.file']);
  });

  it(`wishes.claim ≤ ${ROUND_TRIP_BUDGETS['wishes.claim']}`, async () => {
    const at = c.env.clock.now.toISOString();
    const wish = async (i: number) => {
      const h = await archiveHousehold(c.env.store, c.env.secrets.idHashKey, { name: '计数户', idNumber: makeTestIdNumber(97_000 + i, 1958), orgId: 'gu_jx_hengtong' }, at);
      return insertWish(c.env.store, await wishDocIn(c.env.store, h, 'published', at, { id: `w_rt_${i}` }));
    };
    const [warm, counted] = [await wish(1), await wish(2)];
    const me = await c.env.addUser({ roles: ['worker', 'volunteer'] });
    await c.env.ok('wishes', 'claim', { wishId: warm._id }, { as: me.openid, requestId: 'warm-claim-1' });
    let status = '';
    const n = await c.count(async () => {
      status = (await c.env.ok<{ wish: { status: string } }>('wishes', 'claim', { wishId: counted._id }, { as: me.openid, requestId: 'counted-claim-1' })).wish.status;
    });
    console.log(`wishes.claim: ${n} store round trips`);
    expect(status).toBe('claimed');
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(ROUND_TRIP_BUDGETS['wishes.claim']);
  });
});
