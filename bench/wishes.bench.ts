/**
 * The 心愿池 at scale: `npx tsx bench/wishes.bench.ts [wishes=100000] [loads=20]`.
 *
 * A fresh embedded store in a temporary data directory (WAL, synchronous FULL, the manifest's indexes), seeded with
 * the demo data, then `wishes` published wishes (60 % in 南湖区's pool — the demo volunteer 王志刚's — and 40 % in
 * 嘉善县's), across every category and a year of deadlines. The volunteer pages through the pool the way the page does
 * — through the real function wrapper (`wishes.pool`, 20 a page) — by deadline and by newest, with and without a
 * category, at the first page, the 10th and the 250th; it prints p50 / p95 / max per page beside the same two finds
 * straight on the store and the ratio, then SQLite's plan for each query (a declared index, no scan of the table),
 * and, for scale, the same page by a plain `poolId + status` filter (an index, but then a sort of the whole pool).
 * A benchmark, not a timed test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS } from '../cloudfunctions/functions';
import { silentSink } from '../cloudfunctions/core/log';
import { localRuntime } from '../cloudfunctions/core/platform/local';
import { setRuntime } from '../cloudfunctions/core/runtime';
import { EmbeddedStore } from '../cloudfunctions/core/store/embedded';
import type { Doc, Filter, SortSpec } from '../cloudfunctions/core/store/port';
import { C, type WishDoc, browseKeysOf } from '../cloudfunctions/domain/wishes/model';
import { POOL_TOTAL_CAP } from '../cloudfunctions/domain/wishes/views';
import { TEST_ID_HASH_KEY } from '../cloudfunctions/testing/harness';
import { seedDemo } from '../scripts/seed';
import { WISH_CATEGORIES } from '../types/wishes.schema';
import { addLocalDays, localDateOf } from '../types/time';

const WISHES = Math.min(Math.max(Number(process.argv[2] ?? 100_000) || 100_000, 1000), 500_000);
const LOADS = Math.max(5, Number(process.argv[3] ?? 20) || 20);
const NOW = new Date('2026-06-15T02:00:00.000Z');
const PAGE = 20;

let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

async function generate(store: EmbeddedStore): Promise<{ poolId: string }> {
  // Templates: a published demo wish in each pool (南湖区 for 王志刚, 嘉善县 for the other area).
  const nanhu = (await store.get<WishDoc>(C.wishes, 'w_demo_washer'))!;
  const jiashan = (await store.get<WishDoc>(C.wishes, 'w_demo_fan'))!;
  if (!nanhu || !jiashan) throw new Error('demo wishes missing: the seed changed');
  const today = localDateOf(NOW);
  for (let i = 0; i < WISHES; i += 2000) {
    await store.transaction(async (tx) => {
      for (let k = i; k < Math.min(WISHES, i + 2000); k++) {
        const t = k % 10 < 6 ? nanhu : jiashan;
        const category = WISH_CATEGORIES[k % WISH_CATEGORIES.length];
        const publishedAt = new Date(NOW.getTime() - Math.floor(rand() * 60 * 86_400_000)).toISOString();
        const w: WishDoc = {
          ...t,
          _id: `w_bench_${k}`,
          title: `心愿 ${k}`,
          category,
          valueYuan: 50 + Math.floor(rand() * 450),
          neededBy: addLocalDays(today, 1 + Math.floor(rand() * 365)),
          publishedAt,
          createdAt: publishedAt,
          updatedAt: publishedAt,
          history: t.history.slice(0, 1),
        };
        w.browse = browseKeysOf(w);
        await tx.insert(C.wishes, w as unknown as Doc);
      }
    });
  }
  return { poolId: nanhu.poolId };
}

interface Case {
  name: string;
  input: { sort: 'deadline' | 'newest'; category?: (typeof WISH_CATEGORIES)[number]; offset: number };
}

const CASES: Case[] = [
  { name: 'deadline, page 1', input: { sort: 'deadline', offset: 0 } },
  { name: 'deadline, page 10', input: { sort: 'deadline', offset: 9 * PAGE } },
  { name: 'deadline, page 250', input: { sort: 'deadline', offset: 249 * PAGE } },
  { name: 'newest, page 1', input: { sort: 'newest', offset: 0 } },
  { name: 'newest, page 10', input: { sort: 'newest', offset: 9 * PAGE } },
  { name: 'category 家用电器, page 1', input: { sort: 'deadline', category: 'appliance', offset: 0 } },
  { name: 'category 康复护理, newest p5', input: { sort: 'newest', category: 'health', offset: 4 * PAGE } },
];

/** The find the function makes (views.ts `pool`): one equality on the pool key, the sort, the page. */
function query(poolId: string, c: Case, today: string): { filter: Filter; sort: SortSpec } {
  return {
    filter: { browse: c.input.category ? `${poolId}:${c.input.category}` : poolId, neededBy: { $gte: today } },
    sort: c.input.sort === 'newest' ? { publishedAt: -1 } : { neededBy: 1 },
  };
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lmgj-wishes-bench-'));
  const store = new EmbeddedStore({ dataDir });
  const secrets = { idHashKey: TEST_ID_HASH_KEY };
  setRuntime(localRuntime({ store, secrets, now: () => NOW, log: silentSink }));
  await seedDemo(store, secrets, NOW);
  const t0 = performance.now();
  const { poolId } = await generate(store);
  const inPool = await store.count(C.wishes, { browse: poolId });
  console.log(`generated ${WISHES.toLocaleString('en')} published wishes in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${inPool.toLocaleString('en')} in the volunteer's pool (${poolId})`);

  const pool = async (c: Case) => {
    const r = await FUNCTIONS.wishes({ action: 'pool', data: { ...c.input, limit: PAGE } }, { localOpenId: 'demo-volunteer' });
    if (!r.ok) throw new Error(`wishes.pool: ${r.error.code} ${r.error.message}`);
    return r.data as { items: unknown[]; total: number; poolId: string };
  };
  const today = localDateOf(NOW);
  const first = await pool(CASES[0]);
  if (first.poolId !== poolId || first.items.length !== PAGE) throw new Error(`unexpected first page: pool ${first.poolId}, ${first.items.length} items`);
  console.log(`first page: ${first.items.length} of ${first.total.toLocaleString('en')} wishes`);

  const rows: { name: string; fn: number[]; raw: number[] }[] = [];
  for (const c of CASES) {
    const fn: number[] = [];
    const raw: number[] = [];
    const { filter, sort } = query(poolId, c, today);
    for (let i = 0; i < LOADS; i++) {
      let s = performance.now();
      const page = await pool(c);
      fn.push(performance.now() - s);
      if (page.items.length !== PAGE) throw new Error(`${c.name}: ${page.items.length} items`);
      s = performance.now();
      await Promise.all([
        store.find(C.wishes, filter, { sort, limit: PAGE, skip: c.input.offset }),
        store.find(C.wishes, filter, { sort, limit: POOL_TOTAL_CAP + 1, skip: c.input.offset, projection: { _id: 1 } }),
      ]);
      raw.push(performance.now() - s);
    }
    rows.push({ name: c.name, fn, raw });
  }

  console.log(`\n心愿池 pages for 王志刚 (demo-volunteer), ${PAGE} a page, ${LOADS} loads each (embedded store, synchronous FULL, warm)\n`);
  const h = (s: string, n = 9) => s.padStart(n);
  console.log(`${'page'.padEnd(30)}${h('fn p50')}${h('fn p95')}${h('fn max')}${h('store p50')}${h('store p95')}${h('ratio', 8)}`);
  for (const r of rows) {
    const f50 = quantile(r.fn, 0.5);
    const s50 = quantile(r.raw, 0.5);
    console.log(
      `${r.name.padEnd(30)}${h(f50.toFixed(2))}${h(quantile(r.fn, 0.95).toFixed(2))}${h(Math.max(...r.fn).toFixed(2))}${h(s50.toFixed(2))}${h(quantile(r.raw, 0.95).toFixed(2))}${h(`${(f50 / s50).toFixed(1)}×`, 8)}`,
    );
  }
  console.log('(ms; fn = the whole wishes.pool call through the function wrapper: caller, pools, lazy release, find + total ahead, views; store = the same two finds on the store; ratio = fn p50 / store p50)');

  console.log('\nSQLite plans (EXPLAIN QUERY PLAN):');
  let scans = 0;
  for (const c of [CASES[0], CASES[3], CASES[5]]) {
    const { filter, sort } = query(poolId, c, today);
    const plan = store.explain(C.wishes, filter, { sort, limit: PAGE, skip: c.input.offset });
    const scan = plan.some((d) => /^SCAN /.test(d) && !/USING (COVERING )?INDEX/.test(d));
    if (scan) scans++;
    console.log(`  ${c.name.padEnd(28)} ${scan ? 'SCAN ' : 'index'}  ${plan.join(' | ')}`);
  }
  console.log(scans === 0 ? '  every pool query is served by a declared index (no table scan)' : `  ${scans} pool queries SCAN the table`);

  // For scale: the same first page by poolId + status (the pool_status index) — the index finds the pool, then the
  // whole pool is sorted by deadline to take 20.
  const naive = { filter: { poolId, status: 'published', neededBy: { $gte: today } } as Filter, sort: { neededBy: 1 } as SortSpec };
  const naiveTimes: number[] = [];
  const keyed = query(poolId, CASES[0], today);
  const keyedTimes: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    let s = performance.now();
    await store.find(C.wishes, naive.filter, { sort: naive.sort, limit: PAGE });
    naiveTimes.push(performance.now() - s);
    s = performance.now();
    await store.find(C.wishes, keyed.filter, { sort: keyed.sort, limit: PAGE });
    keyedTimes.push(performance.now() - s);
  }
  const n50 = quantile(naiveTimes, 0.5);
  const k50 = quantile(keyedTimes, 0.5);
  console.log(`\nfirst page by deadline, find only: pool key ${k50.toFixed(2)} ms p50  vs  poolId + status ${n50.toFixed(2)} ms p50  (${(n50 / k50).toFixed(0)}× slower)`);
  // Where a page's time goes: the find of 20 and the total counted up to POOL_TOTAL_CAP ahead (what the function
  // does), beside a full count of the pool (what it did before: the deadline range is checked on each document).
  const split: Record<string, number[]> = { 'find (20)': [], [`total ahead (≤ ${POOL_TOTAL_CAP}, ids)`]: [], 'full count (key + deadline)': [] };
  for (let i = 0; i < LOADS; i++) {
    let s = performance.now();
    await store.find(C.wishes, keyed.filter, { sort: keyed.sort, limit: PAGE });
    split['find (20)'].push(performance.now() - s);
    s = performance.now();
    await store.find(C.wishes, keyed.filter, { sort: keyed.sort, limit: POOL_TOTAL_CAP + 1, projection: { _id: 1 } });
    split[`total ahead (≤ ${POOL_TOTAL_CAP}, ids)`].push(performance.now() - s);
    s = performance.now();
    await store.count(C.wishes, keyed.filter);
    split['full count (key + deadline)'].push(performance.now() - s);
  }
  console.log('\nfirst page by deadline, split (store only):');
  for (const [k, xs] of Object.entries(split)) console.log(`  ${k.padEnd(26)} p50 ${quantile(xs, 0.5).toFixed(2).padStart(8)} ms   p95 ${quantile(xs, 0.95).toFixed(2).padStart(8)} ms`);
  console.log(`  plan of the count: ${store.explain(C.wishes, keyed.filter, {}).join(' | ')}`);
  console.log(`  plan of the poolId + status find: ${store.explain(C.wishes, naive.filter, { sort: naive.sort, limit: PAGE }).join(' | ')}`);

  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
