/**
 * The CloudBase Store adapter: the only module that imports `@cloudbase/node-sdk` (pinned to 3.18.3, whose
 * database layer is `@cloudbase/database` 1.4.3). It speaks the port's filter/update subset through the SDK's
 * command objects and hides the platform's quirks:
 *
 * - `doc().get()` answers an array outside a transaction and an object (or null) inside one: both become `T | null`.
 * - `where().update()` / `where().remove()` ignore the transaction id (they run outside it), so TxStore offers only
 *   document-level operations (`transaction.collection(c).doc(id).get/set/update/remove`, `add` for insert).
 * - `get()` returns 100 documents unless told and at most 1000: the port's effectiveLimit is always sent.
 * - Plain objects in `where()` are flattened into dotted paths (a subset match), and plain objects in `update()`
 *   are flattened into dotted `$set`s (an empty object disappears). Object equality is therefore sent as `_.eq(v)`
 *   and every `$set` value as `_.set(v)`, which keep MongoDB's meaning.
 * - `doc().set()` refuses data containing `_id`; the id travels in the query instead.
 * - Querying a collection that does not exist fails (DATABASE_COLLECTION_NOT_EXIST): reads answer empty.
 *
 * Conditional updates: CloudBase's `where(filter).limit(1).update()` is not an atomic update-one (limit is ignored
 * by update and the count it answers is `updated`, which cannot tell "no match" from "no change"). A single update
 * is therefore sent as `where(filter).updateAndReturn(update)` (`database.modifyAndReturnDoc`, the server's
 * findOneAndUpdate): one request, atomic on one document, and the returned document tells whether one matched.
 * A multi update lists the matching ids (paged by `_id`, 1000 at a time) and applies the same atomic
 * `updateAndReturn` to each with `_id = id AND filter`, so a document that stopped matching in between is skipped
 * and every document is still updated atomically; the counts are exact.
 *
 * Transactions: `db.startTransaction()`, the work runs against document-level operations, then `commit()`.
 * A DATABASE_TRANSACTION_CONFLICT (from any operation or the commit) aborts the attempt and reruns the work
 * with a small random back-off, up to `txRetries` times; any other error aborts and is rethrown.
 */
import { cloudbaseSdk } from '../platform/cloudbase-sdk';
import {
  type AnyDoc,
  type Doc,
  type FieldOps,
  type Filter,
  type FindOptions,
  type Store,
  StoreError,
  type StoreErrorKind,
  type TxStore,
  type Update,
  type UpdateResult,
  effectiveLimit,
  MAX_LIMIT,
} from './port';
import { applyUpdate } from './update';
import { randomBytes } from 'node:crypto';

// ---- The slice of the SDK this adapter uses, typed locally (the SDK's own typings are `any` throughout). ----

/** A query or update command object built by `db.command`; opaque to us. */
interface SdkCommand {
  and(...others: SdkCommand[]): SdkCommand;
}
type SdkQuery = Record<string, unknown> | SdkCommand;

interface SdkCommandFactory {
  eq(v: unknown): SdkCommand;
  neq(v: unknown): SdkCommand;
  gt(v: unknown): SdkCommand;
  gte(v: unknown): SdkCommand;
  lt(v: unknown): SdkCommand;
  lte(v: unknown): SdkCommand;
  in(v: unknown[]): SdkCommand;
  nin(v: unknown[]): SdkCommand;
  exists(v: boolean): SdkCommand;
  and(conditions: SdkQuery[]): SdkCommand;
  or(conditions: SdkQuery[]): SdkCommand;
  set(v: unknown): SdkCommand;
  remove(): SdkCommand;
  inc(v: number): SdkCommand;
  push(values: unknown[]): SdkCommand;
  pull(value: unknown): SdkCommand;
}

interface SdkQueryRef {
  where(q: SdkQuery): SdkQueryRef;
  orderBy(field: string, dir: 'asc' | 'desc'): SdkQueryRef;
  skip(n: number): SdkQueryRef;
  limit(n: number): SdkQueryRef;
  field(p: Record<string, boolean | number>): SdkQueryRef;
  options(o: { multiple?: boolean }): SdkQueryRef;
  get(): Promise<{ data: unknown[] }>;
  count(): Promise<{ total: number }>;
  updateAndReturn(data: Record<string, unknown>): Promise<{ updated: number; doc: unknown }>;
  update(data: Record<string, unknown>): Promise<{ updated: number }>;
  remove(): Promise<{ deleted: number }>;
}

