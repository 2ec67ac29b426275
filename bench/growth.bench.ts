/**
 * Growth under repetition: `npx tsx bench/growth.bench.ts [cycles=50000] [synchronous=FULL|NORMAL]`.
 *
 * Ten people sign up for the same trip and cancel again, over and over, through the real function wrapper (with
 * request ids, as the app sends them) on the embedded store in a fresh data directory; the clock moves a minute
 * a cycle (a person acting once a minute, day and night) and the hourly maintenance timer runs as it would. At 5,000 cycles and at the end it prints the data
 * directory's size, the process's memory, the time per cycle over the last thousand cycles, the size of one
 * person's sign-up record and the number of live request records — all of which must stay flat — beside the audit
 * trail, which is the full record and grows by design. Then it closes and reopens the store and prints how long the
 * restart (integrity check and checksums included) takes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS } from '../cloudfunctions/functions';
import { silentSink } from '../cloudfunctions/core/log';
import { localRuntime } from '../cloudfunctions/core/platform/local';
import { setRuntime } from '../cloudfunctions/core/runtime';
import { EmbeddedStore } from '../cloudfunctions/core/store/embedded';
import type { OrgDoc, UserDoc } from '../cloudfunctions/core/users';
import { newUserDoc } from '../cloudfunctions/domain/account/profile';
import { TEST_ID_HASH_KEY, makeTestIdNumber } from '../cloudfunctions/testing/harness';
import { FORM, tripFormAt } from '../cloudfunctions/domain/trips/testkit';
import { seedDemoOnce } from '../scripts/seed';

const CYCLES = Math.max(1000, Number(process.argv[2] ?? 50_000) || 50_000);
const SYNC = (process.argv[3] ?? 'FULL').toUpperCase() === 'NORMAL' ? 'NORMAL' : 'FULL';
const PEOPLE = 10;

function dirSize(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirSize(p) : fs.statSync(p).size;
  }
  return total;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lmgj-growth-'));
  let store = new EmbeddedStore({ dataDir, synchronous: SYNC });
  let now = new Date('2026-06-01T02:00:00.000Z');
  const secrets = { idHashKey: TEST_ID_HASH_KEY };
  setRuntime(localRuntime({ store, secrets, now: () => now, log: silentSink }));
  await seedDemoOnce(store, secrets, now);
  const org = (await store.get<OrgDoc>('orgs', 'gu_jx_hengtong'))!;
  const people: UserDoc[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const u = newUserDoc({ _id: `u_growth_${i}`, openid: `growth-${i}`, name: '增长测试', phone: `1390000${String(i).padStart(4, '0')}`, idNumber: makeTestIdNumber(90_000 + i, 1975), org, roles: ['worker'] }, TEST_ID_HASH_KEY, now.toISOString());
    await store.insert('users', u);
    people.push(u);
  }
  const call = async (fn: 'trips' | 'account', action: string, data: unknown, as: string | null, requestId?: string) => {
    const r = await FUNCTIONS[fn]({ action, data, ...(requestId ? { requestId } : {}) }, { localOpenId: as });
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.error.code} ${r.error.message}`);
    return r.data as Record<string, unknown>;
  };
  const trip = tripFormAt(now, { closesAt: '2027-06-01T00:00:00.000Z', rules: { audience: 'all', onePerYear: false }, sessions: [{ departDate: '2027-07-01', returnDate: '2027-07-03', places: 5 }] });
  const { tripId } = (await call('trips', 'createTrip', { trip }, 'demo-staff-city')) as { tripId: string };
  await call('trips', 'publishTrip', { tripId }, 'demo-staff-city');
  const sessionId = `${tripId}_s1`;

  const rows: string[] = [];
  const report = async (cycles: number, msPerCycle: number) => {
    const signup = await store.get('trip_signups', `${tripId}_${people[0]._id}`);
    const requests = await store.count('requests', {});
    const audit = await store.count('audit', {});
    rows.push([
      String(cycles).padStart(7),
      mb(dirSize(dataDir)).padStart(10),
      mb(process.memoryUsage().rss).padStart(10),
      msPerCycle.toFixed(2).padStart(10),
      `${(JSON.stringify(signup).length / 1024).toFixed(1)} KB`.padStart(12),
      String(requests).padStart(9),
      String(audit).padStart(9),
    ].join(' '));
  };

  let windowStart = Date.now();
  for (let c = 1; c <= CYCLES; c++) {
    const p = people[c % PEOPLE];
    const r = (await call('trips', 'signUp', { tripId, sessionId, form: FORM }, p.openid, `growth-s-${c}`)) as { signup: { id: string } };
    now = new Date(now.getTime() + 30_000);
    await call('trips', 'cancel', { signupId: r.signup.id }, p.openid, `growth-c-${c}`);
    now = new Date(now.getTime() + 30_000);
    if (c % 60 === 0) await call('account', 'maintain', {}, null); // the hourly timer (60 cycles = one hour)
    if (c === 5000 || c === CYCLES) {
      await report(c, (Date.now() - windowStart) / 1000);
    }
    if (c % 1000 === 0) windowStart = Date.now();
  }
  await store.close();
  const t0 = Date.now();
  store = new EmbeddedStore({ dataDir, synchronous: SYNC });
  await store.count('trip_signups', {});
  const restartMs = Date.now() - t0;
  await store.close();

  console.log(`\nGrowth: ${CYCLES} sign-up/cancel cycles by ${PEOPLE} people on one trip (embedded store, synchronous=${SYNC})\n`);
  console.log(['cycles', 'data dir', 'memory', 'ms/cycle', 'one sign-up', 'requests', 'audit'].map((h, i) => h.padStart([7, 10, 10, 10, 12, 9, 9][i])).join(' '));
  for (const r of rows) console.log(r);
  console.log(`\nrestart (open, integrity check, checksums): ${restartMs} ms`);
  console.log('ms/cycle is over the last 1,000 cycles; requests are the live request records (they expire after a day);');
  console.log('the audit trail is the full record and grows with every change, by design.');
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
