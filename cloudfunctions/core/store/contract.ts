/**
 * The Store contract: one suite every adapter must pass (embedded directly; cloudbase through the real SDK
 * and the local emulator). Call it from a `*.test.ts` file:
 *
 *   describeStoreContract('embedded (memory)', async () => ({ store: new EmbeddedStore(), cleanup: async () => {} }));
 *
 * `makeStore` must return an empty store whose `users` collection enforces the manifest's unique `openid` index.
 * Nothing here depends on timing: concurrency tests assert only outcomes (exactly one winner, final counts).
 */
import { DEFAULT_LIMIT, MAX_LIMIT, type Doc, type Store, StoreError, isStoreError } from './port';

export interface StoreHandle {
  store: Store;
  cleanup(): Promise<void>;
}

const ITEMS: Doc[] = [
  { _id: 'a', n: 1, s: 'apple', tags: ['red', 'green'], profile: { city: 'hz', zip: 310000 }, flag: true, opt: 'x' },
  { _id: 'b', n: 2, s: 'banana', tags: ['yellow'], profile: { city: 'nb', zip: 315000 }, flag: false },
  { _id: 'c', n: 3, s: 'cherry', tags: ['red'], profile: { city: 'hz', zip: 310012 }, flag: true, opt: null },
  { _id: 'd', n: 4, s: 'date', tags: [], profile: { city: 'wz', zip: 325000 }, flag: false, opt: 'y' },
  { _id: 'e', n: 5, s: 'elder', tags: ['green', 'blue'], profile: { city: 'nb', zip: 315100 }, flag: true },
];

/** Types a literal as a stored document (the port takes AnyDoc, which rejects unknown literal fields). */
const d = (doc: Doc): Doc => doc;

function ids(docs: Doc[]): string[] {
  return docs.map((d) => d._id).sort();
}

