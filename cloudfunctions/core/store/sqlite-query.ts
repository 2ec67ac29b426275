/**
 * Compiles the port's filters and sorts to SQLite SQL for the embedded store (ADR 0009).
 *
 * A collection is a table `(seq INTEGER PRIMARY KEY, id, body JSON, rev, sum)`. A document value is seen through
 * two expressions per path: its MongoDB type rank (`R`: 0 missing/null, 1 number, 2 string, 3 object/array,
 * 4 boolean) and its SQL value (`V`, json_extract). Declared indexes are expression indexes on (R, V) of each key,
 * so equality, ranges and sorts on indexed fields compile to the same expressions and SQLite uses the index.
 * Multikey (array) index fields live in a side table with one row per distinct scalar element.
 *
 * Exact MongoDB semantics for everything else: a field matches when its value or, for an array, any element
 * matches (json_each); null matches missing; comparisons only match values of the same type bracket; dotted paths
 * that are not indexed walk arrays like MongoDB through the `store_values` / `store_present` SQL functions
 * (registered by the store; they are never used in the schema, so the file stays readable by any SQLite).
 *
 * Every boolean expression produced here is 0 or 1, never NULL, so `NOT` is exact.
 */
import type { DocValue, FieldOps, Filter, SortSpec } from './port';
import { StoreError } from './port';

/** A multikey index's side table: one row per (document, distinct scalar element of the first key). */
export interface SideIndex {
  name: string;
  /** Quoted table name. */
  table: string;
  keys: { path: string; dir: 1 | -1 }[];
}

export interface TableInfo {
  /** Quoted table name of the collection. */
  table: string;
  /** Paths that are indexed as scalars: no document holds an array anywhere along them. */
  scalar: Set<string>;
  /** Multikey paths → the side indexes whose first key they are. */
  multikey: Map<string, SideIndex[]>;
}

export interface CompiledQuery {
  from: string;
  where: string;
  orderBy: string;
  params: Record<string, unknown>;
}

const FIELD_OPS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists']);
const RANGE_SQL: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

export function quoteIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

export function checkPath(path: string): void {
  if (typeof path !== 'string' || path.length === 0 || path.length > 200) throw new StoreError('invalid', `bad field path ${String(path)}`);
  for (const part of path.split('.')) {
    if (!part || part.startsWith('$') || /["\\\u0000-\u001f]/.test(part)) throw new StoreError('invalid', `bad field path ${path}`);
  }
}

/** The SQLite JSON path literal of a dotted field path (object keys only). */
export function jsonPath(path: string): string {
  return sqlString('$' + path.split('.').map((p) => (PLAIN_KEY.test(p) ? `.${p}` : `."${p}"`)).join(''));
}

export function rankExpr(col: string, path: string): string {
  return `(CASE json_type(${col}, ${jsonPath(path)}) WHEN 'integer' THEN 1 WHEN 'real' THEN 1 WHEN 'text' THEN 2 `
    + `WHEN 'object' THEN 3 WHEN 'array' THEN 3 WHEN 'true' THEN 4 WHEN 'false' THEN 4 ELSE 0 END)`;
}

export function valueExpr(col: string, path: string): string {
  return `json_extract(${col}, ${jsonPath(path)})`;
}

type Kind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

function kindOf(v: unknown): Kind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string': return 'string';
    case 'number':
      if (!Number.isFinite(v)) throw new StoreError('invalid', 'filter numbers must be finite');
      return 'number';
    case 'boolean': return 'boolean';
    case 'object': return 'object';
    default: throw new StoreError('invalid', `unsupported filter value ${typeof v}`);
  }
}

/** The rank (R) and SQL value (V) a scalar has in the store's expressions and side tables. */
export function rankValue(v: unknown): [number, string | number | null] {
  if (v === undefined || v === null) return [0, null];
  if (typeof v === 'number') return [1, v];
  if (typeof v === 'string') return [2, v];
  if (typeof v === 'boolean') return [4, v ? 1 : 0];
  return [3, JSON.stringify(v)];
}

function typeCheck(rank: number, t: string): string {
  if (rank === 1) return `${t} IN ('integer', 'real')`;
  if (rank === 2) return `${t} = 'text'`;
  return `${t} IN ('true', 'false')`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isFieldOps(v: unknown): v is FieldOps {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  if (keys.length === 0 || !keys.some((k) => k.startsWith('$'))) return false;
  for (const k of keys) if (!FIELD_OPS.has(k)) throw new StoreError('invalid', `unsupported filter operator ${k}`);
  return true;
}

/** A scalar non-null equality value of a condition (`field: v` or `field: {$eq: v}`), or undefined. */
function scalarEquality(cond: unknown): string | number | boolean | undefined {
  const v = isFieldOps(cond) ? (Object.keys(cond).length === 1 && '$eq' in cond ? cond.$eq : undefined) : cond;
  if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) return v;
  return undefined;
}

