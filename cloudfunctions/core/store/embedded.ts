/**
 * The embedded Store adapter: SQLite through better-sqlite3 (ADR 0009), in a data directory
 * (`DATA_DIR/store.db`, WAL, `synchronous=FULL` unless told otherwise) or in memory (no dataDir: tests).
 *
 * - One table per collection `(seq INTEGER PRIMARY KEY, id TEXT UNIQUE, body JSON, rev, sum)`: `seq` keeps
 *   insertion order (the order of unsorted results and of ties), `rev` changes on every write of the document
 *   (optimistic transactions compare it; 0 = absent), `sum` is the CRC-32 of the body, checked on
 *   every read and for every row at open, so a damaged row is an error, never a skipped or wrong document.
 * - The manifest's indexes are real SQLite indexes (sqlite-query.ts): expression indexes on each key's type rank
 *   and value; multikey (array) keys in a side table maintained on every write; unique indexes are partial UNIQUE
 *   indexes (sparse: documents lacking the field are not constrained). Filters compile to SQL.
 * - Every write (insert, set, conditional update, updateAndGet, remove) is one `BEGIN IMMEDIATE` transaction, so
 *   it is atomic across processes sharing the directory. Port transactions are optimistic: reads record `rev`,
 *   writes are buffered (read-your-writes), and the commit is ONE immediate transaction that checks every read
 *   rev, then applies all writes to all collections — or the work is retried (8 times, then `conflict`).
 * - Nothing another process could change is cached in memory: only prepared statements and collection schemas.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import Database from 'better-sqlite3';
import {
  DB_FILE,
  FORMAT,
  FORMAT_VERSION,
  damagedError,
  foreignDatabaseError,
  legacyJsonlFiles,
  missingDatabaseError,
  nativeModuleError,
  readLegacyJsonl,
  readMarker,
  retireLegacyJsonl,
  writeMarker,
} from './embedded-files';
import { COLLECTIONS, type CollectionSpec, SEED_MARKER_ID, SYSTEM_COLLECTION } from './manifest';
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
import {
  type SideIndex,
  type TableInfo,
  arrayOnPath,
  compileQuery,
  pathCandidates,
  quoteIdent,
  rankExpr,
  rankValue,
  valueExpr,
} from './sqlite-query';
import { applyUpdate, getPath, project } from './update';

export interface EmbeddedStoreOptions {
  /** Where the database lives (`DATA_DIR/store.db`); omit for an in-memory database (tests). */
  dataDir?: string;
  collections?: CollectionSpec[];
  /**
   * SQLite `synchronous`: FULL (default) makes every acknowledged write survive a power cut; NORMAL (in WAL mode)
   * survives a crash of the process but may lose the last writes on power loss. Default: env STORE_SYNCHRONOUS.
   */
  synchronous?: 'FULL' | 'NORMAL';
  /** How long a write waits for another process's write lock (default 10 s). */
  busyTimeoutMs?: number;
}

/** A manifest index as an SQLite expression index. */
interface SqlIndex {
  sqlName: string;
  name: string;
  unique: boolean;
  keys: string[];
  /** `ON table (...) [WHERE ...]`. */
  def: string;
}

interface Coll {
  name: string;
  info: TableInfo;
  /** Paths that must never hold an array (keys of scalar indexes, later keys of multikey indexes) → an index. */
  scalarPaths: Map<string, string>;
  sides: SideIndex[];
  indexes: SqlIndex[];
}

interface Row {
  seq: number;
  id: string;
  rev: number;
  body: string;
  sum: number;
}

const COLLECTION_NAME = /^[a-z][a-z0-9_]{0,40}$/i;
const INDEX_NAME = /^[A-Za-z0-9_]{1,60}$/;
const UPDATE_OPS = new Set(['$set', '$unset', '$inc', '$push', '$pull']);
const TX_ATTEMPTS = 8;

class Stale extends Error {}

function checksum(body: string): number {
  return crc32(body);
}

/** Collection names are case-sensitive; SQLite identifiers are not: upper-case letters are escaped. */
function encodeName(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `^${c.toLowerCase()}`);
}

function decodeName(enc: string): string {
  return enc.replace(/\^([a-z])/g, (_, c: string) => c.toUpperCase());
}

function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 8);
}

/** The SQLite error code of an error, by shape (under jest the error class may come from another module registry or realm). */
function sqliteCode(e: unknown): string | null {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : null;
}