interface SdkDocRef {
  get(): Promise<{ data: unknown }>;
  set(data: Record<string, unknown>): Promise<{ updated: number }>;
  update(data: Record<string, unknown>): Promise<{ updated: number }>;
  remove(): Promise<{ deleted: number | string }>;
}

interface SdkCollection extends SdkQueryRef {
  doc(id: string): SdkDocRef;
  add(data: Record<string, unknown>): Promise<{ id?: string }>;
}

interface SdkTransaction {
  collection(name: string): SdkCollection;
  commit(): Promise<unknown>;
  rollback(): Promise<unknown>;
}

interface SdkDb {
  command: SdkCommandFactory;
  collection(name: string): SdkCollection;
  startTransaction(): Promise<SdkTransaction>;
}

export interface CloudbaseStoreOptions {
  /** Environment id; defaults to the environment the function runs in (`tcb.SYMBOL_CURRENT_ENV`). */
  env?: string;
  /** Only outside CloudBase (inside a function the platform's temporary credentials are used). */
  secretId?: string;
  secretKey?: string;
  /** Where the SDK sends requests, e.g. the local emulator `http://127.0.0.1:PORT/admin`. */
  serviceUrl?: string;
  /** Per-request timeout in milliseconds (SDK default 15000). */
  timeout?: number;
  /** How many times a conflicting transaction is rerun (default 20). */
  txRetries?: number;
}

interface Connection {
  db: SdkDb;
}

/** One SDK app and database handle per distinct configuration, for the life of the instance. */
const connections = new Map<string, Connection>();

function connect(options: CloudbaseStoreOptions): Connection {
  const key = JSON.stringify([options.env ?? null, options.secretId ?? null, options.serviceUrl ?? null, options.timeout ?? null]);
  let conn = connections.get(key);
  if (!conn) {
    const app = cloudbaseSdk().init({
      env: options.env ?? cloudbaseSdk().SYMBOL_CURRENT_ENV,
      ...(options.secretId && options.secretKey ? { secretId: options.secretId, secretKey: options.secretKey } : {}),
      ...(options.serviceUrl ? { serviceUrl: options.serviceUrl } : {}),
      ...(options.timeout ? { timeout: options.timeout } : {}),
    });
    conn = { db: app.database() as unknown as SdkDb };
    connections.set(key, conn);
  }
  return conn;
}

// ---- Errors ----

interface SdkErrorShape {
  code?: unknown;
  message?: unknown;
}

const CODE_KINDS: Record<string, StoreErrorKind> = {
  DATABASE_DUPLICATE_WRITE: 'duplicate',
  DATABASE_TRANSACTION_CONFLICT: 'conflict',
  DATABASE_TRANSACTION_FAIL: 'conflict',
  INVALID_PARAM: 'invalid',
  DATABASE_REQUEST_FAILED: 'invalid',
  DATABASE_COLLECTION_NOT_EXIST: 'not_found',
  DATABASE_DOCUMENT_NOT_EXIST: 'not_found',
};

export function sdkErrorCode(e: unknown): string | null {
  if (e && typeof e === 'object' && 'code' in e) {
    const code = (e as SdkErrorShape).code;
    if (typeof code === 'string' || typeof code === 'number') return String(code);
  }
  return null;
}

/** Maps an SDK/transport error to a StoreError (duplicate key, transaction conflict, bad request, unavailable). */
export function toStoreError(e: unknown): StoreError {
  if (e instanceof StoreError) return e;
  const code = sdkErrorCode(e);
  const message = e && typeof e === 'object' && typeof (e as SdkErrorShape).message === 'string'
    ? String((e as SdkErrorShape).message)
    : String(e);
  // The server may wrap MongoDB's duplicate-key and write-conflict errors in a generic code: the message decides.
  if (/E11000|duplicate key/i.test(message)) return new StoreError('duplicate', code ? `${code}: ${message}` : message);
  if (/WriteConflict|transaction conflict/i.test(message)) return new StoreError('conflict', code ? `${code}: ${message}` : message);
  if (code && CODE_KINDS[code]) return new StoreError(CODE_KINDS[code], `${code}: ${message}`);
  return new StoreError('unavailable', code ? `${code}: ${message}` : message);
}

