/** Indexed equality lookups in the embedded store give exactly what a scan gives, in the same order. */
import { EmbeddedStore } from './embedded';
import type { CollectionSpec } from './manifest';
import type { Filter } from './port';

const manifest: CollectionSpec[] = [{ name: 'people', description: 'test', indexes: [
  { name: 'openid', keys: { openid: 1 }, unique: true },
  { name: 'path', keys: { path: 1 }, multikey: true },
  { name: 'rank', keys: { rank: 1 } },
] }];

describe('embedded store lookups', () => {
  it('follow inserts, updates, removals and array elements', async () => {
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

    await store.update('people', { _id: 'p1' }, { $set: { path: ['root', 'c9'], rank: 3 } });
    await store.update('people', { rank: 4 }, { $set: { rank: 40 } }, { multi: true });
    await store.remove('people', { openid: 'o2' });
    await store.insert('people', { _id: 'p2', openid: 'o2-new', path: ['root', 'c1'], rank: 3 });
    expect(await ids({ path: 'c9' })).toEqual(['p1']);
    expect(await ids({ rank: 4 })).toEqual([]);
    expect(await ids({ rank: 40 })).toEqual(await scanIds((d) => d.rank === 40));
    expect(await ids({ rank: 3 })).toEqual(await scanIds((d) => d.rank === 3));
    expect(await ids({ openid: 'o2' })).toEqual([]);
    expect(await ids({ openid: 'o2-new' })).toEqual(['p2']);
    expect(await store.count('people', { path: 'root' })).toBe(50);
    expect(await ids({ rank: '3' })).toEqual([]);
  });
});
