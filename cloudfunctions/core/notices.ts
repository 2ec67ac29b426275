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
  /**
   * Delivery through WeChat (core/sender.ts): `pending` until the sender has tried; `sending` while a sender holds it
   * (until `nextAttemptAt`, its lease); `sent`; `refused` (43101); `inbox` when only the message centre has it (no
   * template, no subscription left); `failed` (WeChat refused the message itself, or retries ran out); `unknown` when
   * a sender died mid-send and WeChat cannot be asked (never sent twice).
   */
  push: PushState;
  attempts: number;
  nextAttemptAt: string;
  /** The notice holds one of the person's one-time subscriptions for its template (taken before sending). */
  reserved?: boolean;
  template?: string | null;
  pushedAt?: string | null;
  pushError?: string | null;
}

export type PushState = 'pending' | 'sending' | 'sent' | 'refused' | 'inbox' | 'failed' | 'unknown';

export function noticeDoc(id: string, draft: NoticeDraft, source: string, at: string): NoticeDoc {
  return { ...draft, _id: id, at, source, read: false, readAt: null, push: 'pending', attempts: 0, nextAttemptAt: at };
}

/** The notices this call wrote, for the prompt send after it (core/wrapper.ts). */
export function remember(ctx: { outbox?: string[] } | undefined, docs: readonly { _id: string }[]): void {
  if (ctx?.outbox) for (const d of docs) if (!ctx.outbox.includes(d._id)) ctx.outbox.push(d._id);
}

/** Inserts outbox records, each once (a repeat of the same step writes nothing new). */
export async function writeNotices(store: Store, docs: readonly NoticeDoc[], ctx?: { outbox?: string[] }): Promise<void> {
  remember(ctx, docs);
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

/** Unread notices of a person: one count served by the `user_unread` index (cheap enough for every home page). */
export function unreadCount(store: Store, userId: string): Promise<number> {
  return store.count(NOTICES, { userId, read: false });
}

/**
 * A notice that belongs to a due item rather than to a move (a reminder, a place in the queue): its id is derived from
 * the item (`n:<kind>:<item>`), so it is written once however often the timer looks.
 */
export function dueNotice(ctx: { now: Date }, kind: string, item: string, source: string, draft: Omit<NoticeDraft, 'kind'>): NoticeDoc {
  return noticeDoc(`n:${kind}:${item}`, { ...draft, kind }, source, ctx.now.toISOString());
}

/** Notices for a step identified by `stepId` (a record version, a request): `${stepId}:<i>`. */
export function noticesFor(ctx: HandlerContext, stepId: string, source: string, drafts: readonly NoticeDraft[]): NoticeDoc[] {
  return drafts.map((d, i) => noticeDoc(`n:${stepId}:${i}`, d, source, ctx.now.toISOString()));
}

/**
 * Reminders that depend on time (departure tomorrow, a card due for renewal): a timer looks at the items due and
 * writes one notice per item under its derived id, so however often it runs (hourly, after a crash) each item is told
 * once. A marker per reminder and day (`system/remind:<name>:<date>`) keeps when the day's first full pass started:
 * later passes that day look only at records changed since (`since`), so a late change is still told, cheaply.
 */
export async function remindPass(store: Store, name: string, date: string, now: Date, work: (since: string | null) => Promise<number>): Promise<number> {
  const marker = `remind:${name}:${date}`;
  const prior = await store.get<{ _id: string; startedAt: string }>('system', marker);
  const written = await work(prior?.startedAt ?? null);
  await store.set('system', { _id: marker, startedAt: now.toISOString(), written });
  return written;
}

/** Writes due notices that are not there yet; returns how many it wrote. */
export async function writeDueNotices(store: Store, docs: readonly NoticeDoc[], ctx?: { outbox?: string[] }): Promise<number> {
  const written = await writeMissingNotices(store, docs);
  remember(ctx, docs);
  return written;
}
