/**
 * The three concurrency primitives every feature uses, written once with their recovery (ADR 0012):
 *
 * - **Slot**: one holder per key — one sign-up per person per trip, one trip a year, one open case per person and
 *   aid kind a year, one open transfer per person. A deterministic document id is the guard: `claim` inserts it;
 *   a repeat by the same holder is recognised (idempotent); `release` removes it only for its holder.
 * - **Quota**: a limited number of places with a ledger of who holds them — the places of a trip session, the open
 *   claims a volunteer may hold. The ledger lives in the quota document itself (`held: { holderId: since }`), so
 *   taking, giving back and handing on a place are each ONE conditional update of one document: `left` and the
 *   ledger can never disagree (capacity = left + holders), whatever crashes. What a feature must recover is only
 *   the link between a ledger entry and its holder's record, which `Quota.staleHolders` finds.
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

/**
 * Where a quota keeps its numbers in its document. A feature may keep them under its own names (a trip session says
 * `places` and `placesLeft`); every change also stamps `touchedAt`, which the recovery pass uses to find quotas that
 * moved recently.
 */
export interface QuotaShape {
  capacity: string;
  left: string;
  held: string;
}

export const DEFAULT_QUOTA: QuotaShape = { capacity: 'capacity', left: 'left', held: 'held' };

export type TakeResult = 'taken' | 'already_held' | 'full' | 'missing';

function ledgerPath(shape: QuotaShape, holder: string): string {
  if (!/^[A-Za-z0-9_-]{1,120}$/.test(holder)) throw new Error(`bad quota holder id ${holder}`);
  return `${shape.held}.${holder}`;
}

export class Quota {
  constructor(
    private readonly store: Store,
    readonly collection: string,
    readonly shape: QuotaShape = DEFAULT_QUOTA,
  ) {}

  /** A new quota's fields: every place free, nobody holding. */
  fieldsFor(capacity: number): Record<string, DocValue> {
    return { [this.shape.capacity]: capacity, [this.shape.left]: capacity, [this.shape.held]: {} };
  }

  /**
   * Takes a place for `holder`: one conditional update (`left > 0` and not yet holding). A holder that already
   * holds one (a retry after a crash) keeps it, and its ledger entry is refreshed so recovery does not reclaim it.
   */
  async take(id: string, holder: string, at: string): Promise<TakeResult> {
    const path = ledgerPath(this.shape, holder);
    const took = await this.store.update(
      this.collection,
      { _id: id, [this.shape.left]: { $gt: 0 }, [path]: { $exists: false } },
      { $inc: { [this.shape.left]: -1 }, $set: { [path]: at, touchedAt: at } },
    );
    if (took.matched === 1) return 'taken';
    const refreshed = await this.store.update(this.collection, { _id: id, [path]: { $exists: true } }, { $set: { [path]: at, touchedAt: at } });
    if (refreshed.matched === 1) return 'already_held';
    return (await this.store.get(this.collection, id)) ? 'full' : 'missing';
  }

  /** Gives `holder`'s place back to the pool; false when it held none. */
  async release(id: string, holder: string, at: string): Promise<boolean> {
    const path = ledgerPath(this.shape, holder);
    const res = await this.store.update(this.collection, { _id: id, [path]: { $exists: true } }, { $inc: { [this.shape.left]: 1 }, $unset: { [path]: true }, $set: { touchedAt: at } });
    return res.matched === 1;
  }

  /**
   * Hands `from`'s place straight to `to` (a freed place offered to the first person waiting) without it passing
   * through the pool, where someone else could take it. False when `from` holds none or `to` already holds one.
   */
  async handOn(id: string, from: string, to: string, at: string): Promise<boolean> {
    const src = ledgerPath(this.shape, from);
    const dst = ledgerPath(this.shape, to);
    const res = await this.store.update(
      this.collection,
      { _id: id, [src]: { $exists: true }, [dst]: { $exists: false } },
      { $unset: { [src]: true }, $set: { [dst]: at, touchedAt: at } },
    );
    return res.matched === 1;
  }

  /** Changes the capacity by `delta`; a cut succeeds only while enough places are free. */
  async resize(id: string, delta: number, at: string, set: Record<string, DocValue> = {}): Promise<boolean> {
    const filter = delta < 0 ? { _id: id, [this.shape.left]: { $gte: -delta } } : { _id: id };
    const res = await this.store.update(this.collection, filter, { $inc: { [this.shape.capacity]: delta, [this.shape.left]: delta }, $set: { ...set, touchedAt: at } });
    return res.matched === 1;
  }

  ledger(doc: object | null): Record<string, string> {
    return ((doc as Record<string, unknown> | null)?.[this.shape.held] as Record<string, string> | undefined) ?? {};
  }

  holds(doc: object | null, holder: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.ledger(doc), holder);
  }

  /** Ledger entries older than `olderThan` (ISO): the ones a recovery pass checks against their holders' records. */
  staleHolders(doc: object | null, olderThan: string): string[] {
    return Object.entries(this.ledger(doc))
      .filter(([, since]) => since < olderThan)
      .map(([holder]) => holder);
  }

  left(doc: object | null): number {
    return ((doc as Record<string, unknown> | null)?.[this.shape.left] as number | undefined) ?? 0;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Counters

/**
 * The next number of a counter (1, 2, 3 …): one atomic find-one-and-update. The counter document is created on
 * first use; `extra` fields are stored with it.
 */
export async function nextNumber(store: Store, collection: string, id: string, field = 'n', extra: Record<string, unknown> = {}): Promise<number> {
  return ((await nextCounter(store, collection, id, field, extra)) as Record<string, unknown>)[field] as number;
}

/** Like `nextNumber`, answering the whole counter document as this increment left it. */
export async function nextCounter<T extends { _id: string }>(store: Store, collection: string, id: string, field = 'n', extra: Record<string, unknown> = {}): Promise<T> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = await store.updateAndGet<T>(collection, { _id: id }, { $inc: { [field]: 1 } });
    if (doc) return doc;
    try {
      await store.insert(collection, { _id: id, [field]: 0, ...extra });
    } catch (e) {
      if (!isStoreError(e, 'duplicate')) throw e;
    }
  }
  throw new Error(`counter ${id} could not be created`);
}