interface Skip {
  filter: Filter;
  key: string;
}

class Compiler {
  readonly params: Record<string, unknown> = {};
  private n = 0;

  constructor(
    private readonly info: TableInfo,
    private readonly skip: Skip | null,
  ) {}

  p(v: unknown): string {
    const name = `p${this.n++}`;
    this.params[name] = v;
    return `@${name}`;
  }

  filter(filter: Filter): string {
    if (!isPlainObject(filter)) throw new StoreError('invalid', 'a filter must be an object');
    const parts: string[] = [];
    for (const [key, value] of Object.entries(filter)) {
      if (value === undefined) continue;
      if (this.skip && this.skip.filter === filter && this.skip.key === key) continue;
      if (key === '$and' || key === '$or') {
        if (!Array.isArray(value) || value.length === 0) throw new StoreError('invalid', `${key} needs a non-empty array`);
        const sub = (value as Filter[]).map((f) => this.filter(f));
        parts.push(`(${sub.join(key === '$and' ? ' AND ' : ' OR ')})`);
      } else if (key.startsWith('$')) {
        throw new StoreError('invalid', `unsupported filter operator ${key}`);
      } else {
        checkPath(key);
        parts.push(this.field(key, value));
      }
    }
    return parts.length === 0 ? '1' : parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
  }

  private field(path: string, cond: unknown): string {
    if (!isFieldOps(cond)) return this.eq(path, cond);
    const terms: string[] = [];
    for (const [op, arg] of Object.entries(cond)) {
      if (arg === undefined) continue;
      switch (op) {
        case '$eq': terms.push(this.eq(path, arg)); break;
        case '$ne': terms.push(`(NOT ${this.eq(path, arg)})`); break;
        case '$gt': case '$gte': case '$lt': case '$lte': terms.push(this.range(path, op, arg)); break;
        case '$in': case '$nin': {
          if (!Array.isArray(arg)) throw new StoreError('invalid', `${op} needs an array`);
          const sql = this.in(path, arg);
          terms.push(op === '$in' ? sql : `(NOT ${sql})`);
          break;
        }
        case '$exists': terms.push(this.exists(path, Boolean(arg))); break;
      }
    }
    if (terms.length === 0) throw new StoreError('invalid', 'empty operator object');
    return terms.length === 1 ? terms[0] : `(${terms.join(' AND ')})`;
  }

  private sideOf(path: string): SideIndex | undefined {
    return this.info.multikey.get(path)?.[0];
  }

  /** Some candidate value (the value itself, or an element of it when it is an array) satisfies `pred`. */
  private any(path: string, pred: (t: string, v: string) => string): string {
    if (!path.includes('.')) {
      const jp = jsonPath(path);
      const t = `json_type(c.body, ${jp})`;
      return `COALESCE(${pred(t, `json_extract(c.body, ${jp})`)} OR (${t} = 'array' AND EXISTS `
        + `(SELECT 1 FROM json_each(c.body, ${jp}) e WHERE ${pred('e.type', 'e.value')})), 0)`;
    }
    return `COALESCE(EXISTS (SELECT 1 FROM json_each(store_values(c.body, ${sqlString(path)})) e WHERE ${pred('e.type', 'e.value')}), 0)`;
  }

  private missing(path: string): string {
    if (!path.includes('.')) return `(json_type(c.body, ${jsonPath(path)}) IS NULL)`;
    return `(store_present(c.body, ${sqlString(path)}) = 0)`;
  }

  private eq(path: string, v: unknown): string {
    const kind = kindOf(v);
    if (path === '_id') return kind === 'string' ? `(c.id = ${this.p(v)})` : '0';
    if (this.info.scalar.has(path)) {
      if (kind === 'null') return `(${rankExpr('c.body', path)} = 0)`;
      if (kind === 'string' || kind === 'number' || kind === 'boolean') {
        const [rank, value] = rankValue(v);
        return `(${rankExpr('c.body', path)} = ${rank} AND ${valueExpr('c.body', path)} = ${this.p(value)})`;
      }
    }
    const side = this.sideOf(path);
    if (side && (kind === 'string' || kind === 'number' || kind === 'boolean')) {
      const [rank, value] = rankValue(v);
      return `(c.seq IN (SELECT seq FROM ${side.table} WHERE k0r = ${rank} AND k0v = ${this.p(value)}))`;
    }
    switch (kind) {
      case 'null':
        return `(${this.missing(path)} OR ${this.any(path, (t) => `(${t} = 'null')`)})`;
      case 'boolean':
        return this.any(path, (t) => `(${t} = '${String(v)}')`);
      case 'object':
      case 'array': {
        const p = this.p(JSON.stringify(v));
        // CASE, not AND: SQLite may evaluate both sides of AND, and json() of a plain string is an error.
        return this.any(path, (t, x) => `(CASE WHEN ${t} = '${kind}' THEN json(${x}) = json(${p}) ELSE 0 END)`);
      }
      default: {
        const [rank, value] = rankValue(v);
        const p = this.p(value);
        return this.any(path, (t, x) => `(${typeCheck(rank, t)} AND ${x} = ${p})`);
      }
    }
  }