function checkManifest(specs: CollectionSpec[]): void {
  for (const spec of specs) {
    if (!COLLECTION_NAME.test(spec.name)) throw new Error(`manifest: bad collection name ${spec.name}`);
    const names = new Set<string>();
    const multikey = new Set<string>();
    const scalar = new Set<string>();
    for (const index of spec.indexes) {
      if (!INDEX_NAME.test(index.name) || names.has(index.name)) throw new Error(`manifest: bad or repeated index name ${spec.name}.${index.name}`);
      names.add(index.name);
      const keys = Object.entries(index.keys);
      if (keys.length === 0 || keys.some(([, d]) => d !== 1 && d !== -1)) throw new Error(`manifest: index ${spec.name}.${index.name} needs keys with 1 or -1`);
      if (index.multikey && index.unique) throw new Error(`manifest: index ${spec.name}.${index.name} cannot be both multikey and unique`);
      keys.forEach(([p], i) => (index.multikey && i === 0 ? multikey : scalar).add(p));
    }
    for (const p of multikey) if (scalar.has(p) || p === '_id') throw new Error(`manifest: ${spec.name}.${p} is multikey in one index and scalar in another`);
  }
}

export class EmbeddedStore implements Store {
  private readonly specs: CollectionSpec[];
  private readonly db: Database.Database;
  /** The database file, or null in memory. */
  readonly file: string | null;
  /** The store's identity (also in DATA_DIR/store.json). */
  readonly id: string;
  private readonly colls = new Map<string, Coll>();
  /** Collections created inside the write transaction now running (kept only if it commits). */
  private readonly pending = new Map<string, Coll>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly immediate: (fn: () => unknown) => unknown;
  private readonly deferred: (fn: () => unknown) => unknown;
  private closed = false;

  constructor(options: EmbeddedStoreOptions = {}) {
    this.specs = options.collections ?? COLLECTIONS;
    checkManifest(this.specs);
    const dir = options.dataDir ? path.resolve(options.dataDir) : null;
    this.file = dir ? path.join(dir, DB_FILE) : null;
    if (dir) fs.mkdirSync(dir, { recursive: true });
    const marker = dir ? readMarker(dir) : null;
    const dbExists = this.file ? fs.existsSync(this.file) : false;
    if (dir && marker && !dbExists) throw missingDatabaseError(dir);
    // The old engine's JSON-lines files are imported (strictly) into a database that does not exist yet.
    const legacy = dir && !marker && !dbExists && legacyJsonlFiles(dir).length > 0 ? readLegacyJsonl(dir) : null;

    try {
      this.db = new Database(this.file ?? ':memory:', { fileMustExist: Boolean(marker) });
    } catch (e) {
      if (sqliteCode(e)) throw dir && marker ? missingDatabaseError(dir) : this.damaged(e);
      throw nativeModuleError(e);
    }
    const tx = this.db.transaction((fn: () => unknown) => fn());
    this.immediate = (fn) => tx.immediate(fn);
    this.deferred = (fn) => tx.deferred(fn);
    try {
      this.configure(options);
      // Read before writing anything (even the switch to WAL writes): a damaged, foreign or emptied database is
      // refused untouched.
      if (this.file) this.quickCheck();
      const found = this.storeId();
      if (dir && marker && found !== marker.id) throw foreignDatabaseError(dir, marker.id, found);
      if (this.file) this.verifyRows();
      if (this.file) this.durability(options);
      let created = false;
      const id = this.immediate(() => {
        this.db.exec('CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v)');
        let existing = this.storeId();
        if (existing === null && !marker) {
          existing = randomBytes(12).toString('hex');
          const put = this.s('INSERT INTO meta (k, v) VALUES (?, ?)');
          put.run('store_id', existing);
          put.run('format', `${FORMAT} ${FORMAT_VERSION}`);
          put.run('created_at', new Date().toISOString());
          created = true;
        }
        if (existing === null) return null;
        for (const name of new Set([...this.specs.map((s) => s.name), ...this.tableNames()])) this.colls.set(name, this.ensure(name));
        if (created && legacy) this.importLegacy(legacy);
        return existing;
      }) as string | null;
      if (id === null || (dir && marker && id !== marker.id)) throw foreignDatabaseError(dir ?? ':memory:', marker?.id ?? '?', id);
      this.id = id;
      if (dir && !marker) writeMarker(dir, this.id, new Date().toISOString());
      if (dir && created && legacy) retireLegacyJsonl(dir);
    } catch (e) {
      this.db.close();
      throw this.mapError(e);
    }
  }

  // ---- Setup ----

  private durability(options: EmbeddedStoreOptions): void {
    const mode = this.db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new StoreError('unavailable', `${this.file}: cannot switch to WAL (journal_mode ${String(mode)})`);
    const sync = (options.synchronous ?? process.env.STORE_SYNCHRONOUS ?? 'FULL').toUpperCase();
    if (sync !== 'FULL' && sync !== 'NORMAL') throw new StoreError('invalid', `synchronous must be FULL or NORMAL, not ${sync}`);
    this.db.pragma(`synchronous = ${sync}`);
  }

