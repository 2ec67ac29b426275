/**
 * A short-lived, per-instance cache for records that hardly ever change and are read on hot paths (the org tree, a
 * partner hospital's settings): a function instance serves many calls, and each store round trip is milliseconds of a
 * person's wait. Entries expire after `ttlMs`, so an edit takes effect within that time; nothing that decides who may
 * do what about a person (their roles, their posts) is ever cached. Keyed by store, so tests never share entries.
 */
import type { AnyDoc, Store } from './store/port';

interface Entry<T> {
  value: T | null;
  until: number;
}

const caches = new WeakMap<Store, Map<string, Map<string, Entry<unknown>>>>();

export function cachedGet<T extends AnyDoc>(store: Store, collection: string, id: string, ttlMs: number, now = Date.now()): Promise<T | null> {
  let byCollection = caches.get(store);
  if (!byCollection) caches.set(store, (byCollection = new Map()));
  let entries = byCollection.get(collection);
  if (!entries) byCollection.set(collection, (entries = new Map()));
  const hit = entries.get(id);
  if (hit && hit.until > now) return Promise.resolve(hit.value as T | null);
  return store.get<T>(collection, id).then((value) => {
    if (entries!.size > 5000) entries!.clear();
    entries!.set(id, { value, until: now + ttlMs });
    return value;
  });
}

/** Forgets a record (the instance that edits it sees the change at once). */
export function forget(store: Store, collection: string, id: string): void {
  caches.get(store)?.get(collection)?.delete(id);
}

export const ORG_TTL_MS = 5 * 60_000;
export const HOSPITAL_TTL_MS = 60_000;
