/**
 * Request records: a mutating action called with a requestId runs once per (function, action, caller, id); a
 * repeat gets the first answer. The record is bound to a digest of the input, so the same id with other data is
 * refused (`request.reused`) instead of answering for data it never saw. A record left `pending` by a call that
 * died is reclaimable once its lease (the function's timeout) has passed, and every record expires after a day —
 * as long as a retry can arrive — so the collection does not grow with use.
 */
import { createHash } from 'node:crypto';
import { FUNCTION_TIMEOUT_SECONDS } from '../../types/contract';
import type { Result } from '../../types/result';
import { isStoreError, type Store } from './store/port';

export const REQUESTS = 'requests';
/** A pending record belongs to its call for this long: the platform has killed the call by then. */
export const REQUEST_LEASE_MS = (FUNCTION_TIMEOUT_SECONDS + 5) * 1000;
/** How long a finished answer is kept for replays. */
export const REQUEST_TTL_MS = 24 * 3600_000;
/** Expired records removed by one purge (the purge runs on a small share of calls and on a timer). */
const PURGE_BATCH = 100;

export interface RequestDoc {
  _id: string;
  state: 'pending' | 'done';
  digest: string;
  at: string;
  leaseUntil: string;
  expiresAt: string;
  result?: Result<unknown>;
}

export function requestKey(fn: string, action: string, openid: string | null, requestId: string): string {
  return 'r_' + createHash('sha256').update(`${fn}\u0000${action}\u0000${openid ?? '-'}\u0000${requestId}`).digest('hex').slice(0, 40);
}

/** A stable digest of an input: key order does not matter. */
export function inputDigest(value: unknown): string {
  return createHash('sha256').update(canonical(value)).digest('hex').slice(0, 32);
}

function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export type Claim =
  /** Run the handler; `retry` when this takes over the record of a call that died (it may have done part or all). */
  | { kind: 'run'; token: string; retry: boolean; startedAt: string }
  | { kind: 'replay'; result: Result<unknown> }
  | { kind: 'reused' }
  | { kind: 'busy' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Claims the right to run this request: a fresh record, or a pending one whose lease has run out. A record of the
 * same request that is done answers with its result; one still running is waited for a little.
 */
export async function claimRequest(store: Store, key: string, digest: string, now: () => Date): Promise<Claim> {
  for (let i = 0; i < 60; i++) {
    const at = now();
    const fresh: RequestDoc = {
      _id: key,
      state: 'pending',
      digest,
      at: at.toISOString(),
      leaseUntil: new Date(at.getTime() + REQUEST_LEASE_MS).toISOString(),
      expiresAt: new Date(at.getTime() + REQUEST_TTL_MS).toISOString(),
    };
    try {
      await store.insert(REQUESTS, fresh);
      return { kind: 'run', token: fresh.leaseUntil, retry: false, startedAt: fresh.at };
    } catch (e) {
      if (!isStoreError(e, 'duplicate')) throw e;
    }
    const doc = await store.get<RequestDoc>(REQUESTS, key);
    if (!doc) continue; // removed meanwhile (a failed run, or expired): try again
    if (doc.digest !== digest) return { kind: 'reused' };
    if (doc.state === 'done' && doc.result) {
      if (Date.parse(doc.expiresAt) > at.getTime()) return { kind: 'replay', result: doc.result };
      // Expired: this is a new request that happens to reuse an old id.
      await store.remove(REQUESTS, { _id: key, expiresAt: doc.expiresAt });
      continue;
    }
    if (Date.parse(doc.leaseUntil) <= at.getTime()) {
      // The call that made this record died: take it over, once.
      const leaseUntil = new Date(at.getTime() + REQUEST_LEASE_MS).toISOString();
      const taken = await store.update(REQUESTS, { _id: key, state: 'pending', leaseUntil: doc.leaseUntil }, { $set: { leaseUntil } });
      if (taken.matched === 1) return { kind: 'run', token: leaseUntil, retry: true, startedAt: doc.at };
      continue;
    }
    await sleep(50);
  }
  return { kind: 'busy' };
}

/** Records the answer (or, for an unexpected failure, frees the id so a retry runs again). */
export async function settleRequest(store: Store, key: string, token: string, result: Result<unknown>, now: Date): Promise<void> {
  if (!result.ok && result.error.code === 'internal') {
    await store.remove(REQUESTS, { _id: key, leaseUntil: token });
    return;
  }
  await store.update(
    REQUESTS,
    { _id: key, state: 'pending', leaseUntil: token },
    { $set: { state: 'done', result: result as never, expiresAt: new Date(now.getTime() + REQUEST_TTL_MS).toISOString() } },
  );
}

/**
 * On a retry of a call that died: did its change land? Changes that run as one transaction write their audit entry in
 * it, with the requestId; a handler that finds it answers as the first call would have, instead of "already done".
 */
export async function landed(ctx: { store: Store; fn: string; action: string; requestId?: string; retry?: boolean }): Promise<{ targetId: string } | null> {
  if (!ctx.retry || !ctx.requestId) return null;
  const [entry] = await ctx.store.find<{ _id: string; targetId: string }>('audit', { requestId: ctx.requestId, action: `${ctx.fn}.${ctx.action}` }, { limit: 1, projection: { targetId: 1 } });
  return entry ?? null;
}

/** Removes expired records, a batch at a time; returns how many went. */
export async function purgeExpiredRequests(store: Store, now: Date, batch = PURGE_BATCH): Promise<number> {
  const expired = await store.find<RequestDoc>(REQUESTS, { expiresAt: { $lt: now.toISOString() } }, { limit: batch, projection: { expiresAt: 1 } });
  let removed = 0;
  for (const doc of expired) removed += await store.remove(REQUESTS, { _id: doc._id, expiresAt: { $lt: now.toISOString() } });
  return removed;
}