function isConflict(e: unknown): boolean {
  return toStoreError(e).kind === 'conflict';
}

function isMissingCollection(e: unknown): boolean {
  return sdkErrorCode(e) === 'DATABASE_COLLECTION_NOT_EXIST';
}

// ---- Translation of the port's subset to command objects ----

const FIELD_OPS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isFieldOps(v: unknown): v is FieldOps {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  if (keys.length === 0 || !keys.some((k) => k.startsWith('$'))) return false;
  for (const k of keys) if (!FIELD_OPS.has(k)) throw new StoreError('invalid', `unsupported filter operator ${k}`);
  return true;
}

function fieldCondition(_: SdkCommandFactory, value: unknown): unknown {
  if (isFieldOps(value)) {
    const cmds: SdkCommand[] = [];
    for (const [op, arg] of Object.entries(value)) {
      if (arg === undefined) continue;
      switch (op) {
        case '$eq': cmds.push(_.eq(arg)); break;
        case '$ne': cmds.push(_.neq(arg)); break;
        case '$gt': cmds.push(_.gt(arg)); break;
        case '$gte': cmds.push(_.gte(arg)); break;
        case '$lt': cmds.push(_.lt(arg)); break;
        case '$lte': cmds.push(_.lte(arg)); break;
        case '$in':
        case '$nin':
          if (!Array.isArray(arg)) throw new StoreError('invalid', `${op} needs an array`);
          cmds.push(op === '$in' ? _.in(arg) : _.nin(arg));
          break;
        case '$exists': cmds.push(_.exists(Boolean(arg))); break;
      }
    }
    if (cmds.length === 0) throw new StoreError('invalid', 'empty operator object');
    return cmds.length === 1 ? cmds[0] : cmds[0].and(...cmds.slice(1));
  }
  // Objects and arrays compare whole (MongoDB equality); a plain object would be flattened into a subset match.
  if (typeof value === 'object' && value !== null) return _.eq(value);
  return value;
}

export function translateFilter(_: SdkCommandFactory, filter: Filter): SdkQuery {
  const fields: Record<string, unknown> = {};
  const logic: SdkCommand[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) throw new StoreError('invalid', `${key} needs a non-empty array`);
      const parts = (value as Filter[]).map((f) => translateFilter(_, f));
      logic.push(key === '$and' ? _.and(parts) : _.or(parts));
    } else if (key.startsWith('$')) {
      throw new StoreError('invalid', `unsupported filter operator ${key}`);
    } else {
      fields[key] = fieldCondition(_, value);
    }
  }
  if (logic.length === 0) return fields;
  const all: SdkQuery[] = Object.keys(fields).length > 0 ? [fields, ...logic] : logic;
  return all.length === 1 ? all[0] : _.and(all);
}

export function translateUpdate(_: SdkCommandFactory, update: Update): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const known = new Set(['$set', '$unset', '$inc', '$push', '$pull']);
  for (const k of Object.keys(update)) if (!known.has(k)) throw new StoreError('invalid', `unsupported update operator ${k}`);
  for (const [path, v] of Object.entries(update.$set ?? {})) out[path] = _.set(v);
  for (const path of Object.keys(update.$unset ?? {})) out[path] = _.remove();
  for (const [path, v] of Object.entries(update.$inc ?? {})) out[path] = _.inc(v);
  for (const [path, v] of Object.entries(update.$push ?? {})) out[path] = _.push([v]);
  // `_.pull(value)` is sent as `{ $pull: { path: value } }` (@cloudbase/database serializer/update.js).
  for (const [path, v] of Object.entries(update.$pull ?? {})) {
    if (v !== null && typeof v === 'object') throw new StoreError('invalid', `$pull takes a scalar value (${path})`);
    out[path] = _.pull(v);
  }
  if (Object.keys(out).length === 0) throw new StoreError('invalid', 'empty update');
  return out;
}

function withoutId(doc: AnyDoc): Record<string, unknown> {
  const { _id: _ignored, ...rest } = doc as unknown as Record<string, unknown>;
  return rest;
}

function checkId(doc: AnyDoc): string {
  const id = (doc as { _id?: unknown })._id;
  if (typeof id !== 'string' || !id) throw new StoreError('invalid', 'documents need a string _id');
  return id;
}

function asDoc<T>(v: unknown): T | null {
  return isPlainObject(v) ? (v as T) : null;
}