  private range(path: string, op: string, x: unknown): string {
    const sqlOp = RANGE_SQL[op];
    if (x === null) return op === '$gte' || op === '$lte' ? this.eq(path, null) : '0';
    const kind = kindOf(x);
    if (kind === 'object' || kind === 'array') throw new StoreError('invalid', `${op} takes a scalar value`);
    if (path === '_id') return kind === 'string' ? `(c.id ${sqlOp} ${this.p(x)})` : '0';
    const [rank, value] = rankValue(x);
    if (this.info.scalar.has(path)) {
      return `(${rankExpr('c.body', path)} = ${rank} AND ${valueExpr('c.body', path)} ${sqlOp} ${this.p(value)})`;
    }
    const side = this.sideOf(path);
    if (side) return `(c.seq IN (SELECT seq FROM ${side.table} WHERE k0r = ${rank} AND k0v ${sqlOp} ${this.p(value)}))`;
    const p = this.p(value);
    return this.any(path, (t, v) => `(${typeCheck(rank, t)} AND ${v} ${sqlOp} ${p})`);
  }

  private in(path: string, list: unknown[]): string {
    if (list.length === 0) return '0';
    if (path === '_id') {
      const ids = list.filter((v): v is string => typeof v === 'string');
      return ids.length ? `(c.id IN (SELECT value FROM json_each(${this.p(JSON.stringify(ids))})))` : '0';
    }
    const byRank = new Map<number, unknown[]>();
    const parts: string[] = [];
    for (const v of list) {
      const kind = kindOf(v);
      if (kind === 'string' || kind === 'number' || kind === 'boolean') {
        const [rank, value] = rankValue(v);
        if (!byRank.has(rank)) byRank.set(rank, []);
        byRank.get(rank)!.push(value);
      } else {
        parts.push(this.eq(path, v));
      }
    }
    const side = this.sideOf(path);
    for (const [rank, values] of byRank) {
      const p = this.p(JSON.stringify(values));
      if (this.info.scalar.has(path)) {
        parts.push(`(${rankExpr('c.body', path)} = ${rank} AND ${valueExpr('c.body', path)} IN (SELECT value FROM json_each(${p})))`);
      } else if (side) {
        parts.push(`(c.seq IN (SELECT seq FROM ${side.table} WHERE k0r = ${rank} AND k0v IN (SELECT value FROM json_each(${p}))))`);
      } else {
        parts.push(this.any(path, (t, v) => `(${typeCheck(rank, t)} AND ${v} IN (SELECT value FROM json_each(${p})))`));
      }
    }
    return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
  }

  private exists(path: string, present: boolean): string {
    if (path === '_id') return present ? '1' : '0';
    const missing = this.missing(path);
    return present ? `(NOT ${missing})` : missing;
  }
}

/** The `field: condition` pairs that every match must satisfy (the filter's own fields and those of nested $and). */
function conjuncts(filter: Filter, out: { filter: Filter; key: string; cond: unknown }[] = []): typeof out {
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === '$and' && Array.isArray(value)) for (const f of value as Filter[]) if (isPlainObject(f)) conjuncts(f, out);
    if (!key.startsWith('$')) out.push({ filter, key, cond: value });
  }
  return out;
}

function checkSort(sort: SortSpec | undefined): [string, 1 | -1][] {
  const keys = Object.entries(sort ?? {});
  for (const [path, dir] of keys) {
    checkPath(path);
    if (dir !== 1 && dir !== -1) throw new StoreError('invalid', `sort direction of ${path} must be 1 or -1`);
  }
  return keys;
}

function docOrder(keys: [string, 1 | -1][]): string {
  const parts = keys.map(([path, dir]) => {
    const d = dir === -1 ? 'DESC' : 'ASC';
    return path === '_id' ? `c.id ${d}` : `${rankExpr('c.body', path)} ${d}, ${valueExpr('c.body', path)} ${d}`;
  });
  parts.push('c.seq');
  return parts.join(', ');
}

