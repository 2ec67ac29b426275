/**
 * The embedded Store adapter: in-process documents, filters matched by mingo (MongoDB query semantics),
 * persisted as one append-only JSON-lines log per collection under a data directory, compacted on open.
 *
 * Every operation but a transaction's body runs synchronously on the in-memory state, so a conditional update
 * is atomic. Transactions are optimistic: reads record document versions, writes are buffered, and the commit
 * applies them all at once only if nothing they read has changed since; otherwise the work is retried.
 * One process owns a data directory (the local server, or a test).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Query } from 'mingo';
import { COLLECTIONS, type CollectionSpec, type IndexSpec } from './manifest';
import {
  type AnyDoc,
  type Doc,
  type Filter,
  type FindOptions,
  type Store,
  StoreError,
  type TxStore,
  type Update,
  type UpdateResult,
  effectiveLimit,
} from './port';
import { applyUpdate, getPath, project, sortDocs } from './update';

interface Collection {
  docs: Map<string, Doc>;
  versions: Map<string, number>;
  unique: { spec: IndexSpec; keys: Map<string, string> }[];
  /** Equality lookups on the first field of every declared index: field → value key → ids. */
  lookup: Map<string, Map<string, Set<string>>>;
  /** Insertion order, so results found through an index come back in the same order as a scan. */
  seq: Map<string, number>;
  file: string | null;
}

type LogLine = { put: Doc } | { del: string };

export interface EmbeddedStoreOptions {
  /** Where the logs live; omit for a purely in-memory store (tests). */
  dataDir?: string;
  collections?: CollectionSpec[];
}

function scalarKey(v: unknown): string | null {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? JSON.stringify(v) : null;
}

/** The lookup keys a document has for a field: its scalar value, or each scalar element of an array. */
function lookupKeys(doc: Doc, field: string): Set<string> {
  const v = getPath(doc, field);
  const keys = new Set<string>();
  for (const item of Array.isArray(v) ? v : [v]) {
    const k = scalarKey(item);
    if (k !== null) keys.add(k);
  }
  return keys;
}

function uniqueKey(doc: Doc, spec: IndexSpec): string | null {
  const values = Object.keys(spec.keys).map((k) => getPath(doc, k));
  // Sparse: documents without the indexed fields do not take part in the unique constraint.
  if (values.some((v) => v === undefined || v === null)) return null;
  return JSON.stringify(values);
}

export class EmbeddedStore implements Store {
  private readonly collections = new Map<string, Collection>();
  private readonly specs: CollectionSpec[];
  private clock = 0;
  private readonly queryCache = new Map<string, Query>();

  constructor(private readonly options: EmbeddedStoreOptions = {}) {
    this.specs = options.collections ?? COLLECTIONS;
    if (options.dataDir) fs.mkdirSync(options.dataDir, { recursive: true });
  }

  private coll(name: string): Collection {
    if (!/^[a-z][a-z0-9_]{0,40}$/i.test(name)) throw new StoreError('invalid', `bad collection name ${name}`);
    let c = this.collections.get(name);
    if (!c) {
      const spec = this.specs.find((s) => s.name === name);
      c = {
        docs: new Map(),
        versions: new Map(),
        unique: (spec?.indexes ?? []).filter((i) => i.unique).map((i) => ({ spec: i, keys: new Map() })),
        lookup: new Map((spec?.indexes ?? []).map((i) => [Object.keys(i.keys)[0], new Map<string, Set<string>>()])),
        seq: new Map(),
        file: this.options.dataDir ? path.join(this.options.dataDir, `${name}.jsonl`) : null,
      };
      this.collections.set(name, c);
      this.load(c);
    }
    return c;
  }