async function pool<I>(items: I[], width: number, run: (item: I) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await run(items[next++]);
  });
  await Promise.all(lanes);
}

class CloudbaseTx implements TxStore {
  constructor(
    private readonly t: SdkTransaction,
    private readonly _: SdkCommandFactory,
  ) {}

  async get<T extends AnyDoc = Doc>(collection: string, id: string): Promise<T | null> {
    const res = await this.t.collection(collection).doc(id).get();
    // Inside a transaction the SDK answers the document itself (or null), not a list.
    return asDoc<T>(Array.isArray(res.data) ? res.data[0] : res.data);
  }

  async insert<T extends AnyDoc>(collection: string, doc: T): Promise<void> {
    const id = checkId(doc);
    // Read first (inside the transaction) so a clash is a StoreError the work can handle, not an aborted transaction.
    if (await this.get(collection, id)) throw new StoreError('duplicate', `duplicate _id ${id}`);
    await this.t.collection(collection).add({ ...(doc as unknown as Record<string, unknown>) });
  }

  async set<T extends AnyDoc>(collection: string, doc: T): Promise<void> {
    const id = checkId(doc);
    await this.t.collection(collection).doc(id).set(withoutId(doc));
  }

  async update(collection: string, id: string, update: Update): Promise<boolean> {
    if (!(await this.get(collection, id))) return false;
    await this.t.collection(collection).doc(id).update(translateUpdate(this._, update));
    return true;
  }

  async remove(collection: string, id: string): Promise<boolean> {
    const res = await this.t.collection(collection).doc(id).remove();
    return Number(res.deleted) > 0;
  }
}

function wrapTx(tx: CloudbaseTx): TxStore {
  const guard = <A extends unknown[], R>(fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    try {
      return await fn(...args);
    } catch (e) {
      throw toStoreError(e);
    }
  };
  return {
    get: guard((c: string, id: string) => tx.get(c, id)) as TxStore['get'],
    insert: guard((c: string, d: AnyDoc) => tx.insert(c, d)),
    set: guard((c: string, d: AnyDoc) => tx.set(c, d)),
    update: guard((c: string, id: string, u: Update) => tx.update(c, id, u)),
    remove: guard((c: string, id: string) => tx.remove(c, id)),
  };
}

export class CloudbaseStore implements Store {
  private readonly db: SdkDb;
  private readonly txRetries: number;

  constructor(options: CloudbaseStoreOptions = {}) {
    this.db = connect(options).db;
    this.txRetries = options.txRetries ?? 20;
  }

  private get _(): SdkCommandFactory {
    return this.db.command;
  }

  private async read<R>(empty: R, run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (e) {
      if (isMissingCollection(e)) return empty;
      throw toStoreError(e);
    }
  }

  private async write<R>(collection: string, run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (e) {
      if (isMissingCollection(e)) {
        throw new StoreError('invalid', `collection ${collection} does not exist (run npm run cloud:setup)`);
      }
      throw toStoreError(e);
    }
  }

  async get<T extends AnyDoc = Doc>(collection: string, id: string): Promise<T | null> {
    return this.read<T | null>(null, async () => {
      const res = await this.db.collection(collection).doc(id).get();
      return asDoc<T>(Array.isArray(res.data) ? res.data[0] : res.data);
    });
  }

  async find<T extends AnyDoc = Doc>(collection: string, filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const where = translateFilter(this._, filter);
    return this.read<T[]>([], async () => {
      let q = this.db.collection(collection).where(where);
      for (const [path, dir] of Object.entries(options.sort ?? {})) q = q.orderBy(path, dir === -1 ? 'desc' : 'asc');
      const skip = Math.max(0, Math.floor(options.skip ?? 0));
      if (skip > 0) q = q.skip(skip);
      q = q.limit(effectiveLimit(options.limit));
      if (options.projection) {
        const fields: Record<string, boolean> = { _id: true };
        for (const k of Object.keys(options.projection)) fields[k] = true;
        q = q.field(fields);
      }
      const res = await q.get();
      return res.data.filter(isPlainObject) as unknown as T[];
    });
  }

  async count(collection: string, filter: Filter): Promise<number> {
    const where = translateFilter(this._, filter);
    return this.read(0, async () => (await this.db.collection(collection).where(where).count()).total);
  }

