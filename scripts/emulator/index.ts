/**
 * A local CloudBase database emulator: an HTTP server on 127.0.0.1 that answers the requests the pinned
 * `@cloudbase/node-sdk` (3.18.3, database layer `@cloudbase/database` 1.4.3) sends when it is initialised with
 * `tcb.init({ env, secretId, secretKey, serviceUrl: 'http://127.0.0.1:PORT/admin' })`, backed by a Store
 * (an EmbeddedStore, in memory or on a data directory).
 *
 * Wire format (read from the SDK source): every call is `POST /admin?env=<env>&seqId=<id>` with a JSON body
 * `{ action, collectionName, ...params, envName, ... }`. Queries, updates, documents, orders and projections travel
 * as canonical extended-JSON strings (`EJSON.stringify(x, { relaxed: false })`: numbers as `{"$numberInt": "1"}`);
 * documents come back as EJSON strings in `data.list`. A success is `{ requestId, data: {...} }` (startTransaction
 * answers `transactionId` at the top level); a failure is HTTP 200 with `{ requestId, code, message }`, which the
 * SDK throws as an error carrying `code`.
 *
 * Answered actions: database.insertDocument, getDocument (by id and by query: order, offset, limit, projection),
 * calculateDocument (count), modifyDocument (merge = operator update: $set $unset $inc $push $pull; replace,
 * upsert, multi), modifyAndReturnDoc, removeDocument (one / multi), aggregateDocuments ($match $sort $skip $limit
 * $group $count $project; other stages fail with DATABASE_REQUEST_FAILED), startTransaction, commitTransaction,
 * abortTransaction (document get/set/update/remove/insert inside a transaction go through getDocument/
 * modifyDocument/removeDocument/insertDocument with a `transactionId`). Like CloudBase, a `where` update or remove that carries a transaction id runs outside it.
 *
 * Deliberate differences from CloudBase: it does NOT check request signatures, credentials or the env id (any
 * secretId/secretKey is accepted; bind it to loopback only); collections spring into existence on first use (the
 * real service answers DATABASE_COLLECTION_NOT_EXIST until `npm run cloud:setup` has created them); unique indexes
 * are those of the Store's manifest; a transaction left open for `txTimeoutMs` (default 30 s) is aborted.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { EJSON } from 'bson';
import { Aggregator } from 'mingo';
import { Context } from 'mingo/core';
import * as accumulatorOps from 'mingo/operators/accumulator';
import * as expressionOps from 'mingo/operators/expression';
import { $count, $group, $limit, $match, $project, $skip, $sort } from 'mingo/operators/pipeline';
import * as queryOps from 'mingo/operators/query';
import { EmbeddedStore } from '../../cloudfunctions/core/store/embedded';
import {
  type Doc,
  type DocValue,
  effectiveLimit,
  type Filter,
  type Scalar,
  type SortSpec,
  type Store,
  StoreError,
  type TxStore,
  type Update,
} from '../../cloudfunctions/core/store/port';
import { applyUpdate, project } from '../../cloudfunctions/core/store/update';

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to a fresh in-memory EmbeddedStore. */
  store?: Store;
  host?: string;
  txTimeoutMs?: number;
  /** Sees every request (tests record the wire with it). */
  onRequest?: (request: RecordedRequest) => void;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface Emulator {
  /** The `serviceUrl` to give `tcb.init`. */
  url: string;
  port: number;
  store: Store;
  close(): Promise<void>;
}

type Params = Record<string, unknown>;
type Reply = Record<string, unknown>;

class EmulatorError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const CODE_OF: Record<StoreError['kind'], string> = {
  duplicate: 'DATABASE_DUPLICATE_WRITE',
  conflict: 'DATABASE_TRANSACTION_CONFLICT',
  invalid: 'DATABASE_REQUEST_FAILED',
  not_found: 'DATABASE_DOCUMENT_NOT_EXIST',
  unavailable: 'SYS_ERR',
};

function fail(code: string, message: string): never {
  throw new EmulatorError(code, message);
}