async function expectStoreError(p: Promise<unknown>, kind: StoreError['kind']): Promise<void> {
  let caught: unknown = null;
  try {
    await p;
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(StoreError);
  expect((caught as StoreError).kind).toBe(kind);
}

export function describeStoreContract(name: string, makeStore: () => Promise<StoreHandle>): void {
  describe(`Store contract: ${name}`, () => {
    let handle: StoreHandle;
    let store: Store;

    beforeEach(async () => {
      handle = await makeStore();
      store = handle.store;
    });

    afterEach(async () => {
      await handle.cleanup();
    });

    async function seed(): Promise<void> {
      for (const doc of ITEMS) await store.insert('items', doc);
    }

    describe('get, insert, set', () => {
      it('returns null for a missing document and the stored document otherwise', async () => {
        expect(await store.get('items', 'nope')).toBeNull();
        await seed();
        expect(await store.get('items', 'a')).toEqual(ITEMS[0]);
      });

      it('rejects a duplicate _id with StoreError duplicate and keeps the first document', async () => {
        await store.insert('items', d({ _id: 'x', v: 1 }));
        await expectStoreError(store.insert('items', d({ _id: 'x', v: 2 })), 'duplicate');
        expect(await store.get('items', 'x')).toEqual({ _id: 'x', v: 1 });
      });

      it('rejects a unique-index clash (users.openid) on insert, set and update', async () => {
        await store.insert('users', d({ _id: 'u1', openid: 'o1' }));
        await expectStoreError(store.insert('users', d({ _id: 'u2', openid: 'o1' })), 'duplicate');
        expect(await store.get('users', 'u2')).toBeNull();
        await store.insert('users', d({ _id: 'u3', openid: 'o3' }));
        await expectStoreError(store.set('users', d({ _id: 'u3', openid: 'o1' })), 'duplicate');
        await expectStoreError(store.update('users', { _id: 'u3' }, { $set: { openid: 'o1' } }), 'duplicate');
        expect(await store.get('users', 'u3')).toEqual({ _id: 'u3', openid: 'o3' });
        expect(await store.count('users', {})).toBe(2);
        // Not part of the contract: documents lacking the indexed field. The embedded store skips them (sparse);
        // a CloudBase unique index counts a missing field as null, so at most one such document fits there.
      });

      it('set replaces the whole document, or creates it', async () => {
        await store.insert('items', d({ _id: 'r', a: 1, b: { c: 2 } }));
        await store.set('items', d({ _id: 'r', z: 'only' }));
        expect(await store.get('items', 'r')).toEqual({ _id: 'r', z: 'only' });
        await store.set('items', d({ _id: 'new', k: [1, 2] }));
        expect(await store.get('items', 'new')).toEqual({ _id: 'new', k: [1, 2] });
      });

      it('round-trips nested objects, arrays, null, booleans, empty objects and unicode', async () => {
        const doc: Doc = { _id: 'rt', name: '劳模工匠', nested: { deep: { list: [1, 'two', { three: 3 }] } }, none: null, yes: true, empty: {}, zero: 0, neg: -1.5 };
        await store.insert('items', doc);
        expect(await store.get('items', 'rt')).toEqual(doc);
      });
    });

    describe('filters', () => {
      beforeEach(seed);

      it('matches field equality, dotted paths and array membership', async () => {
        expect(ids(await store.find('items', { s: 'banana' }))).toEqual(['b']);
        expect(ids(await store.find('items', { 'profile.city': 'hz' }))).toEqual(['a', 'c']);
        expect(ids(await store.find('items', { tags: 'red' }))).toEqual(['a', 'c']);
        expect(ids(await store.find('items', { flag: true, 'profile.city': 'nb' }))).toEqual(['e']);
        expect(ids(await store.find('items', {}))).toEqual(['a', 'b', 'c', 'd', 'e']);
      });

      it('matches an embedded object by exact equality', async () => {
        expect(ids(await store.find('items', { profile: { city: 'nb', zip: 315000 } }))).toEqual(['b']);
        expect(ids(await store.find('items', { profile: { city: 'nb' } }))).toEqual([]);
      });

      it('supports $eq $ne $gt $gte $lt $lte', async () => {
        expect(ids(await store.find('items', { n: { $eq: 3 } }))).toEqual(['c']);
        expect(ids(await store.find('items', { n: { $ne: 3 } }))).toEqual(['a', 'b', 'd', 'e']);
        expect(ids(await store.find('items', { n: { $gt: 3 } }))).toEqual(['d', 'e']);
        expect(ids(await store.find('items', { n: { $gte: 3 } }))).toEqual(['c', 'd', 'e']);
        expect(ids(await store.find('items', { n: { $lt: 3 } }))).toEqual(['a', 'b']);
        expect(ids(await store.find('items', { n: { $lte: 3 } }))).toEqual(['a', 'b', 'c']);
        expect(ids(await store.find('items', { n: { $gt: 1, $lt: 4 } }))).toEqual(['b', 'c']);
        expect(ids(await store.find('items', { s: { $gte: 'c' } }))).toEqual(['c', 'd', 'e']);
        expect(ids(await store.find('items', { 'profile.zip': { $lt: 315000 } }))).toEqual(['a', 'c']);
        expect(ids(await store.find('items', { tags: { $ne: 'red' } }))).toEqual(['b', 'd', 'e']);
      });

      it('$ne matches documents where the field is missing', async () => {
        expect(ids(await store.find('items', { opt: { $ne: 'x' } }))).toEqual(['b', 'c', 'd', 'e']);
      });

      it('supports $in and $nin, also against arrays', async () => {
        expect(ids(await store.find('items', { s: { $in: ['apple', 'date', 'zzz'] } }))).toEqual(['a', 'd']);
        expect(ids(await store.find('items', { n: { $nin: [1, 2, 3] } }))).toEqual(['d', 'e']);
        expect(ids(await store.find('items', { tags: { $in: ['blue', 'yellow'] } }))).toEqual(['b', 'e']);
        expect(ids(await store.find('items', { s: { $in: [] } }))).toEqual([]);
      });

      it('supports $exists (null counts as present)', async () => {
        expect(ids(await store.find('items', { opt: { $exists: true } }))).toEqual(['a', 'c', 'd']);
        expect(ids(await store.find('items', { opt: { $exists: false } }))).toEqual(['b', 'e']);
        expect(ids(await store.find('items', { 'profile.zip': { $exists: true } }))).toHaveLength(5);
      });

      it('supports $and, $or and their nesting', async () => {
        expect(ids(await store.find('items', { $or: [{ n: 1 }, { s: 'elder' }] }))).toEqual(['a', 'e']);
        expect(ids(await store.find('items', { $and: [{ n: { $gt: 1 } }, { flag: true }] }))).toEqual(['c', 'e']);
        expect(ids(await store.find('items', {
          $and: [{ $or: [{ 'profile.city': 'hz' }, { 'profile.city': 'wz' }] }, { n: { $gte: 3 } }],
        }))).toEqual(['c', 'd']);
        expect(ids(await store.find('items', { flag: false, $or: [{ n: 2 }, { n: 3 }] }))).toEqual(['b']);
      });

      it('counts with the same filters', async () => {
        expect(await store.count('items', {})).toBe(5);
        expect(await store.count('items', { tags: 'green' })).toBe(2);
        expect(await store.count('items', { $or: [{ n: { $lte: 1 } }, { n: { $gte: 5 } }] })).toBe(2);
        expect(await store.count('nothing_here', {})).toBe(0);
      });
    });

    describe('sort, paging, projection', () => {
      it('sorts ascending, descending and by several keys', async () => {
        await seed();
        expect((await store.find('items', {}, { sort: { n: -1 } })).map((d) => d._id)).toEqual(['e', 'd', 'c', 'b', 'a']);
        expect((await store.find('items', {}, { sort: { s: 1 } })).map((d) => d._id)).toEqual(['a', 'b', 'c', 'd', 'e']);
        expect((await store.find('items', {}, { sort: { 'profile.city': 1, n: -1 } })).map((d) => d._id))
          .toEqual(['c', 'a', 'e', 'b', 'd']);
        expect((await store.find('items', {}, { sort: { flag: -1, 'profile.zip': 1 } })).map((d) => d._id))
          .toEqual(['a', 'c', 'e', 'b', 'd']);
      });

      it('returns 100 by default, at most 1000, and honours skip', async () => {
        const total = MAX_LIMIT + 60;
        const docs: Doc[] = Array.from({ length: total }, (_, i) => ({ _id: `p${String(i).padStart(5, '0')}`, i }));
        for (let i = 0; i < docs.length; i += 50) {
          await Promise.all(docs.slice(i, i + 50).map((d) => store.insert('pages', d)));
        }
        expect(await store.count('pages', {})).toBe(total);
        expect(await store.find('pages', {}, { sort: { i: 1 } })).toHaveLength(DEFAULT_LIMIT);
        const all = await store.find('pages', {}, { sort: { i: 1 }, limit: 5000 });
        expect(all).toHaveLength(MAX_LIMIT);
        expect(all[0]._id).toBe('p00000');
        const tail = await store.find('pages', {}, { sort: { i: 1 }, skip: total - 5, limit: 10 });
        expect(tail.map((d) => d.i)).toEqual([total - 5, total - 4, total - 3, total - 2, total - 1]);
        const page = await store.find('pages', { i: { $gte: 10 } }, { sort: { i: -1 }, skip: 2, limit: 3 });
        expect(page.map((d) => d.i)).toEqual([total - 3, total - 4, total - 5]);
      });

      it('projects the requested fields (dotted too) and always _id', async () => {
        await seed();
        const [doc] = await store.find('items', { _id: 'a' }, { projection: { s: 1, 'profile.city': 1 } });
        expect(doc).toEqual({ _id: 'a', s: 'apple', profile: { city: 'hz' } });
        const rows = await store.find('items', { n: { $gte: 4 } }, { sort: { n: 1 }, projection: { n: 1 } });
        expect(rows).toEqual([{ _id: 'd', n: 4 }, { _id: 'e', n: 5 }]);
      });
    });

    describe('conditional update', () => {
      beforeEach(seed);

      it('reports matched and modified for one document', async () => {
        expect(await store.update('items', { _id: 'a', n: 1 }, { $set: { s: 'apricot' } })).toEqual({ matched: 1, modified: 1 });
        expect(await store.update('items', { _id: 'a', n: 99 }, { $set: { s: 'never' } })).toEqual({ matched: 0, modified: 0 });
        expect(await store.update('items', { _id: 'a' }, { $set: { s: 'apricot' } })).toEqual({ matched: 1, modified: 0 });
        expect((await store.get('items', 'a'))?.s).toBe('apricot');
        expect(await store.update('items', { _id: 'missing' }, { $inc: { n: 1 } })).toEqual({ matched: 0, modified: 0 });
      });

      it('touches at most one document unless multi', async () => {
        expect(await store.update('items', { flag: true }, { $inc: { n: 100 } })).toEqual({ matched: 1, modified: 1 });
        expect(await store.count('items', { n: { $gt: 100 } })).toBe(1);
        expect(await store.update('items', { flag: false }, { $inc: { n: 100 } }, { multi: true })).toEqual({ matched: 2, modified: 2 });
        expect(await store.count('items', { n: { $gt: 100 } })).toBe(3);
        expect(await store.update('items', { n: { $gt: 1000 } }, { $inc: { n: 1 } }, { multi: true })).toEqual({ matched: 0, modified: 0 });
        const multiNoop = await store.update('items', { 'profile.city': 'nb' }, { $set: { 'profile.city': 'nb' } }, { multi: true });
        expect(multiNoop).toEqual({ matched: 2, modified: 0 });
      });

      it('applies $set (dotted, objects, arrays), $unset, $inc and $push', async () => {
        await store.update('items', { _id: 'a' }, {
          $set: { 'profile.city': 'sx', 'meta.created': '2026-01-01T00:00:00.000Z', obj: { k: { j: 1 } }, list: [1, 2], empty: {} },
          $unset: { opt: true, 'nope.deeper': true },
          $inc: { n: 2, 'counters.views': 1 },
          $push: { tags: 'blue' },
        });
        await store.update('items', { _id: 'a' }, { $push: { log: { at: 1, by: 'me' } }, $inc: { n: -0.5 } });
        expect(await store.get('items', 'a')).toEqual({
          _id: 'a', n: 2.5, s: 'apple', tags: ['red', 'green', 'blue'], profile: { city: 'sx', zip: 310000 }, flag: true,
          meta: { created: '2026-01-01T00:00:00.000Z' }, obj: { k: { j: 1 } }, list: [1, 2], empty: {},
          counters: { views: 1 }, log: [{ at: 1, by: 'me' }],
        });
        await store.update('items', { _id: 'a' }, { $set: { obj: { replaced: true } } });
        expect((await store.get('items', 'a'))?.obj).toEqual({ replaced: true });
      });

      it('applies $pull: removes every element equal to the value, nothing when the field is absent', async () => {
        await store.insert('items', d({ _id: 'p', tags: ['a', 'b', 'a', 1, '1', true, null], list: [{ k: 1 }] }));
        expect(await store.update('items', { _id: 'p' }, { $pull: { tags: 'a' } })).toEqual({ matched: 1, modified: 1 });
        expect((await store.get('items', 'p'))?.tags).toEqual(['b', 1, '1', true, null]);
        await store.update('items', { _id: 'p' }, { $pull: { tags: 1 }, $set: { seen: true } });
        await store.update('items', { _id: 'p' }, { $pull: { tags: null } });
        expect((await store.get('items', 'p'))?.tags).toEqual(['b', '1', true]);
        expect(await store.update('items', { _id: 'p' }, { $pull: { tags: 'zzz' } })).toEqual({ matched: 1, modified: 0 });
        expect(await store.update('items', { _id: 'p' }, { $pull: { absent: 'x' } })).toEqual({ matched: 1, modified: 0 });
        expect(await store.get('items', 'p')).toEqual({ _id: 'p', tags: ['b', '1', true], list: [{ k: 1 }], seen: true });
        await expectStoreError(store.update('items', { _id: 'a' }, { $pull: { n: 1 } }), 'invalid');
        expect((await store.get('items', 'a'))?.n).toBe(1);
        const got = await store.updateAndGet<Doc & { tags: string[] }>('items', { _id: 'a' }, { $pull: { tags: 'red' } });
        expect(got?.tags).toEqual(['green']);
      });

      it('lets exactly one of many concurrent conditional updates win', async () => {
        await store.insert('quota', d({ _id: 'q', left: 1 }));
        const results = await Promise.all(
          Array.from({ length: 50 }, () => store.update('quota', { _id: 'q', left: { $gt: 0 } }, { $inc: { left: -1 } })),
        );
        expect(results.filter((r) => r.matched === 1)).toHaveLength(1);
        expect(results.filter((r) => r.matched === 0)).toHaveLength(49);
        expect(await store.get('quota', 'q')).toEqual({ _id: 'q', left: 0 });
      });

      it('updateAndGet returns the document as this update left it, or null when none matched', async () => {
        await store.insert('counters', d({ _id: 'c', n: 0, open: true }));
        const got = await store.updateAndGet<{ _id: string; n: number; open: boolean }>('counters', { _id: 'c', open: true }, { $inc: { n: 1 }, $set: { by: 'me' } });
        expect(got).toMatchObject({ _id: 'c', n: 1, open: true, by: 'me' });
        expect(await store.updateAndGet('counters', { _id: 'c', open: false }, { $inc: { n: 1 } })).toBeNull();
        expect(await store.updateAndGet('counters', { open: true }, { $inc: { n: 1 } })).toMatchObject({ n: 2 });
        expect(await store.updateAndGet('nothing_here', { _id: 'x' }, { $inc: { n: 1 } })).toBeNull();
      });

      it('updateAndGet hands concurrent callers distinct, gapless numbers', async () => {
        await store.insert('counters', d({ _id: 'seq', last: 0 }));
        const got = await Promise.all(
          Array.from({ length: 40 }, () => store.updateAndGet<{ _id: string; last: number }>('counters', { _id: 'seq' }, { $inc: { last: 1 } })),
        );
        expect(got.map((g) => g!.last).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        expect((await store.get<{ _id: string; last: number }>('counters', 'seq'))!.last).toBe(40);
      });

      it('hands out a limited quota exactly, also without an _id in the filter', async () => {
        for (let i = 0; i < 5; i++) await store.insert('seats', d({ _id: `s${i}`, free: true }));
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => store.update('seats', { free: true }, { $set: { free: false, by: `p${i}` } })),
        );
        expect(results.filter((r) => r.matched === 1)).toHaveLength(5);
        const taken = await store.find('seats', { free: false });
        expect(taken).toHaveLength(5);
        expect(new Set(taken.map((d) => d.by)).size).toBe(5);
      });
    });

    describe('remove', () => {
      beforeEach(seed);

      it('removes one matching document by default, all with multi', async () => {
        expect(await store.remove('items', { flag: true })).toBe(1);
        expect(await store.count('items', { flag: true })).toBe(2);
        expect(await store.remove('items', { flag: false }, { multi: true })).toBe(2);
        expect(await store.remove('items', { n: 42 }, { multi: true })).toBe(0);
        expect(await store.count('items', {})).toBe(2);
        expect(await store.remove('items', { _id: 'nope' })).toBe(0);
      });

      it('frees a unique key when its document is removed', async () => {
        await store.insert('users', d({ _id: 'u1', openid: 'o1' }));
        expect(await store.remove('users', { _id: 'u1' })).toBe(1);
        await store.insert('users', d({ _id: 'u2', openid: 'o1' }));
        expect((await store.get('users', 'u2'))?.openid).toBe('o1');
      });
    });

    describe('transactions', () => {
      it('commits every write together and returns the work result', async () => {
        await store.insert('acct', d({ _id: 'from', balance: 10 }));
        await store.insert('acct', d({ _id: 'gone', balance: 0 }));
        const out = await store.transaction(async (tx) => {
          const from = await tx.get<Doc & { balance: number }>('acct', 'from');
          if (!from) throw new Error('missing');
          expect(await tx.update('acct', 'from', { $inc: { balance: -3 } })).toBe(true);
          await tx.insert('acct', d({ _id: 'to', balance: 3 }));
          await tx.set('acct', d({ _id: 'log', entries: ['moved 3'] }));
          expect(await tx.remove('acct', 'gone')).toBe(true);
          expect(await tx.update('acct', 'nobody', { $inc: { balance: 1 } })).toBe(false);
          expect(await tx.remove('acct', 'nobody')).toBe(false);
          expect(await tx.get('acct', 'nobody')).toBeNull();
          return from.balance;
        });
        expect(out).toBe(10);
        expect(await store.get('acct', 'from')).toEqual({ _id: 'from', balance: 7 });
        expect(await store.get('acct', 'to')).toEqual({ _id: 'to', balance: 3 });
        expect(await store.get('acct', 'log')).toEqual({ _id: 'log', entries: ['moved 3'] });
        expect(await store.get('acct', 'gone')).toBeNull();
      });

      it('sees its own writes', async () => {
        await store.transaction(async (tx) => {
          await tx.insert('acct', d({ _id: 'x', v: 1 }));
          expect(await tx.get('acct', 'x')).toEqual({ _id: 'x', v: 1 });
          await tx.update('acct', 'x', { $inc: { v: 1 } });
          expect(await tx.get('acct', 'x')).toEqual({ _id: 'x', v: 2 });
        });
        expect(await store.get('acct', 'x')).toEqual({ _id: 'x', v: 2 });
      });

      it('writes nothing when the work throws, and rethrows the error', async () => {
        await store.insert('acct', d({ _id: 'a', balance: 5 }));
        class Boom extends Error {}
        let caught: unknown = null;
        try {
          await store.transaction(async (tx) => {
            await tx.update('acct', 'a', { $inc: { balance: -5 } });
            await tx.insert('acct', d({ _id: 'b', balance: 5 }));
            await tx.set('acct', d({ _id: 'c', balance: 0 }));
            await tx.remove('acct', 'a');
            throw new Boom('no');
          });
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(Boom);
        expect(await store.get('acct', 'a')).toEqual({ _id: 'a', balance: 5 });
        expect(await store.get('acct', 'b')).toBeNull();
        expect(await store.get('acct', 'c')).toBeNull();
      });

      it('fails an insert of an existing id with StoreError duplicate', async () => {
        await store.insert('acct', d({ _id: 'a', balance: 5 }));
        let kind: string | null = null;
        await store.transaction(async (tx) => {
          try {
            await tx.insert('acct', d({ _id: 'a', balance: 6 }));
          } catch (e) {
            kind = isStoreError(e) ? e.kind : 'other';
          }
        }).catch(() => undefined);
        expect(kind).toBe('duplicate');
        expect(await store.get('acct', 'a')).toEqual({ _id: 'a', balance: 5 });
      });

      it('keeps concurrent transactions on the same document consistent', async () => {
        await store.insert('ctr', d({ _id: 'c', n: 0, seen: [] }));
        const workers = 5;
        await Promise.all(
          Array.from({ length: workers }, (_, i) => store.transaction(async (tx) => {
            const cur = await tx.get<Doc & { n: number; seen: string[] }>('ctr', 'c');
            if (!cur) throw new Error('missing');
            await tx.set('ctr', d({ _id: 'c', n: cur.n + 1, seen: [...cur.seen, `w${i}`] }));
          })),
        );
        const final = await store.get<Doc & { n: number; seen: string[] }>('ctr', 'c');
        expect(final?.n).toBe(workers);
        expect([...(final?.seen ?? [])].sort()).toEqual(Array.from({ length: workers }, (_, i) => `w${i}`));
      });
    });
  });
}