  private configure(options: EmbeddedStoreOptions): void {
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 10_000))}`);
    this.db.pragma('cache_size = -16000');
    const parse = (body: unknown): unknown => JSON.parse(String(body));
    this.db.function('store_values', { deterministic: true }, (body: unknown, p: unknown) =>
      JSON.stringify(pathCandidates(parse(body), String(p)).values));
    this.db.function('store_present', { deterministic: true }, (body: unknown, p: unknown) =>
      (pathCandidates(parse(body), String(p)).present ? 1 : 0));
    this.db.function('store_array_on_path', { deterministic: true }, (body: unknown, p: unknown) =>
      (arrayOnPath(parse(body), String(p)) ? 1 : 0));
  }

  private quickCheck(): void {
    const rows = this.db.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (problems.length > 0) {
      throw damagedError(this.file!, `完整性检查失败：${problems.slice(0, 3).join('；')}`, `quick_check failed: ${problems.slice(0, 3).join('; ')}`);
    }
  }

  /** Every row's checksum (at open), so a row edited or damaged on disk stops the start instead of being served. */
  private verifyRows(): void {
    for (const name of this.tableNames()) {
      const table = quoteIdent(`c:${encodeName(name)}`);
      for (const row of this.db.prepare(`SELECT id, body, sum FROM ${table}`).iterate() as IterableIterator<Row>) {
        if (typeof row.body !== 'string' || checksum(row.body) !== row.sum) throw this.rowDamaged(name, row.id);
      }
    }
  }

  private storeId(): string | null {
    if (!this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get()) return null;
    const row = this.db.prepare("SELECT v FROM meta WHERE k = 'store_id'").get() as { v: unknown } | undefined;
    return row ? String(row.v) : null;
  }

  /** Collection names that have a table (created by any process). */
  private tableNames(): string[] {
    const rows = this.s("SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 2) = 'c:' ORDER BY name").all() as { name: string }[];
    return rows.map((r) => decodeName(r.name.slice(2)));
  }

  private describe(name: string): Coll {
    const enc = encodeName(name);
    const spec = this.specs.find((s) => s.name === name);
    const table = quoteIdent(`c:${enc}`);
    const info: TableInfo = { table, scalar: new Set(), multikey: new Map() };
    const scalarPaths = new Map<string, string>();
    const sides: SideIndex[] = [];
    const indexes: SqlIndex[] = [];
    for (const index of spec?.indexes ?? []) {
      const keys = Object.entries(index.keys).map(([p, dir]) => ({ path: p, dir }));
      keys.forEach((k, i) => {
        if (!(index.multikey && i === 0) && k.path !== '_id' && !scalarPaths.has(k.path)) scalarPaths.set(k.path, index.name);
      });
      if (index.multikey) {
        const side: SideIndex = { name: index.name, table: quoteIdent(`m:${enc}:${index.name}:${shortHash(JSON.stringify(keys))}`), keys };
        sides.push(side);
        if (!info.multikey.has(keys[0].path)) info.multikey.set(keys[0].path, []);
        info.multikey.get(keys[0].path)!.push(side);
        continue;
      }
      const cols = keys.flatMap(({ path: p, dir: d }) => {
        const dir = d === -1 ? ' DESC' : '';
        return p === '_id' ? [`id${dir}`] : [`${rankExpr('body', p)}${dir}`, `${valueExpr('body', p)}${dir}`];
      });
      // Sparse uniqueness: documents lacking a key (or holding null there) are not in the index.
      const present = keys.filter((k) => k.path !== '_id').map((k) => `${valueExpr('body', k.path)} IS NOT NULL`);
      const where = index.unique && present.length > 0 ? ` WHERE ${present.join(' AND ')}` : '';
      const def = `ON ${table} (${cols.join(', ')})${where}`;
      const unique = Boolean(index.unique);
      indexes.push({ sqlName: `x:${enc}:${index.name}:${shortHash(def + String(unique))}`, name: index.name, unique, keys: keys.map((k) => k.path), def });
    }
    for (const p of scalarPaths.keys()) info.scalar.add(p);
    return { name, info, scalarPaths, sides, indexes };
  }

  /** Creates the collection's table and indexes (inside the running write transaction) and drops stale ones. */
  private ensure(name: string): Coll {
    const c = this.describe(name);
    const enc = encodeName(name);
    const table = c.info.table;
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, body TEXT NOT NULL, rev INTEGER NOT NULL, sum INTEGER NOT NULL)`);
    this.db.exec(`CREATE UNIQUE INDEX IF NOT EXISTS ${quoteIdent(`x:${enc}:_id`)} ON ${table} (id)`);
    const wanted = new Set<string>([`x:${enc}:_id`]);
    const have = new Set((this.s("SELECT name FROM sqlite_master WHERE substr(name, 1, length(?)) = ? OR substr(name, 1, length(?)) = ?")
      .all(`x:${enc}:`, `x:${enc}:`, `m:${enc}:`, `m:${enc}:`) as { name: string }[]).map((r) => r.name));
    for (const index of c.indexes) {
      wanted.add(index.sqlName);
      if (have.has(index.sqlName)) continue;
      for (const p of index.keys) if (p !== '_id') this.refuseArrays(c, p, index.name);
      this.db.exec(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(index.sqlName)} ${index.def}`);
    }
    for (const side of c.sides) {
      const raw = side.table.slice(1, -1);
      wanted.add(raw);
      if (have.has(raw)) continue;
      for (const k of side.keys.slice(1)) this.refuseArrays(c, k.path, side.name);
      // One B-tree: the table is its own index (keys in the declared directions, then seq).
      const cols = side.keys.flatMap((_, i) => [`k${i}r INTEGER NOT NULL`, `k${i}v NOT NULL`]);
      const order = side.keys.flatMap((k, i) => (k.dir === -1 ? [`k${i}r DESC`, `k${i}v DESC`] : [`k${i}r`, `k${i}v`]));
      this.db.exec(`CREATE TABLE ${side.table} (${cols.join(', ')}, seq INTEGER NOT NULL, PRIMARY KEY (${order.join(', ')}, seq)) WITHOUT ROWID`);
      // Backfill in pages (a connection cannot write while it iterates a query).
      for (let after = 0; ;) {
        const page = this.db.prepare(`SELECT seq, id, body, sum FROM ${table} WHERE seq > ? ORDER BY seq LIMIT 500`).all(after) as Row[];
        for (const row of page) this.insertSide(side, row.seq, this.decode(c, row));
        if (page.length < 500) break;
        after = page[page.length - 1].seq;
      }
    }
    for (const stale of have) {
      if (wanted.has(stale)) continue;
      if (stale.startsWith('m:')) this.db.exec(`DROP TABLE IF EXISTS ${quoteIdent(stale)}`);
      else this.db.exec(`DROP INDEX IF EXISTS ${quoteIdent(stale)}`);
    }
    return c;
  }

  private refuseArrays(c: Coll, p: string, index: string): void {
    const hit = this.db.prepare(`SELECT id FROM ${c.info.table} WHERE store_array_on_path(body, ?) LIMIT 1`).get(p) as { id: string } | undefined;
    if (hit) throw this.arrayRefused(c, p, index, hit.id);
  }

  private arrayRefused(c: Coll, p: string, index: string, id: string): StoreError {
    return new StoreError('invalid', `${c.name}.${p} is a scalar key of index ${index} (manifest.ts) but document ${id} puts an array there: `
      + 'declare the index multikey: true, or store a scalar');
  }

  private s(sql: string): Database.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      if (this.statements.size > 2000) this.statements.clear();
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  // ---- Errors ----

  private damaged(e: unknown): StoreError {
    const detail = e instanceof Error ? e.message : String(e);
    return damagedError(this.file ?? ':memory:', `SQLite 报告：${detail}`, `SQLite says: ${detail}`);
  }

  private rowDamaged(collection: string, id: string): StoreError {
    return damagedError(this.file ?? ':memory:', `集合 ${collection} 的文档 ${id} 校验和不符`, `collection ${collection}, document ${id}: checksum mismatch`);
  }

  private mapError(e: unknown): unknown {
    if (e instanceof StoreError || e instanceof Stale) return e;
    const code = sqliteCode(e);
    if (code === null) {
      if (this.closed || (e instanceof TypeError && /not open/i.test(e.message))) return new StoreError('unavailable', 'the embedded store is closed');
      return e;
    }
    const message = String((e as { message?: unknown }).message);
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      const m = /index '([^']+)'/.exec(message);
      const index = m ? [...this.colls.values(), ...this.pending.values()].flatMap((c) => c.indexes).find((i) => i.sqlName === m[1])?.name : undefined;
      return new StoreError('duplicate', index ? `duplicate key for index ${index}` : `duplicate _id (${message})`);
    }
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      return new StoreError('unavailable', `数据库正被另一个进程长时间占用 / the database is locked by another process: ${message}`);
    }
    // "malformed JSON" can only come from a stored body (every value the store binds is JSON.stringify's output).
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || /malformed JSON/i.test(message)) return this.damaged(e);
    return new StoreError('unavailable', `${code}: ${message}`);
  }

  private guard<T>(fn: () => T): T {
    if (this.closed) throw new StoreError('unavailable', 'the embedded store is closed');
    try {
      return fn();
    } catch (e) {
      throw this.mapError(e);
    }
  }

  /** Runs `fn` as one BEGIN IMMEDIATE transaction (atomic across processes). */
  private write<T>(fn: () => T): T {
    return this.guard(() => {
      try {
        const out = this.immediate(fn) as T;
        for (const c of this.pending.values()) this.colls.set(c.name, c);
        return out;
      } finally {
        this.pending.clear();
      }
    });
  }

  // ---- Collections and rows ----

  private checkName(name: string): void {
    if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) throw new StoreError('invalid', `bad collection name ${String(name)}`);
  }

  /** The collection when its table exists; with `create` (inside a write transaction) it is created if needed. */
  private coll(name: string, create = false): Coll | null {
    this.checkName(name);
    const known = this.colls.get(name) ?? this.pending.get(name);
    if (known) return known;
    const table = `c:${encodeName(name)}`;
    const exists = this.s("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
    if (!exists && !create) return null;
    if (exists) {
      const c = this.describe(name);
      this.colls.set(name, c);
      return c;
    }
    const c = this.ensure(name);
    this.pending.set(name, c);
    return c;
  }

  private decode(c: Coll, row: Pick<Row, 'id' | 'body' | 'sum'>): Doc {
    if (typeof row.body !== 'string' || checksum(row.body) !== row.sum) throw this.rowDamaged(c.name, row.id);
    let doc: unknown;
    try {
      doc = JSON.parse(row.body);
    } catch {
      throw this.rowDamaged(c.name, row.id);
    }
    if (!doc || typeof doc !== 'object' || (doc as Doc)._id !== row.id) throw this.rowDamaged(c.name, row.id);
    return doc as Doc;
  }

  private encode(c: Coll, input: AnyDoc): { doc: Doc; body: string } {
    const doc = input as unknown as Doc;
    if (!doc || typeof doc !== 'object' || typeof doc._id !== 'string' || !doc._id) throw new StoreError('invalid', 'documents need a string _id');
    for (const [p, index] of c.scalarPaths) if (arrayOnPath(doc, p)) throw this.arrayRefused(c, p, index, doc._id);
    const body = JSON.stringify(doc);
    return { doc: JSON.parse(body) as Doc, body };
  }

  private row(c: Coll, id: string): Row | undefined {
    return this.s(`SELECT seq, id, rev, body, sum FROM ${c.info.table} WHERE id = ?`).get(id) as Row | undefined;
  }

  /**
   * The side-table rows of a document: one per distinct scalar element of the first key, each with the rank and
   * value of the other keys (value 0 stands for missing/null, whose rank 0 already orders and tells it apart).
   */
  private sideRows(side: SideIndex, doc: Doc): (string | number)[][] {
    const tail = side.keys.slice(1).flatMap((k) => {
      const [r, x] = rankValue(getPath(doc, k.path));
      return [r, x ?? 0];
    });
    const seen = new Set<string>();
    const rows: (string | number)[][] = [];
    for (const v of pathCandidates(doc, side.keys[0].path).values) {
      if (v === null || typeof v === 'object') continue;
      const [r, x] = rankValue(v);
      const key = `${r}\u0000${String(x)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push([r, x!, ...tail]);
    }
    return rows;
  }

  private sideColumns(side: SideIndex): string {
    return side.keys.map((_, i) => `k${i}r, k${i}v`).join(', ');
  }

  private insertSide(side: SideIndex, seq: number, doc: Doc): void {
    const st = this.s(`INSERT INTO ${side.table} (${this.sideColumns(side)}, seq) VALUES (${'?, '.repeat(side.keys.length * 2)}?)`);
    for (const r of this.sideRows(side, doc)) st.run(...r, seq);
  }

  private deleteSide(side: SideIndex, seq: number, doc: Doc): void {
    const where = side.keys.map((_, i) => `k${i}r = ? AND k${i}v = ?`).join(' AND ');
    const st = this.s(`DELETE FROM ${side.table} WHERE ${where} AND seq = ?`);
    for (const r of this.sideRows(side, doc)) st.run(...r, seq);
  }

  /**
   * `rev` changes on every write of a document: +1 on an update; a fresh random 52-bit value on an insert, so a
   * document removed and inserted again does not come back with a version an open transaction has seen.
   */
  private insertRow(c: Coll, doc: Doc, body: string, at?: { seq: number; rev: number }): void {
    const sum = checksum(body);
    const info = at
      ? this.s(`INSERT INTO ${c.info.table} (seq, id, body, rev, sum) VALUES (?, ?, ?, ?, ?)`).run(at.seq, doc._id, body, at.rev + 1, sum)
      : this.s(`INSERT INTO ${c.info.table} (id, body, rev, sum) VALUES (?, ?, ?, ?)`).run(doc._id, body, Math.floor(Math.random() * 2 ** 52) + 1, sum);
    const seq = Number(info.lastInsertRowid);
    for (const side of c.sides) this.insertSide(side, seq, doc);
  }

  private updateRow(c: Coll, row: Row, before: Doc, doc: Doc, body: string): void {
    this.s(`UPDATE ${c.info.table} SET body = ?, rev = ?, sum = ? WHERE seq = ?`).run(body, row.rev + 1, checksum(body), row.seq);
    for (const side of c.sides) {
      if (JSON.stringify(this.sideRows(side, before)) === JSON.stringify(this.sideRows(side, doc))) continue;
      this.deleteSide(side, row.seq, before);
      this.insertSide(side, row.seq, doc);
    }
  }

  private deleteRow(c: Coll, row: Row, before: Doc): void {
    this.s(`DELETE FROM ${c.info.table} WHERE seq = ?`).run(row.seq);
    for (const side of c.sides) this.deleteSide(side, row.seq, before);
  }

  private emptyInfo(name: string): TableInfo {
    return { table: quoteIdent(`c:${encodeName(name)}`), scalar: new Set(), multikey: new Map() };
  }

  private matchingRows(c: Coll, filter: Filter, multi: boolean): Row[] {
    const q = compileQuery(c.info, filter);
    const sql = `SELECT c.seq AS seq, c.id AS id, c.rev AS rev, c.body AS body, c.sum AS sum FROM ${q.from} WHERE ${q.where} ORDER BY ${q.orderBy}${multi ? '' : ' LIMIT 1'}`;
    return this.s(sql).all(q.params) as Row[];
  }

  // ---- The port ----

  async get<T extends AnyDoc = Doc>(collection: string, id: string): Promise<T | null> {
    return this.guard(() => {
      const c = this.coll(collection);
      if (!c || typeof id !== 'string') return null;
      const row = this.row(c, id);
      return row ? (this.decode(c, row) as unknown as T) : null;
    });
  }

  private selectSql(q: ReturnType<typeof compileQuery>): string {
    return `SELECT c.id AS id, c.body AS body, c.sum AS sum FROM ${q.from} WHERE ${q.where} ORDER BY ${q.orderBy} LIMIT @limit OFFSET @skip`;
  }

  private findQuery(c: Coll | null, collection: string, filter: Filter, options: FindOptions) {
    const q = compileQuery(c?.info ?? this.emptyInfo(collection), filter, options.sort);
    const skip = Math.max(0, Math.floor(options.skip ?? 0)) || 0;
    return { sql: this.selectSql(q), params: { ...q.params, limit: effectiveLimit(options.limit), skip } };
  }

  async find<T extends AnyDoc = Doc>(collection: string, filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.guard(() => {
      const c = this.coll(collection);
      const { sql, params } = this.findQuery(c, collection, filter, options);
      if (!c) return [];
      const rows = this.s(sql).all(params) as Row[];
      return rows.map((r) => project(this.decode(c, r), options.projection) as unknown as T);
    });
  }

  async count(collection: string, filter: Filter): Promise<number> {
    return this.guard(() => {
      const c = this.coll(collection);
      const q = compileQuery(c?.info ?? this.emptyInfo(collection), filter);
      if (!c) return 0;
      return Number((this.s(`SELECT count(*) AS n FROM ${q.from} WHERE ${q.where}`).get(q.params) as { n: number }).n);
    });
  }

  async insert<T extends AnyDoc>(collection: string, input: T): Promise<void> {
    this.write(() => {
      const c = this.coll(collection, true)!;
      const { doc, body } = this.encode(c, input);
      if (this.row(c, doc._id)) throw new StoreError('duplicate', `duplicate _id ${doc._id}`);
      this.insertRow(c, doc, body);
    });
  }

  async set<T extends AnyDoc>(collection: string, input: T): Promise<void> {
    this.write(() => {
      const c = this.coll(collection, true)!;
      const { doc, body } = this.encode(c, input);
      const row = this.row(c, doc._id);
      if (!row) this.insertRow(c, doc, body);
      else if (row.body !== body) this.updateRow(c, row, this.decode(c, row), doc, body);
    });
  }

  async update(collection: string, filter: Filter, update: Update, options: { multi?: boolean } = {}): Promise<UpdateResult> {
    checkUpdate(update);
    return this.write(() => {
      const c = this.coll(collection);
      if (!c) {
        compileQuery(this.emptyInfo(collection), filter);
        return { matched: 0, modified: 0 };
      }
      const rows = this.matchingRows(c, filter, Boolean(options.multi));
      let modified = 0;
      for (const row of rows) if (this.applyTo(c, row, update)) modified++;
      return { matched: rows.length, modified };
    });
  }

  /** Applies an update to one row; false when it changes nothing (then nothing is written). */
  private applyTo(c: Coll, row: Row, update: Update): { before: Doc; after: Doc } | null {
    const before = this.decode(c, row);
    const { doc, body } = this.encode(c, applyUpdate(before, update));
    if (body === row.body) return null;
    this.updateRow(c, row, before, doc, body);
    return { before, after: doc };
  }

  async updateAndGet<T extends AnyDoc = Doc>(collection: string, filter: Filter, update: Update): Promise<T | null> {
    const r = this.updateOneReturning(collection, filter, update);
    return r ? (r.after as unknown as T) : null;
  }

  /** Find-one-and-update, atomically, with the document before and after (the emulator reports both). */
  updateOneReturning(collection: string, filter: Filter, update: Update): { before: Doc; after: Doc } | null {
    checkUpdate(update);
    return this.write(() => {
      const c = this.coll(collection);
      if (!c) {
        compileQuery(this.emptyInfo(collection), filter);
        return null;
      }
      const [row] = this.matchingRows(c, filter, false);
      if (!row) return null;
      const changed = this.applyTo(c, row, update);
      if (changed) return changed;
      const same = this.decode(c, row);
      return { before: same, after: structuredClone(same) };
    });
  }

  async remove(collection: string, filter: Filter, options: { multi?: boolean } = {}): Promise<number> {
    return this.write(() => {
      const c = this.coll(collection);
      if (!c) {
        compileQuery(this.emptyInfo(collection), filter);
        return 0;
      }
      const rows = this.matchingRows(c, filter, Boolean(options.multi));
      for (const row of rows) this.deleteRow(c, row, this.decode(c, row));
      return rows.length;
    });
  }

  async transaction<T>(work: (tx: TxStore) => Promise<T>): Promise<T> {
    for (let attempt = 0; attempt < TX_ATTEMPTS; attempt++) {
      const reads = new Map<string, { coll: string; id: string; rev: number }>();
      const writes = new Map<string, Map<string, { doc: Doc; body: string } | null>>();
      const current = (coll: string, id: string): Doc | null => {
        this.checkName(coll);
        if (typeof id !== 'string' || !id) throw new StoreError('invalid', 'document ids are non-empty strings');
        const pending = writes.get(coll);
        if (pending?.has(id)) {
          const w = pending.get(id);
          return w ? (JSON.parse(w.body) as Doc) : null;
        }
        return this.guard(() => {
          const c = this.coll(coll);
          const row = c ? this.row(c, id) : undefined;
          const key = `${coll}\u0000${id}`;
          if (!reads.has(key)) reads.set(key, { coll, id, rev: row?.rev ?? 0 });
          return row && c ? this.decode(c, row) : null;
        });
      };
      const stage = (coll: string, id: string, doc: Doc | null): void => {
        current(coll, id); // records the version being overwritten
        const encoded = doc ? this.encode(this.coll(coll) ?? this.describe(coll), doc) : null;
        if (!writes.has(coll)) writes.set(coll, new Map());
        writes.get(coll)!.set(id, encoded);
      };
      const tx: TxStore = {
        get: async <D extends AnyDoc>(coll: string, id: string) => current(coll, id) as unknown as D | null,
        insert: async (coll, input) => {
          const doc = input as unknown as Doc;
          if (typeof doc?._id !== 'string' || !doc._id) throw new StoreError('invalid', 'documents need a string _id');
          if (current(coll, doc._id)) throw new StoreError('duplicate', `duplicate _id ${doc._id}`);
          stage(coll, doc._id, doc);
        },
        set: async (coll, input) => {
          const doc = input as unknown as Doc;
          if (typeof doc?._id !== 'string' || !doc._id) throw new StoreError('invalid', 'documents need a string _id');
          stage(coll, doc._id, doc);
        },
        update: async (coll, id, update) => {
          checkUpdate(update);
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
      try {
        const commit = () => {
          for (const r of reads.values()) {
            const c = this.coll(r.coll);
            const now = c ? this.row(c, r.id)?.rev ?? 0 : 0;
            if (now !== r.rev) throw new Stale();
          }
          for (const [coll, changes] of writes) {
            const c = this.coll(coll, true)!;
            const old = new Map<string, Row>();
            // Remove every changed row first, then insert the new versions (keeping their places), so unique
            // indexes judge the transaction's final state, not an intermediate one.
            for (const id of changes.keys()) {
              const row = this.row(c, id);
              if (!row) continue;
              old.set(id, row);
              this.deleteRow(c, row, this.decode(c, row));
            }
            for (const [id, w] of changes) if (w && old.has(id)) this.insertRow(c, w.doc, w.body, old.get(id));
            for (const [id, w] of changes) if (w && !old.has(id)) this.insertRow(c, w.doc, w.body);
          }
        };
        if (writes.size === 0) this.guard(() => this.deferred(commit));
        else this.write(commit);
        return result;
      } catch (e) {
        if (!(e instanceof Stale)) throw e;
        await new Promise((r) => setTimeout(r, Math.random() * 5 * (attempt + 1)));
      }
    }
    throw new StoreError('conflict', 'transaction kept conflicting');
  }

  // ---- Beyond the port: tests, the emulator, the operator scripts ----

  /** Every document of every non-empty collection (by collection name, in insertion order), read at one instant. */
  snapshot(): Record<string, Doc[]> {
    return this.guard(() => this.deferred(() => {
      const out: Record<string, Doc[]> = {};
      for (const name of this.tableNames()) {
        const c = this.coll(name)!;
        const rows = this.s(`SELECT id, body, sum FROM ${c.info.table} ORDER BY seq`).all() as Row[];
        if (rows.length > 0) out[name] = rows.map((r) => this.decode(c, r));
      }
      return out;
    }) as Record<string, Doc[]>);
  }

  /** SQLite's plan for a find (EXPLAIN QUERY PLAN details), to prove which index serves it. */
  explain(collection: string, filter: Filter, options: FindOptions = {}): string[] {
    return this.guard(() => {
      const c = this.coll(collection);
      if (!c) return [];
      const { sql, params } = this.findQuery(c, collection, filter, options);
      return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
    });
  }

  /**
   * A full check: SQLite's integrity_check (every page, every index against its table), every row's checksum,
   * and every multikey side table against the documents. Returns the problems found (empty = healthy).
   */
  check(): string[] {
    return this.guard(() => {
      const problems = (this.db.pragma('integrity_check') as { integrity_check: string }[])
        .map((r) => r.integrity_check).filter((r) => r !== 'ok');
      this.deferred(() => {
        for (const name of this.tableNames()) {
          const c = this.coll(name)!;
          const expected = new Map(c.sides.map((s) => [s, [] as string[]]));
          for (const row of this.db.prepare(`SELECT seq, id, body, sum FROM ${c.info.table}`).iterate() as IterableIterator<Row>) {
            let doc: Doc;
            try {
              doc = this.decode(c, row);
            } catch {
              problems.push(`${name}/${row.id}: checksum mismatch`);
              continue;
            }
            for (const [side, list] of expected) for (const r of this.sideRows(side, doc)) list.push(JSON.stringify([...r, row.seq]));
          }
          for (const [side, list] of expected) {
            const actual = (this.db.prepare(`SELECT ${this.sideColumns(side)}, seq FROM ${side.table}`).raw().all() as unknown[][]).map((r) => JSON.stringify(r));
            if (JSON.stringify(list.sort()) !== JSON.stringify(actual.sort())) problems.push(`${name}: multikey index ${side.name} does not match the documents`);
          }
        }
      });
      return problems;
    });
  }

  /** Copies the live database into `file` with SQLite's online backup: consistent while other writes go on. */
  async backup(file: string): Promise<void> {
    if (!this.file) throw new StoreError('invalid', 'an in-memory store has no file to back up');
    // One step for the whole file: a copy made in several steps restarts whenever another process writes.
    await this.db.backup(file, { progress: () => 0x7fffffff });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.statements.clear();
    this.db.close();
  }

  private importLegacy(legacy: Map<string, Doc[]>): void {
    let total = 0;
    for (const [name, docs] of legacy) {
      if (docs.length === 0) continue;
      const c = this.coll(name, true)!;
      for (const input of docs) {
        const { doc, body } = this.encode(c, input);
        this.insertRow(c, doc, body);
        total++;
      }
    }
    if (total === 0) return;
    // Imported live data is never to be seeded over.
    const system = this.coll(SYSTEM_COLLECTION, true)!;
    if (!this.row(system, SEED_MARKER_ID)) {
      const { doc, body } = this.encode(system, { _id: SEED_MARKER_ID, status: 'done', source: 'jsonl-import', at: new Date().toISOString() } as AnyDoc);
      this.insertRow(system, doc, body);
    }
  }
}

function checkUpdate(update: Update): void {
  if (!update || typeof update !== 'object' || Array.isArray(update)) throw new StoreError('invalid', 'an update must be an object');
  for (const [op, fields] of Object.entries(update)) {
    if (!UPDATE_OPS.has(op)) throw new StoreError('invalid', `unsupported update operator ${op}`);
    if (fields !== undefined && (typeof fields !== 'object' || fields === null || Array.isArray(fields))) throw new StoreError('invalid', `${op} needs an object`);
  }
}
