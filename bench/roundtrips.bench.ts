/**
 * Store round trips per hot action through the production CloudBase adapter, counted at the local emulator (every
 * SDK request is one HTTP request there): `npx tsx bench/roundtrips.bench.ts`. Deterministic: the same budgets are
 * held by cloudfunctions/roundtrips.test.ts. Prints each action's count beside its budget.
 */
import { randomBytes } from 'node:crypto';
import { windowOf } from '../types/greencard.code';
import type { CodesOutput } from '../types/greencard.schema';
import { FORM, publishedTrip } from '../cloudfunctions/domain/trips/testkit';
import { ROUND_TRIP_BUDGETS, roundTripCounter } from '../cloudfunctions/testing/roundtrips';

async function main(): Promise<void> {
  const c = await roundTripCounter({ SECRET_GREENCARD_SIGNING_KEYS: JSON.stringify([{ kid: 'kb', privateKey: randomBytes(32).toString('base64') }]) });
  const rows: [string, number, number][] = [];
  const t = await publishedTrip(c.env, { sessions: [{ departDate: '2026-07-01', returnDate: '2026-07-03', places: 1 }] });
  await c.env.ok('trips', 'signUp', { ...t, form: FORM }, { as: (await c.env.addUser({})).openid, requestId: 'bench-warm' });
  const t2 = await publishedTrip(c.env, { sessions: [{ departDate: '2026-07-01', returnDate: '2026-07-03', places: 10 }] });
  await c.env.ok('trips', 'signUp', { ...t2, form: FORM }, { as: (await c.env.addUser({})).openid, requestId: 'bench-warm2' });
  const [p1, p2] = [await c.env.addUser({}), await c.env.addUser({})];
  const placed = await c.count(() => c.env.ok('trips', 'signUp', { ...t2, form: FORM }, { as: p1.openid, requestId: 'bench-placed' }));
  rows.push(['trips.signUp (a place)', placed, ROUND_TRIP_BUDGETS['trips.signUp (a place)']]);
  const waiting = await c.count(() => c.env.ok('trips', 'signUp', { ...t, form: FORM }, { as: p2.openid, requestId: 'bench-waiting' }));
  rows.push(['trips.signUp (waiting list)', waiting, NaN]);
  const codes = await c.env.ok<CodesOutput>('greencard', 'myCodes', {}, { as: 'demo-model-national' });
  const code = codes.codes.find((x) => x.w === windowOf(c.env.clock.now.getTime()))!.c;
  await c.env.ok('greencard', 'verify', { code }, { as: 'demo-hospital-clerk' });
  rows.push(['greencard.verify', await c.count(() => c.env.ok('greencard', 'verify', { code }, { as: 'demo-hospital-clerk', requestId: 'bench-verify' })), ROUND_TRIP_BUDGETS['greencard.verify']]);
  await c.env.ok('account', 'me', {}, { as: 'demo-worker' });
  rows.push(['account.me', await c.count(() => c.env.ok('account', 'me', {}, { as: 'demo-worker' })), ROUND_TRIP_BUDGETS['account.me']]);
  await c.close();
  console.log('\nStore round trips per call (CloudBase adapter → SDK → emulator, warm instance)\n');
  console.log(`${'action'.padEnd(30)} ${'trips'.padStart(6)} ${'budget'.padStart(7)}`);
  for (const [name, n, budget] of rows) console.log(`${name.padEnd(30)} ${String(n).padStart(6)} ${(Number.isNaN(budget) ? '—' : String(budget)).padStart(7)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