function parseEjson(value: unknown, what: string): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') fail('INVALID_PARAM', `${what} must be an EJSON string`);
  try {
    return EJSON.parse(value, { relaxed: true });
  } catch {
    return fail('INVALID_PARAM', `${what} is not valid EJSON`);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(params: Params, key: string): string {
  const v = params[key];
  if (typeof v !== 'string' || !v) fail('INVALID_PARAM', `${key} is required`);
  return v;
}

function encodeDoc(doc: Doc | Record<string, unknown>): string {
  return EJSON.stringify(doc, { relaxed: false });
}

function newId(): string {
  return randomBytes(16).toString('hex');
}

function queryOf(params: Params): Filter {
  const q = parseEjson(params.query, 'query');
  if (q === undefined) return {};
  if (!isObject(q)) fail('INVALID_PARAM', 'query must be an object');
  return q as Filter;
}

/** `{ _id: 'x' }` exactly (the SDK's doc() queries); null otherwise. */
function docIdOf(filter: Filter): string | null {
  const keys = Object.keys(filter);
  return keys.length === 1 && typeof filter._id === 'string' ? filter._id : null;
}

function sortOf(params: Params): SortSpec | undefined {
  const o = parseEjson(params.order, 'order');
  if (o === undefined) return undefined;
  const sort: SortSpec = {};
  const entries: [string, unknown][] = Array.isArray(o)
    ? o.map((x) => (isObject(x) ? [String(x.field), x.direction === 'desc' || x.direction === -1 ? -1 : 1] : ['', 1]))
    : isObject(o) ? Object.entries(o) : [];
  for (const [k, dir] of entries) {
    if (!k) fail('INVALID_PARAM', 'bad order');
    sort[k] = dir === -1 || dir === 'desc' ? -1 : 1;
  }
  return sort;
}

function projectionOf(params: Params): Record<string, 1> | undefined {
  const p = parseEjson(params.projection, 'projection');
  if (p === undefined) return undefined;
  if (!isObject(p)) fail('INVALID_PARAM', 'projection must be an object');
  const out: Record<string, 1> = {};
  for (const [k, v] of Object.entries(p)) {
    if (v === 0 || v === false) {
      if (k === '_id') continue;
      fail('DATABASE_REQUEST_FAILED', 'the emulator supports inclusion projections only');
    }
    out[k] = 1;
  }
  return out;
}

/** An operator update as the SDK encodes it, into the port's Update. */
function updateOf(data: unknown): Update {
  if (!isObject(data)) fail('INVALID_PARAM', 'data must be an object');
  const update: Update = {};
  for (const [op, fields] of Object.entries(data)) {
    if (!isObject(fields)) fail('INVALID_PARAM', `${op} needs an object`);
    switch (op) {
      case '$set':
        update.$set = fields as Record<string, DocValue>;
        break;
      case '$unset':
        update.$unset = Object.fromEntries(Object.keys(fields).map((k) => [k, true as const]));
        break;
      case '$inc':
        for (const v of Object.values(fields)) if (typeof v !== 'number') fail('DATABASE_REQUEST_FAILED', '$inc needs numbers');
        update.$inc = fields as Record<string, number>;
        break;
      case '$push': {
        const push: Record<string, DocValue> = {};
        for (const [k, v] of Object.entries(fields)) {
          if (isObject(v) && Array.isArray(v.$each)) {
            if (v.$each.length !== 1 || Object.keys(v).length !== 1) fail('DATABASE_REQUEST_FAILED', 'the emulator pushes one value at a time');
            push[k] = v.$each[0] as DocValue;
          } else {
            push[k] = v as DocValue;
          }
        }
        update.$push = push;
        break;
      }
      case '$pull': {
        for (const [k, v] of Object.entries(fields)) {
          if (v !== null && typeof v === 'object') fail('DATABASE_REQUEST_FAILED', `the emulator pulls scalar values only (${k})`);
        }
        update.$pull = fields as Record<string, Scalar>;
        break;
      }
      default:
        fail('DATABASE_REQUEST_FAILED', `unsupported update operator ${op}`);
    }
  }
  return update;
}

function hasOperators(data: Record<string, unknown>): boolean {
  return Object.keys(data).some((k) => k.startsWith('$'));
}

interface OpenTx {
  tx: TxStore;
  decide: (commit: boolean) => void;
  done: Promise<void>;
  timer: NodeJS.Timeout;
}

const ABORTED = Symbol('aborted');

const ALLOWED_STAGES = new Set(['$match', '$sort', '$skip', '$limit', '$group', '$count', '$project']);

/** Only the supported stages are loaded, with every accumulator ($sum, $avg, $min, $max, $push …) and expression. */
const AGGREGATION_CONTEXT = Context.init({
  pipeline: { $match, $sort, $skip, $limit, $group, $count, $project },
  accumulator: accumulatorOps,
  expression: expressionOps,
  query: queryOps,
});

/**
 * The SDK probes http://metadata.tencentyun.com on every request to learn whether it runs inside Tencent Cloud,
 * unless TENCENTCLOUD=true. Call this before pointing the SDK at the emulator so nothing leaves the machine.
 */
export function keepSdkOffline(env: NodeJS.ProcessEnv = process.env): void {
  env.TENCENTCLOUD = 'true';
  env.SILENCE = env.SILENCE ?? 'true';
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const store = options.store ?? new EmbeddedStore();
  const txTimeoutMs = options.txTimeoutMs ?? 30_000;
  const transactions = new Map<string, OpenTx>();

  async function beginTx(): Promise<string> {
    const id = newId();
    let firstRun = true;
    let decide: (commit: boolean) => void = () => undefined;
    const decision = new Promise<boolean>((resolve) => {
      decide = resolve;
    });
    let handTx: (tx: TxStore) => void = () => undefined;
    const ready = new Promise<TxStore>((resolve) => {
      handTx = resolve;
    });
    const done = store.transaction(async (tx) => {
      // The requests of this transaction have already been answered: a rerun cannot replay them.
      if (!firstRun) throw new StoreError('conflict', 'write conflict: the transaction read data that changed');
      firstRun = false;
      handTx(tx);
      if (!(await decision)) throw ABORTED;
    });
    done.catch(() => undefined);
    const tx = await ready;
    const timer = setTimeout(() => {
      transactions.delete(id);
      decide(false);
    }, txTimeoutMs);
    timer.unref();
    transactions.set(id, { tx, decide, done, timer });
    return id;
  }

  function txOf(params: Params): TxStore | null {
    const id = params.transactionId;
    if (id === undefined || id === null || id === '') return null;
    const open = transactions.get(String(id));
    if (!open) fail('DATABASE_TRANSACTION_FAIL', `transaction ${String(id)} is not open (committed, aborted or timed out)`);
    return open.tx;
  }

  async function finishTx(params: Params, commit: boolean): Promise<Reply> {
    const id = str(params, 'transactionId');
    const open = transactions.get(id);
    if (!open) fail('DATABASE_TRANSACTION_FAIL', `transaction ${id} is not open`);
    transactions.delete(id);
    clearTimeout(open.timer);
    open.decide(commit);
    try {
      await open.done;
    } catch (e) {
      if (e !== ABORTED) throw e;
    }
    return {};
  }

  /** Applies `update` atomically to one document matching `filter`; answers the document after the update. */
  async function updateOneAndReturn(coll: string, filter: Filter, update: Update): Promise<{ doc: Doc | null; updated: number }> {
    // The backing store's find-one-and-update is atomic: the answer is exactly this update's after-image.
    if (store instanceof EmbeddedStore) {
      const r = store.updateOneReturning(coll, filter, update);
      return r ? { doc: r.after, updated: JSON.stringify(r.before) === JSON.stringify(r.after) ? 0 : 1 } : { doc: null, updated: 0 };
    }
    const doc = await store.updateAndGet(coll, filter, update);
    return { doc, updated: doc ? 1 : 0 };
  }

  async function allDocs(coll: string): Promise<Doc[]> {
    const out: Doc[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Doc[] = await store.find(coll, after === null ? {} : { _id: { $gt: after } }, { sort: { _id: 1 }, limit: 1000 });
      out.push(...page);
      if (page.length < 1000) return out;
      after = page[page.length - 1]._id;
    }
  }

  const actions: Record<string, (params: Params) => Promise<Reply>> = {
    'database.startTransaction': async () => ({ transactionId: await beginTx() }),
    'database.commitTransaction': (params) => finishTx(params, true),
    'database.abortTransaction': (params) => finishTx(params, false),

    'database.insertDocument': async (params) => {
      const coll = str(params, 'collectionName');
      if (!Array.isArray(params.data) || params.data.length === 0) fail('INVALID_PARAM', 'data must be a non-empty array');
      const docs = params.data.map((d) => {
        const doc = parseEjson(d, 'data');
        if (!isObject(doc)) fail('INVALID_PARAM', 'each document must be an object');
        return (typeof doc._id === 'string' && doc._id ? doc : { ...doc, _id: newId() }) as Doc;
      });
      const tx = txOf(params);
      for (const doc of docs) {
        if (tx) await tx.insert(coll, doc);
        else await store.insert(coll, doc);
      }
      return { data: { insertedIds: docs.map((d) => d._id) } };
    },

    'database.getDocument': async (params) => {
      const coll = str(params, 'collectionName');
      const filter = queryOf(params);
      const projection = projectionOf(params);
      const tx = txOf(params);
      const id = docIdOf(filter);
      let list: Doc[];
      if (params.queryType === 'DOC' && id !== null) {
        const doc = tx ? await tx.get(coll, id) : await store.get(coll, id);
        list = doc ? [project(doc, projection)] : [];
      } else {
        if (tx) fail('DATABASE_REQUEST_FAILED', 'only document reads run inside a transaction');
        const limit = effectiveLimit(typeof params.limit === 'number' ? params.limit : undefined);
        const offset = typeof params.offset === 'number' ? params.offset : 0;
        list = await store.find(coll, filter, { sort: sortOf(params), skip: offset, limit, projection });
      }
      return { data: { list: list.map(encodeDoc) }, limit: list.length, offset: Number(params.offset ?? 0) };
    },

    'database.calculateDocument': async (params) => {
      const coll = str(params, 'collectionName');
      return { data: { total: await store.count(coll, queryOf(params)) } };
    },

    'database.modifyDocument': async (params) => {
      const coll = str(params, 'collectionName');
      const filter = queryOf(params);
      const data = parseEjson(params.data, 'data');
      if (!isObject(data)) fail('INVALID_PARAM', 'data must be an object');
      const merge = params.merge !== false;
      const upsert = params.upsert === true;
      const multi = params.multi === true;
      const id = params.queryType === 'DOC' ? docIdOf(filter) : null;
      // Like CloudBase: only document-level writes join a transaction; a `where` update runs outside it.
      const tx = id !== null ? txOf(params) : null;
      if (!merge || !hasOperators(data)) {
        if (hasOperators(data)) fail('DATABASE_REQUEST_FAILED', 'a replacement cannot contain update operators');
        if ('_id' in data) fail('INVALID_PARAM', '不能更新_id的值');
        const targetId = id ?? (await store.find(coll, filter, { limit: 1, projection: { _id: 1 } }))[0]?._id ?? null;
        if (!merge || targetId === null) {
          if (targetId === null && !upsert) return { data: { updated: 0 } };
          const docId = targetId ?? newId();
          const before = tx ? await tx.get(coll, docId) : await store.get(coll, docId);
          const next = { ...data, _id: docId } as Doc;
          if (tx) await tx.set(coll, next);
          else await store.set(coll, next);
          if (!before) return { data: { updated: 0, upsert_id: docId } };
          return { data: { updated: JSON.stringify(before) === JSON.stringify(next) ? 0 : 1 } };
        }
        // merge with a plain object: every field is a $set.
        return { data: { updated: (await store.update(coll, { _id: targetId }, { $set: data as Record<string, DocValue> })).modified } };
      }
      const update = updateOf(data);
      if (tx && id !== null) {
        const before = await tx.get(coll, id);
        if (!before) {
          if (!upsert) return { data: { updated: 0 } };
          await tx.insert(coll, applyUpdate({ _id: id }, update));
          return { data: { updated: 0, upsert_id: id } };
        }
        const changed = JSON.stringify(applyUpdate(before, update)) !== JSON.stringify(before);
        await tx.update(coll, id, update);
        return { data: { updated: changed ? 1 : 0 } };
      }
      const r = await store.update(coll, filter, update, { multi });
      if (r.matched === 0 && upsert) {
        const docId = id ?? newId();
        await store.insert(coll, applyUpdate({ _id: docId }, update));
        return { data: { updated: 0, upsert_id: docId } };
      }
      return { data: { updated: r.modified } };
    },

    'database.modifyAndReturnDoc': async (params) => {
      const coll = str(params, 'collectionName');
      if (params.transactionId) fail('DATABASE_REQUEST_FAILED', 'updateAndReturn does not run inside a transaction');
      const data = parseEjson(params.data, 'data');
      if (!isObject(data) || !hasOperators(data)) fail('INVALID_PARAM', 'data must be an operator update');
      const { doc, updated } = await updateOneAndReturn(coll, queryOf(params), updateOf(data));
      return { data: { updated, doc: doc ? encodeDoc(doc) : null } };
    },

    'database.removeDocument': async (params) => {
      const coll = str(params, 'collectionName');
      const filter = queryOf(params);
      const id = params.queryType === 'DOC' ? docIdOf(filter) : null;
      const tx = id !== null ? txOf(params) : null;
      if (tx && id !== null) return { data: { deleted: (await tx.remove(coll, id)) ? 1 : 0 } };
      return { data: { deleted: await store.remove(coll, filter, { multi: params.multi === true }) } };
    },

    'database.aggregateDocuments': async (params) => {
      const coll = str(params, 'collectionName');
      if (!Array.isArray(params.stages)) fail('INVALID_PARAM', 'stages must be an array');
      const pipeline = params.stages.map((s) => {
        if (!isObject(s) || typeof s.stageKey !== 'string') fail('INVALID_PARAM', 'bad stage');
        if (!ALLOWED_STAGES.has(s.stageKey)) {
          fail('DATABASE_REQUEST_FAILED', `aggregation stage ${s.stageKey} is not supported by the emulator (supported: ${[...ALLOWED_STAGES].join(' ')})`);
        }
        return { [s.stageKey]: parseEjson(s.stageValue, s.stageKey) };
      });
      const out = new Aggregator(pipeline as Record<string, unknown>[], { context: AGGREGATION_CONTEXT }).run(await allDocs(coll));
      return { data: { list: out.map(encodeDoc) } };
    },
  };

  async function handle(body: Params): Promise<Reply> {
    const action = body.action;
    if (typeof action !== 'string') fail('INVALID_PARAM', 'action is required');
    const run = actions[action];
    if (!run) fail('INVALID_PARAM', `action ${action} is not supported by the emulator`);
    return run(body);
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 16 * 1024 * 1024) chunks.push(c);
    });
    req.on('end', () => {
      const requestId = newId();
      const send = (status: number, payload: Reply) => {
        const text = JSON.stringify({ ...payload, requestId });
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method !== 'POST' || !url.pathname.startsWith('/admin')) {
        send(404, { code: 'INVALID_PATH', message: 'the emulator answers POST /admin only' });
        return;
      }
      let body: Params;
      try {
        const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        if (!isObject(parsed)) throw new Error('not an object');
        body = parsed;
      } catch {
        send(200, { code: 'INVALID_PARAM', message: 'the body must be a JSON object' });
        return;
      }
      options.onRequest?.({
        method: req.method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams.entries()),
        headers: req.headers,
        body,
      });
      handle(body).then(
        (reply) => send(200, reply),
        (e: unknown) => {
          if (e instanceof EmulatorError) send(200, { code: e.code, message: e.message });
          else if (e instanceof StoreError) {
            const message = e.kind === 'duplicate' ? `E11000 duplicate key error: ${e.message}` : e.message;
            send(200, { code: CODE_OF[e.kind], message });
          } else send(200, { code: 'SYS_ERR', message: e instanceof Error ? e.message : String(e) });
        },
      );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/admin`,
    port,
    store,
    close: async () => {
      for (const [id, open] of transactions) {
        clearTimeout(open.timer);
        open.decide(false);
        transactions.delete(id);
      }
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
