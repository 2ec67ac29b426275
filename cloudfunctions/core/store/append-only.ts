/**
 * The audit trail is append-only: function code may insert into it and read it, never change or delete an entry.
 * Every runtime hands functions its store through this guard.
 */
import { type Store, StoreError, type TxStore } from './port';

export const APPEND_ONLY_COLLECTIONS = ['audit'] as const;

function refuse(collection: string): never {
  throw new StoreError('invalid', `${collection} is append-only`);
}

export type GuardedStore = Store & { readonly inner: Store };

export function appendOnly(store: Store, collections: readonly string[] = APPEND_ONLY_COLLECTIONS): GuardedStore {
  const locked = (c: string) => collections.includes(c);
  const guardTx = (tx: TxStore): TxStore => ({
    get: (c, id) => tx.get(c, id),
    insert: (c, doc) => tx.insert(c, doc),
    set: (c, doc) => (locked(c) ? refuse(c) : tx.set(c, doc)),
    update: (c, id, u) => (locked(c) ? refuse(c) : tx.update(c, id, u)),
    remove: (c, id) => (locked(c) ? refuse(c) : tx.remove(c, id)),
  });
  return {
    inner: store,
    get: (c, id) => store.get(c, id),
    find: (c, f, o) => store.find(c, f, o),
    count: (c, f) => store.count(c, f),
    insert: (c, doc) => store.insert(c, doc),
    set: async (c, doc) => (locked(c) ? refuse(c) : store.set(c, doc)),
    update: async (c, f, u, o) => (locked(c) ? refuse(c) : store.update(c, f, u, o)),
    remove: async (c, f, o) => (locked(c) ? refuse(c) : store.remove(c, f, o)),
    updateAndGet: async (c, f, u) => (locked(c) ? refuse(c) : store.updateAndGet(c, f, u)),
    transaction: (work) => store.transaction((tx) => work(guardTx(tx))),
    ...(store.close ? { close: () => store.close!() } : {}),
  };
}
