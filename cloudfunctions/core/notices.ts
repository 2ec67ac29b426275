/**
 * Notices: telling people what happened while they were not looking (ADR 0014). A notice is written in the same step
 * as the state change it reports: a workflow move carries its notices in the history entry it writes (one conditional
 * update), and the outbox records are materialised from it under deterministic ids — right after the move, and again
 * by the recovery pass for any a crash left out. Changes made in one transaction insert their outbox records inside
 * it. A sender then delivers each record (message centre always; a WeChat subscribe message when the person has a
 * subscription left) with retries, keyed by the notice id, so nothing is lost and nothing is sent twice.
 */
import type { HandlerContext } from './context';
import { isStoreError, type Store, type TxStore } from './store/port';

export const NOTICES = 'notices';

/** What a feature says when it reports a change to a person. */
export interface NoticeDraft {
  /** The person told. */
  userId: string;
  /** What kind of news (names the WeChat template in configuration, e.g. `trip_offer`). */
  kind: string;
  /** Plain Chinese, short: the message centre's line and the subscribe message's subject. */
  title: string;
  body: string;
  /** The app page of the record, e.g. `/pkg-trips/mine/index`. */
  link?: string;
  /** Values for the subscribe-message template's fields (thing ≤ 20 characters, phrase ≤ 5 …). */
  fields?: Record<string, string>;
}

export interface NoticeDoc extends NoticeDraft {
  _id: string;
  at: string;
  /** The record the notice is about, for the link and for idempotency. */
  source: string;
  read: boolean;
  readAt: string | null;
  /** Delivery through WeChat: pending until the sender has tried; `inbox` when only the message centre has it. */
  push: 'pending' | 'sent' | 'refused' | 'inbox' | 'failed';
  attempts: number;
  nextAttemptAt: string;
}

export function noticeDoc(id: string, draft: NoticeDraft, source: string, at: string): NoticeDoc {
  return { ...draft, _id: id, at, source, read: false, readAt: null, push: 'pending', attempts: 0, nextAttemptAt: at };
}

/** Inserts outbox records, each once (a repeat of the same step writes nothing new). */
export async function writeNotices(store: Store, docs: readonly NoticeDoc[]): Promise<void> {
  for (const doc of docs) {
    try {
      await store.insert(NOTICES, doc);
    } catch (e) {
      if (!isStoreError(e, 'duplicate')) throw e;
    }
  }
}

/** Recovery: writes only the records that are missing (a read each, rather than a refused write each). */
export async function writeMissingNotices(store: Store, docs: readonly NoticeDoc[]): Promise<number> {
  let written = 0;
  for (const doc of docs) {
    if (await store.get(NOTICES, doc._id)) continue;
    await writeNotices(store, [doc]);
    written++;
  }
  return written;
}

/** Inside a transaction: the change and its notices land together. Ids must be deterministic for the step. */
export async function writeNoticesTx(tx: TxStore, docs: readonly NoticeDoc[]): Promise<void> {
  for (const doc of docs) if (!(await tx.get(NOTICES, doc._id))) await tx.insert(NOTICES, doc);
}

/** Notices for a step identified by `stepId` (a record version, a request): `${stepId}:<i>`. */
export function noticesFor(ctx: HandlerContext, stepId: string, source: string, drafts: readonly NoticeDraft[]): NoticeDoc[] {
  return drafts.map((d, i) => noticeDoc(`n:${stepId}:${i}`, d, source, ctx.now.toISOString()));
}
