/** Applies the port's update subset ($set, $unset, $inc, $push, $pull) to a plain document. Shared by adapters and tests. */
import type { Doc, DocValue, Update } from './port';
import { StoreError } from './port';

type Obj = { [key: string]: DocValue | undefined };

function parentOf(doc: Obj, path: string, create: boolean): { parent: Obj; key: string } | null {
  const parts = path.split('.');
  let cur: Obj = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const next = cur[parts[i]];
    if (next === undefined || next === null) {
      if (!create) return null;
      const made: Obj = {};
      cur[parts[i]] = made;
      cur = made;
    } else if (typeof next === 'object' && !Array.isArray(next)) {
      cur = next as Obj;
    } else {
      throw new StoreError('invalid', `cannot descend into ${parts.slice(0, i + 1).join('.')}`);
    }
  }
  return { parent: cur, key: parts[parts.length - 1] };
}

export function applyUpdate<T extends Doc>(doc: T, update: Update): T {
  const out = structuredClone(doc) as Obj;
  for (const [path, value] of Object.entries(update.$set ?? {})) {
    if (path === '_id') throw new StoreError('invalid', '_id cannot be changed');
    const at = parentOf(out, path, true)!;
    at.parent[at.key] = structuredClone(value);
  }
  for (const path of Object.keys(update.$unset ?? {})) {
    const at = parentOf(out, path, false);
    if (at) delete at.parent[at.key];
  }
  for (const [path, by] of Object.entries(update.$inc ?? {})) {
    const at = parentOf(out, path, true)!;
    const cur = at.parent[at.key];
    if (cur !== undefined && typeof cur !== 'number') throw new StoreError('invalid', `${path} is not a number`);
    at.parent[at.key] = (cur ?? 0) + by;
  }
  for (const [path, value] of Object.entries(update.$push ?? {})) {
    const at = parentOf(out, path, true)!;
    const cur = at.parent[at.key];
    if (cur !== undefined && !Array.isArray(cur)) throw new StoreError('invalid', `${path} is not an array`);
    at.parent[at.key] = [...(cur ?? []), structuredClone(value)];
  }
  for (const [path, value] of Object.entries(update.$pull ?? {})) {
    if (value !== null && typeof value === 'object') throw new StoreError('invalid', `$pull takes a scalar value (${path})`);
    const at = parentOf(out, path, false);
    if (!at) continue;
    const cur = at.parent[at.key];
    if (cur === undefined) continue;
    if (!Array.isArray(cur)) throw new StoreError('invalid', `${path} is not an array`);
    at.parent[at.key] = cur.filter((item) => item !== value);
  }
  return out as T;
}

/** Reads a dotted path. */
export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function rank(v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return 2;
  if (typeof v === 'boolean') return 4;
  return 3;
}

/** Orders two values as MongoDB does for the types this port stores (null < numbers < strings < objects < booleans). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

export function sortDocs<T extends Doc>(docs: T[], sort: Record<string, 1 | -1> | undefined): T[] {
  const keys = Object.entries(sort ?? {});
  if (keys.length === 0) return docs;
  return [...docs].sort((x, y) => {
    for (const [path, dir] of keys) {
      const c = compareValues(getPath(x, path), getPath(y, path));
      if (c !== 0) return c * dir;
    }
    return 0;
  });
}

export function project<T extends Doc>(doc: T, projection: Record<string, 1> | undefined): T {
  if (!projection) return doc;
  const out: Obj = { _id: doc._id };
  for (const path of Object.keys(projection)) {
    const v = getPath(doc, path);
    if (v === undefined) continue;
    const at = parentOf(out, path, true)!;
    at.parent[at.key] = v as DocValue;
  }
  return out as T;
}
