/**
 * The manifest's indexes are real SQLite indexes: results through an index equal a scan's (same order), declared
 * indexes serve their queries (EXPLAIN QUERY PLAN shows no full scan of the collection's table), compound indexes
 * serve an equality prefix plus a range or sort, multikey side tables follow every write, scalar-indexed fields
 * refuse arrays, and unique indexes are sparse.
 */
import { EmbeddedStore } from './embedded';
import { COLLECTIONS, type CollectionSpec } from './manifest';
import type { Filter } from './port';

const manifest: CollectionSpec[] = [
  { name: 'people', description: 'test', indexes: [
    { name: 'openid', keys: { openid: 1 }, unique: true },
    { name: 'path', keys: { path: 1 }, multikey: true },
    { name: 'rank', keys: { rank: 1 } },
  ] },
  { name: 'wishes', description: 'test', indexes: [
    { name: 'browse', keys: { status: 1, area: 1, category: 1, deadline: 1 } },
    { name: 'scope', keys: { orgPath: 1, createdAt: -1 }, multikey: true },
  ] },
];

/** Plan lines that read the whole collection table (the table is "c:<name>"). */
const fullScans = (plan: string[], table: string) => plan.filter((line) => new RegExp(`^SCAN (c|"?c:${table}"?)( |$)`).test(line) && !/USING/.test(line));

