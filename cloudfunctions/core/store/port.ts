/**
 * The Store port: the only way domain code touches the document database.
 *
 * Filters are a typed subset of MongoDB's: field equality (dotted paths allowed; an array field equals a value
 * when it contains it), and the operators $eq $ne $gt $gte $lt $lte $in $nin $exists, combined with $and / $or.
 * Updates use $set, $unset, $inc, $push and $pull (removes every array element equal to a scalar value).
 * Both adapters (embedded, cloudbase) implement exactly this subset, proven by one contract suite.
 */

export type Scalar = string | number | boolean | null;
export type DocValue = Scalar | DocValue[] | { [key: string]: DocValue | undefined };
export interface Doc {
  _id: string;
  [key: string]: DocValue | undefined;
}

/** What the port accepts and returns: any object with a string `_id` (domain types need no index signature). */
export interface AnyDoc {
  _id: string;
}

export interface FieldOps {
  $eq?: DocValue;
  $ne?: DocValue;
  $gt?: Scalar;
  $gte?: Scalar;
  $lt?: Scalar;
  $lte?: Scalar;
  $in?: Scalar[];
  $nin?: Scalar[];
  $exists?: boolean;
}

export type Filter = {
  $and?: Filter[];
  $or?: Filter[];
} & { [field: string]: DocValue | FieldOps | Filter[] | undefined };

export interface Update {
  $set?: Record<string, DocValue>;
  $unset?: Record<string, true>;
  $inc?: Record<string, number>;
  $push?: Record<string, DocValue>;
  /** Removes every element equal to the value from the array at the path; no-op when the field is absent. */
  $pull?: Record<string, Scalar>;
}

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: SortSpec;
  /** Defaults to 100 and is capped at 1000, as CloudBase does. */
  limit?: number;
  skip?: number;
  /** Fields to return (1) — `_id` always comes back. */
  projection?: Record<string, 1>;
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export function effectiveLimit(limit?: number): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  return Math.max(1, Math.min(MAX_LIMIT, Math.floor(limit)));
}

export interface UpdateResult {
  matched: number;
  modified: number;
}

/** Document-level operations available inside a transaction. */
export interface TxStore {
  get<T extends AnyDoc = Doc>(collection: string, id: string): Promise<T | null>;
  /** Fails with StoreError('duplicate') when the id exists. */
  insert<T extends AnyDoc>(collection: string, doc: T): Promise<void>;
  /** Replaces (or creates) the whole document. */
  set<T extends AnyDoc>(collection: string, doc: T): Promise<void>;
  /** Applies an update to one document; returns false when it does not exist. */
  update(collection: string, id: string, update: Update): Promise<boolean>;
  remove(collection: string, id: string): Promise<boolean>;
}

export interface Store {
  get<T extends AnyDoc = Doc>(collection: string, id: string): Promise<T | null>;
  find<T extends AnyDoc = Doc>(collection: string, filter: Filter, options?: FindOptions): Promise<T[]>;
  count(collection: string, filter: Filter): Promise<number>;
  /** Fails with StoreError('duplicate') on an existing id or a unique-index clash. */
  insert<T extends AnyDoc>(collection: string, doc: T): Promise<void>;
  /** Replaces (or creates) the whole document with this id. */
  set<T extends AnyDoc>(collection: string, doc: T): Promise<void>;
  /**
   * Conditional update: applies `update` to the documents that match `filter` at the moment of writing,
   * atomically per document. `multi: false` (the default) touches at most one document.
   */
  update(collection: string, filter: Filter, update: Update, options?: { multi?: boolean }): Promise<UpdateResult>;
  remove(collection: string, filter: Filter, options?: { multi?: boolean }): Promise<number>;
  /**
   * Applies `update` to one document that matches `filter`, atomically, and returns that document as it is right
   * after this update (null when none matched): the way to take a distinct number from a counter.
   */
  updateAndGet<T extends AnyDoc = Doc>(collection: string, filter: Filter, update: Update): Promise<T | null>;
  /**
   * Runs `work` as one transaction of document-level operations; all its writes land together or not at all.
   * The work may be retried on conflict, so it must not have side effects outside the transaction.
   */
  transaction<T>(work: (tx: TxStore) => Promise<T>): Promise<T>;
  close?(): Promise<void>;
}

export type StoreErrorKind = 'duplicate' | 'conflict' | 'not_found' | 'invalid' | 'unavailable';

export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function isStoreError(e: unknown, kind?: StoreErrorKind): e is StoreError {
  return e instanceof StoreError && (kind === undefined || e.kind === kind);
}

/** A domain value as a stored value, for `$set` and `$push` (domain types need no index signature). */
export function dv<T>(value: T): DocValue {
  return value as unknown as DocValue;
}

/** Domain fields as a `$set`. */
export function fields<T extends object>(value: T): Record<string, DocValue> {
  return value as unknown as Record<string, DocValue>;
}