/**
 * Plans a query: the FROM clause (the collection, or a multikey side table joined to it when the filter pins an
 * array field to one element, so that the side index serves the equality and, when it matches, the sort), the
 * WHERE clause and the ORDER BY (always ending with insertion order, so equal sort keys keep a stable order).
 */
export function compileQuery(info: TableInfo, filter: Filter, sort?: SortSpec): CompiledQuery {
  const sortKeys = checkSort(sort);
  if (!isPlainObject(filter)) throw new StoreError('invalid', 'a filter must be an object');
  const terms = conjuncts(filter);
  const pinnedId = terms.some((t) => t.key === '_id');
  let best: { side: SideIndex; term: (typeof terms)[number]; eqKeys: number; sortMatch: boolean; score: number } | null = null;
  if (!pinnedId) {
    for (const term of terms) {
      const sides = info.multikey.get(term.key);
      if (!sides || scalarEquality(term.cond) === undefined) continue;
      for (const side of sides) {
        let eqKeys = 1;
        while (eqKeys < side.keys.length && terms.some((t) => t.key === side.keys[eqKeys].path && scalarEquality(t.cond) !== undefined)) eqKeys++;
        const rest = side.keys.slice(eqKeys);
        const sortMatch = sortKeys.length > 0 && sortKeys.length <= rest.length
          && sortKeys.every(([p], i) => rest[i].path === p)
          && (sortKeys.every(([, d], i) => rest[i].dir === d) || sortKeys.every(([, d], i) => rest[i].dir === -d));
        const score = eqKeys * 2 + (sortMatch ? 1 : 0);
        if (!best || score > best.score) best = { side, term, eqKeys, sortMatch, score };
      }
    }
  }
  if (!best) {
    const c = new Compiler(info, null);
    const where = c.filter(filter);
    return { from: `${info.table} AS c`, where, orderBy: docOrder(sortKeys), params: c.params };
  }
  const { side, term, eqKeys, sortMatch } = best;
  const c = new Compiler(info, { filter: term.filter, key: term.key });
  const sideWhere: string[] = [];
  for (let i = 0; i < eqKeys; i++) {
    const key = side.keys[i].path;
    const t = i === 0 ? term : terms.find((x) => x.key === key && scalarEquality(x.cond) !== undefined)!;
    const [rank, value] = rankValue(scalarEquality(t.cond));
    sideWhere.push(`s.k${i}r = ${rank}`, `s.k${i}v = ${c.p(value)}`);
  }
  const where = `${sideWhere.join(' AND ')} AND ${c.filter(filter)}`;
  let orderBy: string;
  if (sortMatch) {
    const parts = sortKeys.map(([, dir], i) => {
      const d = dir === -1 ? 'DESC' : 'ASC';
      return `s.k${eqKeys + i}r ${d}, s.k${eqKeys + i}v ${d}`;
    });
    orderBy = [...parts, 's.seq'].join(', ');
  } else {
    orderBy = docOrder(sortKeys);
  }
  return { from: `${side.table} AS s JOIN ${info.table} AS c ON c.seq = s.seq`, where, orderBy, params: c.params };
}

/**
 * MongoDB's candidate values of a dotted path: the value (and its elements when it is an array), walking through
 * arrays of objects on the way; `present` when some branch reaches the path.
 */
export function pathCandidates(doc: unknown, path: string): { present: boolean; values: DocValue[] } {
  const parts = path.split('.');
  const values: DocValue[] = [];
  let present = false;
  const walk = (cur: unknown, i: number): void => {
    if (i === parts.length) {
      present = true;
      values.push(cur as DocValue);
      if (Array.isArray(cur)) values.push(...(cur as DocValue[]));
      return;
    }
    const part = parts[i];
    if (Array.isArray(cur)) {
      if (/^\d+$/.test(part) && Number(part) < cur.length) walk(cur[Number(part)], i + 1);
      for (const el of cur) if (isPlainObject(el)) walk(el, i);
      return;
    }
    if (isPlainObject(cur) && Object.prototype.hasOwnProperty.call(cur, part) && cur[part] !== undefined) walk(cur[part], i + 1);
  };
  walk(doc, 0);
  return { present, values };
}

/** Whether an array appears anywhere along a path (at the value or on the way to it). */
export function arrayOnPath(doc: unknown, path: string): boolean {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (!isPlainObject(cur)) return false;
    cur = cur[part];
    if (Array.isArray(cur)) return true;
  }
  return false;
}