describe('embedded store indexes', () => {
  it('give exactly what a scan gives, in the same order, across inserts, updates, removals and array elements', async () => {
    const store = new EmbeddedStore({ collections: manifest });
    for (let i = 0; i < 50; i++) {
      await store.insert('people', { _id: `p${i}`, openid: `o${i}`, path: ['root', `c${i % 3}`], rank: i % 5 });
    }
    const scanIds = async (f: (d: { openid: string; path: string[]; rank: number }) => boolean) =>
      (await store.find<{ _id: string; openid: string; path: string[]; rank: number }>('people', {}, { limit: 1000 })).filter(f).map((d) => d._id);
    const ids = async (filter: Filter) => (await store.find('people', filter, { limit: 1000 })).map((d) => d._id);

    expect(await ids({ openid: 'o7' })).toEqual(['p7']);
    expect(await ids({ path: 'c1' })).toEqual(await scanIds((d) => d.path.includes('c1')));
    expect(await ids({ rank: 3, path: 'c0' })).toEqual(await scanIds((d) => d.rank === 3 && d.path.includes('c0')));
    expect(await ids({ rank: { $eq: 2 } })).toEqual(await scanIds((d) => d.rank === 2));
    expect(await ids({ path: { $in: ['c1', 'c2'] } })).toEqual(await scanIds((d) => d.path.includes('c1') || d.path.includes('c2')));
    expect(await ids({ rank: { $gte: 3 } })).toEqual(await scanIds((d) => d.rank >= 3));

    await store.update('people', { _id: 'p1' }, { $set: { path: ['root', 'c9'], rank: 3 } });
    await store.update('people', { rank: 4 }, { $set: { rank: 40 } }, { multi: true });
    await store.remove('people', { openid: 'o2' });
    await store.insert('people', { _id: 'p2', openid: 'o2-new', path: ['root', 'c1'], rank: 3 });
    await store.update('people', { _id: 'p5' }, { $pull: { path: 'root' } });
    await store.transaction(async (tx) => {
      await tx.set('people', { _id: 'p6', openid: 'o6', path: ['elsewhere'], rank: 1 });
      await tx.remove('people', 'p8');
    });
    expect(await ids({ path: 'c9' })).toEqual(['p1']);
    expect(await ids({ rank: 4 })).toEqual([]);
    expect(await ids({ rank: 40 })).toEqual(await scanIds((d) => d.rank === 40));
    expect(await ids({ rank: 3 })).toEqual(await scanIds((d) => d.rank === 3));
    expect(await ids({ openid: 'o2' })).toEqual([]);
    expect(await ids({ openid: 'o2-new' })).toEqual(['p2']);
    expect(await ids({ path: 'elsewhere' })).toEqual(['p6']);
    expect(await store.count('people', { path: 'root' })).toBe(47);
    expect(await ids({ rank: '3' })).toEqual([]);
    expect(store.check()).toEqual([]);
    await store.close();
  });

  it('serve declared-index queries without a full scan of the collection', async () => {
    const store = new EmbeddedStore({ collections: manifest });
    const plan = (filter: Filter, sort?: Record<string, 1 | -1>, collection = 'wishes') => store.explain(collection, filter, { sort, limit: 20 });
    for (let i = 0; i < 30; i++) {
      await store.insert('wishes', {
        _id: `w${i}`, status: i % 2 ? 'published' : 'draft', area: `a${i % 3}`, category: `k${i % 4}`,
        deadline: `2026-07-${String(1 + (i % 28)).padStart(2, '0')}`, orgPath: ['zj', `city${i % 2}`], createdAt: `2026-06-${String(1 + (i % 28)).padStart(2, '0')}`,
      });
    }
    // The listing the wishes benchmark runs: equality prefix, sorted by the next key — the index gives the order too.
    const browse = plan({ status: 'published', area: 'a1', category: 'k3' }, { deadline: 1 });
    expect(browse.join('\n')).toMatch(/USING INDEX "?x:wishes:browse:/);
    expect(browse.join('\n')).not.toMatch(/TEMP B-TREE/);
    expect(fullScans(browse, 'wishes')).toEqual([]);
    // Equality prefix plus a range on the next key.
    const range = plan({ status: 'published', area: 'a1', category: 'k3', deadline: { $gte: '2026-07-10', $lt: '2026-07-20' } });
    expect(range.join('\n')).toMatch(/USING INDEX "?x:wishes:browse:/);
    expect(fullScans(range, 'wishes')).toEqual([]);
    // A shorter prefix still uses the index.
    expect(plan({ status: 'published' }).join('\n')).toMatch(/USING INDEX "?x:wishes:browse:/);
    // A multikey field pinned to one element: the side table serves the equality and the declared sort.
    const scope = plan({ orgPath: 'city1', status: 'published' }, { createdAt: -1 });
    expect(scope.join('\n')).toMatch(/SEARCH s USING PRIMARY KEY \(k0r=\? AND k0v=\?\)/);
    expect(scope.join('\n')).not.toMatch(/TEMP B-TREE/);
    expect(fullScans(scope, 'wishes')).toEqual([]);
    expect(fullScans(plan({ orgPath: { $in: ['city0', 'city1'] } }), 'wishes')).toEqual([]);
    // The manifest's own indexes too.
    const real = new EmbeddedStore();
    expect(real.explain('users', { openid: 'x' }).join('\n')).toMatch(/USING INDEX "?x:users:openid_unique:/);
    expect(fullScans(real.explain('trip_signups', { sessionId: 's', status: 'waiting', waitNo: { $lt: 5 } }), 'trip_signups')).toEqual([]);
    expect(fullScans(real.explain('greencard_cards', { holderOrgPath: 'org_jx' }, { sort: { appliedAt: -1 } }), 'greencard_cards')).toEqual([]);
    expect(fullScans(real.explain('users', { _id: 'u1' }), 'users')).toEqual([]);
    // A field without an index is scanned (and still exact).
    expect(fullScans(plan({ title: 'x' }), 'wishes')).not.toEqual([]);
    // The results through the indexes are the scan's.
    const all = await store.find<{ _id: string; status: string; area: string; category: string; deadline: string; orgPath: string[]; createdAt: string }>('wishes', {}, { limit: 1000 });
    const got = await store.find('wishes', { status: 'published', area: 'a1', category: 'k3' }, { sort: { deadline: 1 } });
    expect(got.map((d) => d._id)).toEqual(all.filter((d) => d.status === 'published' && d.area === 'a1' && d.category === 'k3')
      .sort((x, y) => (x.deadline < y.deadline ? -1 : x.deadline > y.deadline ? 1 : 0)).map((d) => d._id));
    const scoped = await store.find('wishes', { orgPath: 'city1', status: 'published' }, { sort: { createdAt: -1 }, limit: 5 });
    expect(scoped.map((d) => d._id)).toEqual(all.filter((d) => d.orgPath.includes('city1') && d.status === 'published')
      .sort((x, y) => (x.createdAt < y.createdAt ? 1 : x.createdAt > y.createdAt ? -1 : 0)).slice(0, 5).map((d) => d._id));
    await store.close();
    await real.close();
  });

  it('refuses an array in a scalar-indexed field, everywhere it could be written', async () => {
    const store = new EmbeddedStore({ collections: manifest });
    await store.insert('people', { _id: 'p', openid: 'o', rank: 1 });
    const refused = [
      () => store.insert('people', { _id: 'q', rank: [1, 2] }),
      () => store.set('people', { _id: 'p', openid: ['o'] }),
      () => store.update('people', { _id: 'p' }, { $set: { rank: [3] } }),
      () => store.updateAndGet('people', { _id: 'p' }, { $set: { rank: [4] } }),
      () => store.transaction((tx) => tx.insert('people', { _id: 'q', openid: ['q'] })),
      () => store.transaction((tx) => tx.set('people', { _id: 'p', rank: [5] })),
    ];
    for (const write of refused) await expect(write()).rejects.toMatchObject({ kind: 'invalid', message: expect.stringMatching(/multikey/) });
    expect(await store.get('people', 'p')).toEqual({ _id: 'p', openid: 'o', rank: 1 });
    expect(await store.get('people', 'q')).toBeNull();
    // A multikey field takes arrays and scalars alike.
    await store.insert('people', { _id: 'r', path: 'solo' });
    expect((await store.find('people', { path: 'solo' })).map((d) => d._id)).toEqual(['r']);
    await store.close();
  });

  it('keeps unique indexes sparse: documents without the field (or with null) are not constrained', async () => {
    const store = new EmbeddedStore({ collections: manifest });
    await store.insert('people', { _id: 'a' });
    await store.insert('people', { _id: 'b' });
    await store.insert('people', { _id: 'c', openid: null });
    await store.insert('people', { _id: 'd', openid: null });
    await store.insert('people', { _id: 'e', openid: 'x' });
    await expect(store.insert('people', { _id: 'f', openid: 'x' })).rejects.toMatchObject({ kind: 'duplicate', message: expect.stringMatching(/openid/) });
    // Types are distinct keys, as in MongoDB.
    await store.insert('people', { _id: 'g', openid: 1 });
    await store.insert('people', { _id: 'h', openid: '1' });
    await store.insert('people', { _id: 'i', openid: true });
    // A transaction that swaps two unique keys is judged on its final state.
    await store.insert('people', { _id: 'j', openid: 'y' });
    await store.transaction(async (tx) => {
      await tx.update('people', 'e', { $set: { openid: 'y' } });
      await tx.update('people', 'j', { $set: { openid: 'x' } });
    });
    expect((await store.get('people', 'e'))?.openid).toBe('y');
    expect((await store.get('people', 'j'))?.openid).toBe('x');
    await store.close();
  });

  it('builds the whole manifest and keeps collection names case-sensitive', async () => {
    const store = new EmbeddedStore();
    for (const c of COLLECTIONS) expect(await store.count(c.name, {})).toBe(0);
    await store.insert('Mixed', { _id: 'x', v: 1 });
    await store.insert('mixed', { _id: 'x', v: 2 });
    expect(await store.get('Mixed', 'x')).toEqual({ _id: 'x', v: 1 });
    expect(await store.get('mixed', 'x')).toEqual({ _id: 'x', v: 2 });
    expect(Object.keys(store.snapshot()).sort()).toEqual(['Mixed', 'mixed']);
    await expect(store.get('bad name', 'x')).rejects.toMatchObject({ kind: 'invalid' });
    await store.close();
  });
});
