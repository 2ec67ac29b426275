/**
 * The SQL the embedded store compiles filters to gives exactly the documents MongoDB's semantics give (mingo, the
 * engine the store used before, as the reference), on random documents and random filters — with no index, with
 * scalar expression indexes and with multikey side tables — and sorts exactly like the port's compareValues.
 * Deterministic: a fixed-seed generator, no timing.
 */
import { Query } from 'mingo';
import { EmbeddedStore } from './embedded';
import type { CollectionSpec } from './manifest';
import type { Doc, DocValue, Filter } from './port';
import { sortDocs } from './update';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCALARS: DocValue[] = [0, 1, 2, 2.5, -1, 'a', 'b', 'c', '1', '', true, false, null];
// No arrays nested in arrays: mingo matches values at any depth of nesting, MongoDB only one level down.
const ANY: DocValue[] = [...SCALARS, [], [1, 'a'], ['a', 'b'], ['b', null], { x: 1 }, { x: 1, y: 'a' }];

const INDEXED: CollectionSpec[] = [{ name: 'docs', description: 'test', indexes: [
  { name: 'n', keys: { n: 1 } },
  { name: 's_flag', keys: { s: 1, flag: -1 } },
  { name: 'op', keys: { 'o.p': 1 } },
  { name: 'tags', keys: { tags: 1, n: -1 }, multikey: true },
  { name: 'list', keys: { 'b.c': 1 }, multikey: true },
] }];

function makeDocs(next: () => number, count: number): Doc[] {
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)];
  const docs: Doc[] = [];
  for (let i = 0; i < count; i++) {
    const doc: Doc = { _id: `d${String(i).padStart(3, '0')}` };
    if (next() < 0.85) doc.n = pick(SCALARS);
    if (next() < 0.85) doc.s = pick(SCALARS);
    if (next() < 0.7) doc.flag = pick([true, false, null, 1]);
    if (next() < 0.8) doc.a = pick(ANY);
    if (next() < 0.8) doc.tags = next() < 0.8 ? Array.from({ length: Math.floor(next() * 4) }, () => pick(SCALARS)) : pick(SCALARS);
    if (next() < 0.6) doc.o = next() < 0.8 ? { p: pick(SCALARS) } : pick([null, 5, 'x', {}]);
    if (next() < 0.6) {
      doc.b = next() < 0.5
        ? { c: pick(ANY) }
        // Arrays along a dotted path hold at least one object: for `{'b.c': null}` on `b: [5]` or `b: []` mingo says
        // no match, MongoDB (null matches a missing path) and the store say match.
        : [{ c: pick(SCALARS) }, ...Array.from({ length: Math.floor(next() * 2) }, () => (next() < 0.8 ? { c: pick(SCALARS) } : pick(SCALARS)))];
    }
    docs.push(doc);
  }
  return docs;
}

const PATHS = ['n', 's', 'flag', 'a', 'tags', 'o.p', 'o', 'b.c', 'b', 'nope', '_id'];

function makeFilter(next: () => number, depth = 0): Filter {
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)];
  const r = next();
  if (depth < 2 && r < 0.15) return { [pick(['$and', '$or'])]: [makeFilter(next, depth + 1), makeFilter(next, depth + 1)] } as Filter;
  const path = pick(PATHS);
  const value = path === '_id' ? pick(['d001', 'd010', 'd050', 5, null]) : pick(ANY);
  const scalar = path === '_id' ? pick(['d001', 'd010', 'd050', 5, null]) : pick(SCALARS);
  const list = Array.from({ length: Math.floor(next() * 4) }, () => (path === '_id' ? pick(['d001', 'd002', 'd030']) : pick(SCALARS)));
  const cond: Record<string, unknown> = (() => {
    switch (Math.floor(next() * 9)) {
      case 0: return { [path]: value };
      case 1: return { [path]: { $eq: value } };
      case 2: return { [path]: { $ne: value } };
      case 3: return { [path]: { [pick(['$gt', '$gte', '$lt', '$lte'])]: scalar } };
      case 4: return { [path]: { $gt: pick([0, 'a', false]), $lte: pick([2, 'c', true]) } };
      case 5: return { [path]: { $in: list } };
      case 6: return { [path]: { $nin: list } };
      case 7: return { [path]: { $exists: next() < 0.5 } };
      default: return { [path]: scalar, [pick(PATHS.filter((p) => p !== path))]: { $ne: scalar } };
    }
  })();
  return cond as Filter;
}

const ids = (docs: { _id: string }[]) => docs.map((d) => d._id).sort();

/** mingo's lone `$gte: null` / `$lte: null` match only null; in MongoDB (and the store) they match null or missing. */
function asMongo(filter: unknown): unknown {
  if (Array.isArray(filter)) return filter.map(asMongo);
  if (!filter || typeof filter !== 'object') return filter;
  return Object.fromEntries(Object.entries(filter).map(([k, v]) => {
    if (k.startsWith('$')) return [k, asMongo(v)];
    const ops = v && typeof v === 'object' && !Array.isArray(v) ? Object.entries(v) : [];
    const nullBound = ops.length === 1 && (ops[0][0] === '$gte' || ops[0][0] === '$lte') && ops[0][1] === null;
    return [k, nullBound ? null : v];
  }));
}

describe.each([
  ['no indexes', undefined],
  ['scalar and multikey indexes', INDEXED],
])('embedded store filter semantics (%s)', (_label, collections) => {
  const next = rng(20260601);
  const docs = makeDocs(next, 160);
  let store: EmbeddedStore;

  beforeAll(async () => {
    store = new EmbeddedStore(collections ? { collections } : {});
    for (const d of docs) await store.insert('docs', d);
  });
  afterAll(() => store.close());

  it('matches MongoDB semantics (mingo) on 1000 random filters', async () => {
    const mismatches: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const filter = makeFilter(next);
      const expected = ids(new Query(asMongo(filter) as Record<string, unknown>).find(docs).all() as Doc[]);
      const actual = ids(await store.find('docs', filter, { limit: 1000 }));
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push(`${JSON.stringify(filter)}: expected ${expected.length} ${JSON.stringify(expected.slice(0, 8))}, got ${actual.length} ${JSON.stringify(actual.slice(0, 8))}`);
      expect(await store.count('docs', filter)).toBe(actual.length);
    }
    expect(mismatches).toEqual([]);
  });

  it('sorts like compareValues (null < numbers < strings < objects/arrays < booleans), ties in insertion order', async () => {
    for (const sort of [{ n: 1 }, { n: -1 }, { s: 1, n: -1 }, { flag: -1, s: 1 }, { 'o.p': 1 }, { tags: 1 }] as Record<string, 1 | -1>[]) {
      // Objects and arrays order among themselves by their JSON text in SQL (compareValues calls them equal), so
      // the comparison leaves documents holding them at a sort key aside.
      const comparable = (d: Doc) => Object.keys(sort).every((k) => {
        const v = k === 'o.p' ? (d.o && typeof d.o === 'object' && !Array.isArray(d.o) ? (d.o as Record<string, unknown>).p : undefined) : d[k];
        return v === null || typeof v !== 'object';
      });
      const expected = sortDocs(docs.filter(comparable), sort).map((d) => d._id);
      const actual = (await store.find('docs', {}, { sort, limit: 1000 })).filter(comparable).map((d) => d._id);
      expect(actual).toEqual(expected);
    }
  });
});
