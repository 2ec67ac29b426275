/**
 * The staff dashboard at a city's scale: `npx tsx bench/dashboard.bench.ts [loads=30]`.
 *
 * A fresh embedded store in a temporary data directory (WAL, synchronous FULL, the manifest's indexes) holds, inside
 * 嘉兴市总工会's subtree: 100,000 trip sign-ups (50 trips × 4 sessions × 500), 20,000 green cards and 100,000
 * green-channel visits at 5 hospitals over 12 months, 10,000 hardship cases and 100,000 wishes. Then city staff load
 * the dashboard the way the page does — every source's `figures` at once for 2026 — through the real function
 * wrapper, `loads` times, and the to-do list; it prints p50 / p95 / max per load.
 *
 * Hardship and wishes documents are generated in the fields their own `figures` and `todo` read (org path, status,
 * stage, due and decision times, awards, payment; wishes' steps by month, claims, points), under the manifest's
 * indexes, and the page loads all four services' `figures` at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS } from '../cloudfunctions/functions';
import { silentSink } from '../cloudfunctions/core/log';
import { localRuntime } from '../cloudfunctions/core/platform/local';
import { setRuntime } from '../cloudfunctions/core/runtime';
import { EmbeddedStore } from '../cloudfunctions/core/store/embedded';
import { COLLECTIONS } from '../cloudfunctions/core/store/manifest';
import type { Doc, Store } from '../cloudfunctions/core/store/port';
import type { OrgDoc } from '../cloudfunctions/core/users';
import type { CardDoc, VisitDoc } from '../cloudfunctions/domain/greencard/docs';
import type { SessionDoc, SignupDoc, TripDoc } from '../cloudfunctions/domain/trips/model';
import { TEST_ID_HASH_KEY } from '../cloudfunctions/testing/harness';
import { seedDemo } from '../scripts/seed';
import { monthRange } from '../types/dashboard';
import type { SignupStatus } from '../types/trips.schema';

const LOADS = Math.max(5, Number(process.argv[2] ?? 30) || 30);
const NOW = new Date('2026-12-15T02:00:00.000Z');
const MONTHS = monthRange('2026-01', '2026-12');

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];

async function insertAll(store: Store, collection: string, docs: Doc[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 2000) {
    const batch = docs.slice(i, i + 2000);
    await store.transaction(async (tx) => {
      for (const d of batch) await tx.insert(collection, d);
    });
  }
}

async function generate(store: Store): Promise<{ unions: OrgDoc[] }> {
  // 120 more grassroots unions under the city's towns.
  const towns = (await store.find<OrgDoc>('orgs', { path: 'org_jx', level: 'town' }, { limit: 100 }));
  const unions: OrgDoc[] = [];
  for (let i = 0; i < 120; i++) {
    const town = towns[i % towns.length];
    unions.push({ _id: `gu_bench_${i}`, name: `基准测试工会${i}`, level: 'grassroots', parentId: town._id, path: [...town.path, `gu_bench_${i}`] });
  }
  await insertAll(store, 'orgs', unions as unknown as Doc[]);
  const counties = ['org_jx', 'org_jx_nh', 'org_jx_js', 'org_jx_hn', 'org_jx_ph'];
  const at = NOW.toISOString();

  // Trips: 50 × 4 sessions × 500 sign-ups.
  const trips: TripDoc[] = [];
  const sessions: SessionDoc[] = [];
  const signups: SignupDoc[] = [];
  const others: SignupStatus[] = ['cancelled', 'declined', 'offer_expired', 'rejected'];
  for (let t = 0; t < 50; t++) {
    const org = (await store.get<OrgDoc>('orgs', counties[t % counties.length]))!;
    const id = `trip_b${t}`;
    const infos = [];
    for (let s = 1; s <= 4; s++) {
      const month = MONTHS[(t + s * 3) % 12];
      const departDate = `${month}-${String(5 + s * 5).padStart(2, '0')}`;
      const sessionId = `${id}_s${s}`;
      const held: Record<string, string> = {};
      for (let k = 0; k < 500; k++) {
        const signupId = `${id}_s${s}_u${k}`;
        const status: SignupStatus = k < 70 ? 'confirmed' : k < 90 ? 'attended' : k < 95 ? 'pending_review' : k < 100 ? 'offered' : k < 200 ? 'waiting' : pick(others);
        if (k < 100) held[signupId] = at;
        signups.push({
          _id: signupId, tripId: id, sessionId, userId: `u_b${t}_${s}_${k}`, tripOrgPath: org.path, departDate, round: 1, status, version: 2, history: [],
          priority: false, weight: 1, ticket: signupId, form: { emergencyName: '家属', emergencyPhone: '13800000000', emergencyRelation: '配偶', healthNotes: '' },
          waitNo: status === 'waiting' ? k - 99 : null, drawRank: null, offerExpiresAt: status === 'offered' ? new Date(NOW.getTime() + 6 * 3600_000).toISOString() : null,
          yearClaimId: null, createdAt: at, updatedAt: at, checkedInAt: status === 'attended' ? at : null,
        });
      }
      sessions.push({ _id: sessionId, tripId: id, orgPath: org.path, label: `第 ${s} 期`, departDate, returnDate: departDate, places: 100, placesLeft: 0, held, touchedAt: at, drawnAt: null, drawSeed: null, createdAt: at, updatedAt: at });
      infos.push({ id: sessionId, label: `第 ${s} 期`, departDate, returnDate: departDate });
    }
    trips.push({
      _id: id, orgId: org._id, orgPath: org.path, orgName: org.name, title: `基准线路${t}`, route: '', itinerary: '', themes: ['kangyang'], pictures: [], costNote: '', subsidyNote: '', healthNote: '',
      mode: 'first_come', needsReview: true, opensAt: at, closesAt: at, cancelDaysBefore: 3, offerHours: 24,
      rules: { audience: 'all', honourLevels: [], maxAge: null, minAge: null, onePerYear: true, priorityYears: 0, priorityWeight: 3, priorityHeadStartHours: 0 },
      sessionIds: infos.map((x) => x.id), sessions: infos, status: 'published', version: 1, history: [], createdBy: 'u_x', createdAt: at, updatedAt: at, publishedAt: at, closedAt: null,
    });
  }
  await insertAll(store, 'trips', trips as unknown as Doc[]);
  await insertAll(store, 'trip_sessions', sessions as unknown as Doc[]);
  await insertAll(store, 'trip_signups', signups as unknown as Doc[]);

  // Cards and visits.
  const cards: CardDoc[] = [];
  const statuses = ['active', 'active', 'active', 'active', 'pending', 'suspended', 'revoked', 'rejected'] as const;
  for (let i = 0; i < 20_000; i++) {
    const u = unions[i % unions.length];
    const month = MONTHS[i % 12];
    const status = statuses[i % statuses.length];
    cards.push({
      _id: `gc_B${i}`, cardNo: `B${String(i).padStart(7, '0')}`, seq: 100_000 + i, userId: `u_card_${i}`, holderOrgPath: u.path, holderNameMasked: '王*明', holderIdMasked: '3304**********0000',
      holderBirthYear: 1965, issuerOrgId: 'org_jx', issuerOrgName: '嘉兴市总工会', honourId: 'h_x', honourTitle: '全国劳动模范', honourLevel: 'national', status, statusReason: null,
      statusChangedAt: at, validFrom: '2026-01-01', validUntil: `2027-${String((i % 12) + 1).padStart(2, '0')}-01`, validUntilAt: at, appliedAt: `${month}-10T02:00:00.000Z`,
      createdAt: at, updatedAt: at, version: 1, history: [], decision: null,
    });
  }
  await insertAll(store, 'greencard_cards', cards as unknown as Doc[]);
  const hospitals = ['hosp_jx2', 'hosp_b1', 'hosp_b2', 'hosp_b3', 'hosp_b4'];
  for (const h of hospitals.slice(1)) await store.set('hospitals', { _id: h, name: `基准医院${h}`, address: '', desk: '', phone: '', hours: '', priorities: [], honouredOrgIds: ['org_jx'], ownerOrgId: 'org_jx', createdAt: at, updatedAt: at });
  const visits: VisitDoc[] = [];
  for (let i = 0; i < 100_000; i++) {
    const card = cards[i % cards.length];
    const month = MONTHS[i % 12];
    visits.push({ _id: `v_b${i}`, cardId: card._id, cardNo: card.cardNo, userId: card.userId, holderOrgPath: card.holderOrgPath, hospitalId: hospitals[i % 5], hospitalName: '', clerkId: null, window: i, at: `${month}-12T02:00:00.000Z`, month, offline: false, recordedAt: at });
  }
  await insertAll(store, 'greencard_visits', visits as unknown as Doc[]);

  // Hardship cases: 10,000 in the subtree, at every state, decided and paid through the year.
  const caseStates = ['reviewing', 'reviewing', 'returned', 'notice', 'paying', 'paid', 'archived', 'closed', 'rejected', 'withdrawn'] as const;
  const kinds = ['living', 'medical', 'schooling'] as const;
  const cases: Doc[] = [];
  for (let i = 0; i < 10_000; i++) {
    const u = unions[i % unions.length];
    const status = caseStates[i % caseStates.length];
    const month = MONTHS[i % 12];
    const decided = ['notice', 'paying', 'paid', 'archived', 'closed'].includes(status);
    const paid = ['paid', 'archived', 'closed'].includes(status);
    const awards = decided ? [{ aidKind: pick(kinds), amount: 1000 + (i % 20) * 500, suggested: 0, reason: null }] : [];
    const town = u.path[u.path.length - 2];
    cases.push({
      _id: `hc_b${i}`, type: 'aid', orgId: u._id, orgPath: u.path, status, stepKind: status === 'reviewing' ? pick(['verify', 'review']) : null,
      stepOrgId: status === 'reviewing' ? pick([u._id, town]) : null, stepOrgPath: status === 'reviewing' ? u.path.slice(0, -1) : [],
      decidingOrgPath: decided ? u.path.slice(0, 3) : [], dueAt: status === 'reviewing' ? new Date(NOW.getTime() + (rand() - 0.5) * 30 * 86_400_000).toISOString() : null,
      category: decided ? pick(['deep', 'relative', 'accident']) : null, awards, totalAmount: decided ? awards[0].amount : null,
      decidedAt: decided ? `${month}-08T02:00:00.000Z` : null, paidAt: paid ? `${month}-20T02:00:00.000Z` : null,
      payment: paid ? { amount: awards[0].amount } : null, updatedAt: at, version: 1, history: [],
    });
  }
  await insertAll(store, 'hardship_cases', cases);
  // Wishes: 100,000 in the subtree, at every state, through the year.
  const wishStates = ['submitted', 'published', 'published', 'claimed', 'delivered', 'completed', 'completed', 'completed', 'returned', 'withdrawn'] as const;
  const wishes: Doc[] = [];
  for (let i = 0; i < 100_000; i++) {
    const u = unions[i % unions.length];
    const status = wishStates[i % wishStates.length];
    const month = MONTHS[i % 12];
    const published = !['submitted', 'returned', 'withdrawn'].includes(status);
    const claimedState = ['claimed', 'delivered', 'completed'].includes(status);
    const volunteerId = `u_vol_${i % 3000}`;
    wishes.push({
      _id: `w_b${i}`, orgPath: u.path, vetPath: u.path.slice(0, -1), status, createdAt: `${month}-02T02:00:00.000Z`, publishedAt: published ? `${month}-04T02:00:00.000Z` : null,
      claim: claimedState ? { volunteerId, at: `${month}-06T02:00:00.000Z` } : null, claimDueAt: status === 'claimed' ? new Date(NOW.getTime() + (rand() - 0.3) * 10 * 86_400_000).toISOString() : null,
      completedAt: status === 'completed' ? `${month}-16T02:00:00.000Z` : null, volunteerId: claimedState ? volunteerId : null, fulfilledBy: status === 'completed' ? 'volunteer' : null,
      points: status === 'completed' ? 5 : null, releases: status === 'published' && i % 7 === 0 ? 1 : 0, neededBy: '2026-12-31', updatedAt: at, version: 1, history: [],
    });
  }
  await insertAll(store, 'wishes', wishes);
  return { unions };
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lmgj-dashboard-bench-'));
  const store = new EmbeddedStore({ dataDir, collections: COLLECTIONS });
  const secrets = { idHashKey: TEST_ID_HASH_KEY };
  setRuntime(localRuntime({ store, secrets, now: () => NOW, log: silentSink }));
  await seedDemo(store, secrets, NOW);
  const t0 = Date.now();
  await generate(store);
  console.log(`generated in ${((Date.now() - t0) / 1000).toFixed(1)} s: 100,000 sign-ups, 20,000 cards, 100,000 visits, 10,000 hardship cases, 100,000 wishes`);

  const call = async (fn: 'trips' | 'greencard' | 'hardship' | 'wishes', action: string, data: unknown) => {
    const r = await FUNCTIONS[fn]({ action, data }, { localOpenId: 'demo-staff-city' });
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };
  const input = { from: '2026-01', to: '2026-12' };
  for (const [name, work] of [
    ['trips.figures', () => call('trips', 'figures', input)],
    ['hardship.figures', () => call('hardship', 'figures', input)],
    ['wishes.figures', () => call('wishes', 'figures', input)],
    ['greencard.figures', () => call('greencard', 'figures', input)],
    ['trips.todo', () => call('trips', 'todo', {})],
    ['greencard.todo', () => call('greencard', 'todo', {})],
    ['hardship.todo', () => call('hardship', 'todo', {})],
    ['wishes.todo', () => call('wishes', 'todo', {})],
  ] as const) {
    const s = performance.now();
    await work();
    console.log(`first ${name}: ${(performance.now() - s).toFixed(0)} ms`);
  }
  for (const fn of ['trips', 'hardship', 'wishes'] as const) {
    const check = (await call(fn, 'figures', input)) as { headlines: { label: string; value: number }[] };
    console.log(`${fn} figures for the city: ${check.headlines.map((h) => `${h.label} ${h.value}`).join('，')}`);
  }

  const times: Record<string, number[]> = { dashboard: [], 'trips.figures': [], 'greencard.figures': [], 'hardship.figures': [], 'wishes.figures': [], todo: [] };
  for (let i = 0; i < LOADS; i++) {
    const start = performance.now();
    const timed = async (name: string, work: () => Promise<unknown>) => {
      const s = performance.now();
      await work();
      times[name].push(performance.now() - s);
    };
    // The page loads every source at once.
    await Promise.all([
      timed('trips.figures', () => call('trips', 'figures', input)),
      timed('greencard.figures', () => call('greencard', 'figures', input)),
      timed('hardship.figures', () => call('hardship', 'figures', input)),
      timed('wishes.figures', () => call('wishes', 'figures', input)),
    ]);
    times.dashboard.push(performance.now() - start);
    await timed('todo', () => Promise.all([call('trips', 'todo', {}), call('greencard', 'todo', {}), call('hardship', 'todo', {}), call('wishes', 'todo', {})]));
  }
  console.log(`\nDashboard of 嘉兴市总工会's subtree for 2026, ${LOADS} loads (embedded store, synchronous FULL, warm)\n`);
  console.log(`${'load'.padEnd(30)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'max ms'.padStart(8)}`);
  for (const [name, xs] of Object.entries(times)) {
    console.log(`${name.padEnd(30)} ${quantile(xs, 0.5).toFixed(0).padStart(8)} ${quantile(xs, 0.95).toFixed(0).padStart(8)} ${Math.max(...xs).toFixed(0).padStart(8)}`);
  }
  await store.close?.();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