  async insert<T extends AnyDoc>(collection: string, doc: T): Promise<void> {
    checkId(doc);
    await this.write(collection, () => this.db.collection(collection).add({ ...(doc as unknown as Record<string, unknown>) }));
  }

  async set<T extends AnyDoc>(collection: string, doc: T): Promise<void> {
    const id = checkId(doc);
    await this.write(collection, () => this.db.collection(collection).doc(id).set(withoutId(doc)));
  }

  private async updateOne(collection: string, where: SdkQuery, data: Record<string, unknown>): Promise<UpdateResult> {
    const res = await this.write(collection, () => this.db.collection(collection).where(where).updateAndReturn(data));
    const matched = isPlainObject(res.doc) ? 1 : 0;
    return { matched, modified: matched ? Math.min(1, Number(res.updated) || 0) : 0 };
  }

  /** Ids of the documents matching `where`, in `_id` order, paged by `_id` so concurrent writes cannot shift pages. */
  private async matchingIds(collection: string, filter: Filter): Promise<string[]> {
    const out: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Filter = after === null ? filter : { $and: [filter, { _id: { $gt: after } }] };
      const docs = await this.find(collection, page, { sort: { _id: 1 }, limit: MAX_LIMIT, projection: { _id: 1 } });
      for (const d of docs) out.push(d._id);
      if (docs.length < MAX_LIMIT) return out;
      after = docs[docs.length - 1]._id;
    }
  }

  async update(collection: string, filter: Filter, update: Update, options: { multi?: boolean } = {}): Promise<UpdateResult> {
    const data = translateUpdate(this._, update);
    if (!options.multi) return this.updateOne(collection, translateFilter(this._, filter), data);
    const ids = await this.matchingIds(collection, filter);
    const total: UpdateResult = { matched: 0, modified: 0 };
    await pool(ids, 8, async (id) => {
      const r = await this.updateOne(collection, translateFilter(this._, { $and: [{ _id: id }, filter] }), data);
      total.matched += r.matched;
      total.modified += r.modified;
    });
    return total;
  }

  /**
   * `where(filter).updateAndReturn()` (the server's find-one-and-update). Whether CloudBase answers the document
   * before or after the update is not something a test here can observe, so the update also stamps a fresh
   * `_rev`: when the answer carries it, it is the after-image; otherwise it is the before-image and the same
   * update is applied to it here, which gives exactly the after-image for the port's update operators.
   */
  async updateAndGet<T extends AnyDoc = Doc>(collection: string, filter: Filter, update: Update): Promise<T | null> {
    const rev = randomBytes(8).toString('hex');
    const stamped: Update = { ...update, $set: { ...(update.$set ?? {}), _rev: rev } };
    const res = await this.write(collection, () =>
      this.db.collection(collection).where(translateFilter(this._, filter)).updateAndReturn(translateUpdate(this._, stamped)),
    );
    const doc = asDoc<Doc>(res.doc);
    if (!doc) return null;
    return (doc._rev === rev ? doc : applyUpdate(doc, stamped)) as unknown as T;
  }

  async remove(collection: string, filter: Filter, options: { multi?: boolean } = {}): Promise<number> {
    const where = translateFilter(this._, filter);
    return this.read(0, async () => {
      const res = await this.db.collection(collection).where(where).options({ multiple: Boolean(options.multi) }).remove();
      return Number(res.deleted) || 0;
    });
  }

  async transaction<T>(work: (tx: TxStore) => Promise<T>): Promise<T> {
    let lastConflict: unknown = null;
    for (let attempt = 0; attempt <= this.txRetries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 5 * attempt)));
      let t: SdkTransaction;
      try {
        t = await this.db.startTransaction();
      } catch (e) {
        throw toStoreError(e);
      }
      let result: T;
      try {
        result = await work(wrapTx(new CloudbaseTx(t, this._)));
      } catch (e) {
        await t.rollback().catch(() => undefined);
        if (isConflict(e)) {
          lastConflict = e;
          continue;
        }
        throw e;
      }
      try {
        await t.commit();
        return result;
      } catch (e) {
        await t.rollback().catch(() => undefined);
        if (isConflict(e)) {
          lastConflict = e;
          continue;
        }
        throw toStoreError(e);
      }
    }
    throw new StoreError('conflict', `transaction kept conflicting: ${toStoreError(lastConflict).message}`);
  }
}
