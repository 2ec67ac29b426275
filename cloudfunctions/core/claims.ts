/**
 * The three concurrency primitives every feature uses, written once with their recovery (ADR 0011):
 *
 * - **Slot**: one holder per key — one sign-up per person per trip, one trip a year, one open case per person and
 *   aid kind a year, one open transfer per person. A deterministic document id is the guard: `claim` inserts it;
 *   a repeat by the same holder is recognised (idempotent); `release` removes it only for its holder.
 * - **Quota**: a limited number of places with a ledger of who holds them — the places of a trip session, the open
 *   claims a volunteer may hold. The ledger lives in the quota document itself (`held: { holderId: since }`), so
 *   taking, giving back and handing on a place are each ONE conditional update of one document: `left` and the
 *   ledger can never disagree (capacity = left + holders), whatever crashes. What a feature must recover is only
 *   the link between a ledger entry and its holder's record, which `staleHolders` finds.
 * - **Counter**: distinct, gapless numbers from one atomic find-one-and-update.
 *
 * Never check-then-write: every decision is a conditional write whose filter states the condition.
 */
import { type DocValue, isStoreError, type Store } from './store/port';

// ---------------------------------------------------------------------------------------------------------------
// Slots

export interface SlotDoc {
  _id: string;
  /** Who holds the slot: usually the id of the record it guards. */
  holder: string;
  at: string;
  [extra: string]: unknown;
}

export type SlotClaim<T extends SlotDoc> = { won: true; slot: T } | { won: false; slot: T };

/**
 * Claims `slot._id` for `slot.holder`. Wins when the slot was free or is already held by the same holder
 * (a retry); otherwise answers who holds it.
 */
export async function claimSlot<T extends SlotDoc>(store: Store, collection: string, slot: T): Promise<SlotClaim<T>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await store.insert(collection, slot);
      return { won: true, slot };
    } catch (e) {
      if (!isStoreError(e, 'duplicate')) throw e;
    }
    const held = await store.get<T>(collection, slot._id);
    if (!held) continue; // released meanwhile
    return { won: held.holder === slot.holder, slot: held };
  }
  throw new Error(`slot ${slot._id} kept changing`);
}

/** Frees a slot, only if `holder` still holds it. */
export async function releaseSlot(store: Store, collection: string, id: string, holder: string): Promise<boolean> {
  return (await store.remove(collection, { _id: id, holder })) === 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Quotas

export interface QuotaFields {
  capacity: number;
  /** Places nobody holds: taken only by a conditional decrement while above zero. */
  left: number;
  /** The ledger: holder id → when it took (or last confirmed) its place. */
  held: Record<string, string>;
}

export type TakeResult = 'taken' | 'already_held' | 'full' | 'missing';

const ledger = (holder: string) => {
  if (!/^[A-Za-z0-9_-]{1,120}$/.test(holder)) throw new Error(`bad quota holder id ${holder}`);
  return `held.${holder}`;
};

/**
 * Takes a place for `holder`: one conditional update (`left > 0` and not yet holding). A holder that already
 * holds one (a retry after a crash) keeps it, and its ledger entry is refreshed so recovery does not reclaim it.
 */
export async function takePlace(store: Store, collection: string, id: string, holder: string, at: string): Promise<TakeResult> {
  const path = ledger(holder);
  const took = await store.update(collection, { _id: id, left: { $gt: 0 }, [path]: { $exists: false } }, { $inc: { left: -1 }, $set: { [path]: at } });
  if (took.matched === 1) return 'taken';
  const refreshed = await store.update(collection, { _id: id, [path]: { $exists: true } }, { $set: { [path]: at } });
  if (refreshed.matched === 1) return 'already_held';
  return (await store.get(collection, id)) ? 'full' : 'missing';
}

/** Gives `holder`'s place back to the pool; false when it held none. */
export async function releasePlace(store: Store, collection: string, id: string, holder: string): Promise<boolean> {
  const path = ledger(holder);
  const res = await store.update(collection, { _id: id, [path]: { $exists: true } }, { $inc: { left: 1 }, $unset: { [path]: true } });
  return res.matched === 1;
}

/**
 * Hands `from`'s place straight to `to` (a freed place offered to the first person waiting) without it ever
 * passing through the pool, where someone else could take it.
 */
export async function handOnPlace(store: Store, collection: string, id: string, from: string, to: string, at: string): Promise<boolean> {
  const src = ledger(from);
  const dst = ledger(to);
  const res = await store.update(collection, { _id: id, [src]: { $exists: true }, [dst]: { $exists: false } }, { $unset: { [src]: true }, $set: { [dst]: at } });
  return res.matched === 1;
}

/** True when the quota's ledger lists `holder`. */
export function holdsPlace(doc: QuotaFields | null, holder: string): boolean {
  return !!doc && Object.prototype.hasOwnProperty.call(doc.held ?? {}, holder);
}

/** Changes the capacity by `delta`; a cut succeeds only while enough places are free. */
export async function resizeQuota(store: Store, collection: string, id: string, delta: number, set: Record<string, DocValue> = {}): Promise<boolean> {
  const filter = delta < 0 ? { _id: id, left: { $gte: -delta } } : { _id: id };
  const res = await store.update(collection, filter, { $inc: { capacity: delta, left: delta }, ...(Object.keys(set).length ? { $set: set } : {}) });
  return res.matched === 1;
}

/** Ledger entries older than `olderThan` (ISO): the ones a recovery pass should check against their holders. */
export function staleHolders(doc: QuotaFields, olderThan: string): string[] {
  return Object.entries(doc.held ?? {})
    .filter(([, since]) => since < olderThan)
    .map(([holder]) => holder);
}

export function holderCount(doc: QuotaFields): number {
  return Object.keys(doc.held ?? {}).length;
}

// ---------------------------------------------------------------------------------------------------------------
// Counters

/**
 * The next number of a counter (1, 2, 3 …): one atomic find-one-and-update. The counter document is created on
 * first use; `extra` fields are stored with it.
 */
export async function nextNumber(store: Store, collection: string, id: string, field = 'n', extra: Record<string, unknown> = {}): Promise<number> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = await store.updateAndGet<{ _id: string } & Record<string, unknown>>(collection, { _id: id }, { $inc: { [field]: 1 } });
    if (doc) return doc[field] as number;
    try {
      await store.insert(collection, { _id: id, [field]: 0, ...extra });
    } catch (e) {
      if (!isStoreError(e, 'duplicate')) throw e;
    }
  }
  throw new Error(`counter ${id} could not be created`);
}