  private load(c: Collection): void {
    if (!c.file || !fs.existsSync(c.file)) return;
    const text = fs.readFileSync(c.file, 'utf8');
    const lines = text.split('\n');
    let count = 0;
    for (const line of lines) {
      if (!line) continue;
      let entry: LogLine;
      try {
        entry = JSON.parse(line) as LogLine;
      } catch {
        continue; // a torn last line after a crash
      }
      count++;
      if ('put' in entry) c.docs.set(entry.put._id, entry.put);
      else c.docs.delete(entry.del);
    }
    for (const doc of c.docs.values()) {
      c.versions.set(doc._id, ++this.clock);
      c.seq.set(doc._id, this.clock);
      this.reindex(c, doc._id, undefined, doc);
      for (const u of c.unique) {
        const key = uniqueKey(doc, u.spec);
        if (key !== null) u.keys.set(key, doc._id);
      }
    }
    // A torn last line (no trailing newline) would swallow the next appended line: rewrite the log first.
    if (count > c.docs.size * 2 + 1000 || (text.length > 0 && !text.endsWith('\n'))) this.compact(c);
  }

  private compact(c: Collection): void {
    if (!c.file) return;
    const tmp = `${c.file}.tmp`;
    fs.writeFileSync(tmp, [...c.docs.values()].map((d) => JSON.stringify({ put: d })).join('\n') + '\n');
    fs.renameSync(tmp, c.file);
  }

  private persist(c: Collection, lines: LogLine[]): void {
    if (!c.file || lines.length === 0) return;
    fs.appendFileSync(c.file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  }

  private matcher(filter: Filter): Query {
    const key = JSON.stringify(filter);
    let q = this.queryCache.get(key);
    if (!q) {
      q = new Query(filter as Record<string, unknown>);
      if (this.queryCache.size > 500) this.queryCache.clear();
      this.queryCache.set(key, q);
    }
    return q;
  }

  private reindex(c: Collection, id: string, before: Doc | undefined, after: Doc | null): void {
    for (const [field, byValue] of c.lookup) {
      const old = before ? lookupKeys(before, field) : new Set<string>();
      const next = after ? lookupKeys(after, field) : new Set<string>();
      for (const k of old) {
        if (next.has(k)) continue;
        const ids = byValue.get(k);
        ids?.delete(id);
        if (ids?.size === 0) byValue.delete(k);
      }
      for (const k of next) {
        if (old.has(k)) continue;
        let ids = byValue.get(k);
        if (!ids) byValue.set(k, (ids = new Set()));
        ids.add(id);
      }
    }
  }

  /** The smallest candidate set an indexed top-level equality in the filter allows, or null to scan. */
  private candidates(c: Collection, filter: Filter): string[] | null {
    let best: Set<string> | null = null;
    for (const [field, value] of Object.entries(filter)) {
      const byValue = c.lookup.get(field);
      if (!byValue) continue;
      const eq = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && '$eq' in value
        ? (value as { $eq: unknown }).$eq
        : value;
      const k = scalarKey(eq);
      if (k === null) continue;
      const ids = byValue.get(k) ?? new Set<string>();
      if (!best || ids.size < best.size) best = ids;
    }
    if (!best) return null;
    return [...best].sort((a, b) => (c.seq.get(a) ?? 0) - (c.seq.get(b) ?? 0));
  }

  private matching(c: Collection, filter: Filter): Doc[] {
    const id = filter._id;
    if (typeof id === 'string') {
      const doc = c.docs.get(id);
      return doc && this.matcher(filter).test(doc) ? [doc] : [];
    }
    const q = this.matcher(filter);
    const out: Doc[] = [];
    const ids = this.candidates(c, filter);
    if (ids) {
      for (const docId of ids) {
        const doc = c.docs.get(docId);
        if (doc && q.test(doc)) out.push(doc);
      }
      return out;
    }
    for (const doc of c.docs.values()) if (q.test(doc)) out.push(doc);
    return out;
  }

  /** Checks unique indexes for a set of replacements (null = removal) before anything is applied. */
  private checkUnique(c: Collection, changes: Map<string, Doc | null>): void {
    for (const u of c.unique) {
      const taken = new Map<string, string>();
      for (const [id, doc] of changes) {
        if (!doc) continue;
        const key = uniqueKey(doc, u.spec);
        if (key === null) continue;
        const owner = u.keys.get(key);
        const ownerLeaving = owner !== undefined && changes.has(owner) && owner !== id &&
          (changes.get(owner) === null || uniqueKey(changes.get(owner)!, u.spec) !== key);
        if ((owner !== undefined && owner !== id && !ownerLeaving) || (taken.has(key) && taken.get(key) !== id)) {
          throw new StoreError('duplicate', `duplicate key for index ${u.spec.name}`);
        }
        taken.set(key, id);
      }
    }
  }

  private apply(c: Collection, changes: Map<string, Doc | null>): void {
    const lines: LogLine[] = [];
    for (const [id, doc] of changes) {
      const before = c.docs.get(id);
      for (const u of c.unique) {
        if (before) {
          const k = uniqueKey(before, u.spec);
          if (k !== null && u.keys.get(k) === id) u.keys.delete(k);
        }
      }
      this.reindex(c, id, before, doc);
      if (doc) {
        c.docs.set(id, doc);
        lines.push({ put: doc });
      } else {
        c.docs.delete(id);
        lines.push({ del: id });
      }
      c.versions.set(id, ++this.clock);
      if (!before && doc) c.seq.set(id, this.clock);
      if (!doc) c.seq.delete(id);
    }
    for (const [id, doc] of changes) {
      if (!doc) continue;
      for (const u of c.unique) {
        const k = uniqueKey(doc, u.spec);
        if (k !== null) u.keys.set(k, id);
      }
    }
    this.persist(c, lines);
  }

  private write(name: string, changes: Map<string, Doc | null>): void {
    const c = this.coll(name);
    this.checkUnique(c, changes);
    this.apply(c, changes);
  }

  async get<T extends AnyDoc = Doc>(collection: string, id: string): Promise<T | null> {
    const doc = this.coll(collection).docs.get(id);
    return doc ? (structuredClone(doc) as unknown as T) : null;
  }

  async find<T extends AnyDoc = Doc>(collection: string, filter: Filter, options: FindOptions = {}): Promise<T[]> {
    const docs = sortDocs(this.matching(this.coll(collection), filter), options.sort);
    const skip = Math.max(0, options.skip ?? 0);
    return docs
      .slice(skip, skip + effectiveLimit(options.limit))
      .map((d) => project(structuredClone(d), options.projection) as unknown as T);
  }

  async count(collection: string, filter: Filter): Promise<number> {
    return this.matching(this.coll(collection), filter).length;
  }

  async insert<T extends AnyDoc>(collection: string, input: T): Promise<void> {
    const doc = input as unknown as Doc;
    if (typeof doc._id !== 'string' || !doc._id) throw new StoreError('invalid', 'documents need a string _id');
    const c = this.coll(collection);
    if (c.docs.has(doc._id)) throw new StoreError('duplicate', `duplicate _id ${doc._id}`);
    this.write(collection, new Map([[doc._id, structuredClone(doc)]]));
  }

  async set<T extends AnyDoc>(collection: string, input: T): Promise<void> {
    const doc = input as unknown as Doc;
    if (typeof doc._id !== 'string' || !doc._id) throw new StoreError('invalid', 'documents need a string _id');
    this.write(collection, new Map([[doc._id, structuredClone(doc)]]));
  }

  async update(collection: string, filter: Filter, update: Update, options: { multi?: boolean } = {}): Promise<UpdateResult> {
    const c = this.coll(collection);
    const targets = this.matching(c, filter);
    const chosen = options.multi ? targets : targets.slice(0, 1);
    const changes = new Map<string, Doc | null>();
    let modified = 0;
    for (const doc of chosen) {
      const next = applyUpdate(doc, update);
      if (JSON.stringify(next) !== JSON.stringify(doc)) modified++;
      changes.set(doc._id, next);
    }
    this.write(collection, changes);
    return { matched: chosen.length, modified };
  }

  async updateAndGet<T extends AnyDoc = Doc>(collection: string, filter: Filter, update: Update): Promise<T | null> {
    const r = this.updateOneReturning(collection, filter, update);
    return r ? (r.after as unknown as T) : null;
  }

  /** Find-one-and-update, atomically, with the document before and after (the emulator reports both). */
  updateOneReturning(collection: string, filter: Filter, update: Update): { before: Doc; after: Doc } | null {
    const c = this.coll(collection);
    const [doc] = this.matching(c, filter);
    if (!doc) return null;
    const next = applyUpdate(doc, update);
    this.write(collection, new Map([[doc._id, next]]));
    return { before: structuredClone(doc), after: structuredClone(next) };
  }

  async remove(collection: string, filter: Filter, options: { multi?: boolean } = {}): Promise<number> {
    const c = this.coll(collection);
    const targets = this.matching(c, filter);
    const chosen = options.multi ? targets : targets.slice(0, 1);
    this.write(collection, new Map(chosen.map((d) => [d._id, null])));
    return chosen.length;
  }

  async transaction<T>(work: (tx: TxStore) => Promise<T>): Promise<T> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const reads = new Map<string, number>(); // "coll\u0000id" → version seen
      const writes = new Map<string, Map<string, Doc | null>>();
      const keyOf = (coll: string, id: string) => `${coll}\u0000${id}`;
      const current = (coll: string, id: string): Doc | null => {
        const pending = writes.get(coll);
        if (pending?.has(id)) return pending.get(id) ?? null;
        const c = this.coll(coll);
        const k = keyOf(coll, id);
        if (!reads.has(k)) reads.set(k, c.versions.get(id) ?? 0);
        return c.docs.get(id) ?? null;
      };
      const stage = (coll: string, id: string, doc: Doc | null) => {
        current(coll, id); // records the version we are overwriting
        if (!writes.has(coll)) writes.set(coll, new Map());
        writes.get(coll)!.set(id, doc);
      };
      const tx: TxStore = {
        get: async <D extends AnyDoc>(coll: string, id: string) => {
          const d = current(coll, id);
          return d ? (structuredClone(d) as unknown as D) : null;
        },
        insert: async (coll, input) => {
          const doc = input as unknown as Doc;
          if (current(coll, doc._id)) throw new StoreError('duplicate', `duplicate _id ${doc._id}`);
          stage(coll, doc._id, structuredClone(doc));
        },
        set: async (coll, doc) => stage(coll, doc._id, structuredClone(doc) as unknown as Doc),
        update: async (coll, id, update) => {
          const d = current(coll, id);
          if (!d) return false;
          stage(coll, id, applyUpdate(d, update));
          return true;
        },
        remove: async (coll, id) => {
          if (!current(coll, id)) return false;
          stage(coll, id, null);
          return true;
        },
      };
      const result = await work(tx);
      // Commit, synchronously: validate versions, then unique indexes, then apply.
      let stale = false;
      for (const [k, seen] of reads) {
        const [coll, id] = k.split('\u0000');
        if ((this.coll(coll).versions.get(id) ?? 0) !== seen) stale = true;
      }
      if (stale) {
        await new Promise((r) => setTimeout(r, Math.random() * 5 * (attempt + 1)));
        continue;
      }
      for (const [coll, changes] of writes) this.checkUnique(this.coll(coll), changes);
      for (const [coll, changes] of writes) this.apply(this.coll(coll), changes);
      return result;
    }
    throw new StoreError('conflict', 'transaction kept conflicting');
  }

  /** Every document of every collection, for tests that prove nothing was written. */
  snapshot(): Record<string, Doc[]> {
    const out: Record<string, Doc[]> = {};
    for (const [name, c] of this.collections) out[name] = [...c.docs.values()].map((d) => structuredClone(d));
    return out;
  }

  async close(): Promise<void> {
    this.collections.clear();
  }
}
