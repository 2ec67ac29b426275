/**
 * The sender (ADR 0014): delivers outbox records through WeChat subscribe messages, on top of the message centre
 * (which has every notice from the moment it is written, whatever happens here).
 *
 * One-time subscriptions allow one send each, and WeChat cannot be asked how many are left, so they are counted per
 * person and template (`notice_subscriptions`: granted = left + used + voided). A send first takes one in the same
 * transaction that claims the notice (`sending`, a lease in `nextAttemptAt`, `reserved`); none left → the message
 * centre only (`inbox`). Then:
 *  - errcode 0 → `sent`;
 *  - 43101 (the person refused) → `refused`, the subscription is marked refused and what was left of it is void:
 *    never retried, never asked for again by the app unprompted;
 *  - 40003 / 40037 / 47003 / 41030 … (the message itself is wrong) → `failed`, and the count is given back;
 *  - no answer (network, 5xx, -1) → tried again with backoff, keeping its count; after the last try `failed` and the
 *    count is given back.
 * A sender that died after claiming leaves `sending` with an expired lease: the next pass asks the port whether the
 * key reached WeChat (the fake knows; WeChat cannot say, and then the notice is `unknown`, never sent twice).
 */
import type { TemplateKey } from '../../types/notice-templates';
import type { AuditEntry } from './audit';
import { newId } from './ids';
import type { HandlerContext } from './context';
import { NOTICES, type NoticeDoc, type PushState } from './notices';
import type { Runtime } from './runtime';
import type { Store } from './store/port';
import { subscribeMessageOf } from './subscribe';
import type { UserDoc } from './users';
import { verdictOf, WechatUnavailable, type SendVerdict, type WechatPort } from './wechat';

export const SUBSCRIPTIONS = 'notice_subscriptions';
/** How long a sender holds a notice it is sending (a dead sender's claim is looked at again after this). */
export const SEND_LEASE_MS = 30_000;
export const MAX_ATTEMPTS = 6;
/** Waits before the 2nd, 3rd … attempt: 1, 2, 4, 8, 16 minutes. */
export const backoffMs = (attempts: number) => 60_000 * 2 ** Math.max(0, attempts - 1);

export interface SubscriptionDoc {
  _id: string;
  userId: string;
  template: TemplateKey;
  /** One-time subscriptions the person accepted, all told. */
  granted: number;
  /** Not yet used. */
  left: number;
  /** Made void by a refusal (43101). */
  voided: number;
  /** WeChat said the person refused (43101), or they declined in the prompt: the app does not ask again unprompted. */
  refused: boolean;
  lastAnswer: 'accept' | 'reject' | 'ban' | 'refused' | null;
  updatedAt: string;
}

export const subscriptionIdOf = (userId: string, template: string) => `${userId}:${template}`;

export type DeliverOutcome = PushState | 'later' | 'missing' | 'busy';

const done = (p: PushState): boolean => p !== 'pending' && p !== 'sending';

/** Delivers one notice (safe to call for any notice at any time: it does nothing unless it is due). */
export async function deliver(store: Store, wechat: WechatPort | undefined, now: Date, id: string): Promise<DeliverOutcome> {
  const doc = await store.get<NoticeDoc>(NOTICES, id);
  if (!doc) return 'missing';
  if (done(doc.push)) return doc.push;
  if (doc.nextAttemptAt > now.toISOString()) return 'later';
  const at = now.toISOString();
  const claimed = { _id: id, push: doc.push, nextAttemptAt: doc.nextAttemptAt };

  if (doc.push === 'sending') {
    // A sender died holding it. Did the message reach WeChat?
    const known = wechat ? await wechat.delivered(id) : null;
    if (known === true) return settle(store, claimed, { push: 'sent', pushedAt: at });
    if (known === null) return settle(store, claimed, { push: 'unknown', pushError: '发送中断，无法确认是否送达' });
    // Not delivered: try again (it still holds its count).
  }

  const message = subscribeMessageOf(doc);
  const subId = message ? subscriptionIdOf(doc.userId, message.template) : '';
  // Most people have no subscription left for most notices: that is seen with one read and ended with one
  // conditional update (no transaction, no user read). A subscription granted meanwhile is used by the next notice.
  if (message && wechat && !doc.reserved) {
    const sub = await store.get<SubscriptionDoc>(SUBSCRIPTIONS, subId);
    if (!sub || sub.left <= 0 || sub.refused) return settle(store, claimed, { push: 'inbox', template: message.template, pushError: null });
  }
  const user = message && wechat ? await store.get<UserDoc>('users', doc.userId) : null;
  if (!message || !wechat || !user || user.status === 'deceased' || !user.openid) {
    return release(store, doc, claimed, 'inbox', null, doc.reserved ? 1 : 0);
  }

  // Claim the notice and take one subscription, together.
  const claim = await store.transaction(async (tx) => {
    const cur = await tx.get<NoticeDoc>(NOTICES, id);
    if (!cur || cur.push !== doc.push || cur.nextAttemptAt !== doc.nextAttemptAt) return 'busy' as const;
    if (!cur.reserved) {
      const sub = await tx.get<SubscriptionDoc>(SUBSCRIPTIONS, subId);
      if (!sub || sub.left <= 0 || sub.refused) {
        await tx.update(NOTICES, id, { $set: { push: 'inbox', template: message.template, pushError: null } });
        return 'inbox' as const;
      }
      await tx.update(SUBSCRIPTIONS, subId, { $inc: { left: -1 }, $set: { updatedAt: at } });
    }
    const lease = new Date(now.getTime() + SEND_LEASE_MS).toISOString();
    await tx.update(NOTICES, id, { $set: { push: 'sending', reserved: true, template: message.template, nextAttemptAt: lease }, $inc: { attempts: 1 } });
    return lease;
  });
  if (claim === 'busy' || claim === 'inbox') return claim;
  const mine = { _id: id, push: 'sending' as const, nextAttemptAt: claim };
  const attempts = doc.attempts + 1;

  let verdict: SendVerdict;
  let error = '';
  try {
    const answer = await wechat.send({ key: id, touser: user.openid, templateId: message.templateId, page: message.page, data: message.data });
    verdict = verdictOf(answer);
    error = answer.errcode ? `${answer.errcode} ${answer.errmsg}`.slice(0, 200) : '';
  } catch (e) {
    if (!(e instanceof WechatUnavailable)) throw e;
    verdict = 'transient';
    error = e.message.slice(0, 200);
  }

  if (verdict === 'sent') return settle(store, mine, { push: 'sent', pushedAt: at, pushError: null });
  if (verdict === 'refused') {
    await store.transaction(async (tx) => {
      const cur = await tx.get<NoticeDoc>(NOTICES, id);
      if (!cur || cur.push !== 'sending' || cur.nextAttemptAt !== claim) return;
      const sub = await tx.get<SubscriptionDoc>(SUBSCRIPTIONS, subId);
      if (sub) await tx.update(SUBSCRIPTIONS, subId, { $set: { left: 0, refused: true, lastAnswer: 'refused', updatedAt: at }, $inc: { voided: sub.left + 1 } });
      await tx.update(NOTICES, id, { $set: { push: 'refused', reserved: false, pushError: error } });
    });
    return 'refused';
  }
  if (verdict === 'transient' && attempts < MAX_ATTEMPTS) {
    return settle(store, mine, { push: 'pending', nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)).toISOString(), pushError: error });
  }
  return release(store, { ...doc, reserved: true, template: message.template }, mine, 'failed', error, 1);
}

/** Records an outcome, only if the notice is still as this sender left it. */
async function settle(store: Store, claimed: { _id: string; push: PushState; nextAttemptAt: string }, set: Partial<NoticeDoc>): Promise<DeliverOutcome> {
  const r = await store.update(NOTICES, claimed, { $set: set as Record<string, never> });
  return r.matched === 1 ? (set.push as PushState) : 'busy';
}

/** Ends a notice without a send, giving back the subscription it held (one transaction). */
async function release(store: Store, doc: NoticeDoc, claimed: { _id: string; push: PushState; nextAttemptAt: string }, push: PushState, error: string | null, giveBack: number): Promise<DeliverOutcome> {
  if (!giveBack || !doc.template) return settle(store, claimed, { push, reserved: false, pushError: error });
  const subId = subscriptionIdOf(doc.userId, doc.template);
  return store.transaction(async (tx) => {
    const cur = await tx.get<NoticeDoc>(NOTICES, doc._id);
    if (!cur || cur.push !== claimed.push || cur.nextAttemptAt !== claimed.nextAttemptAt) return 'busy' as const;
    if (await tx.get(SUBSCRIPTIONS, subId)) await tx.update(SUBSCRIPTIONS, subId, { $inc: { left: 1 } });
    await tx.update(NOTICES, doc._id, { $set: { push, reserved: false, pushError: error } });
    return push;
  });
}

export interface SendTally {
  sent: number;
  inbox: number;
  refused: number;
  failed: number;
  retrying: number;
}

/** The timer's pass: every due notice, and every claim whose sender died, within a time budget. */
export async function sendDue(store: Store, wechat: WechatPort | undefined, now: () => Date, budgetMs = 7000): Promise<SendTally> {
  const tally: SendTally = { sent: 0, inbox: 0, refused: 0, failed: 0, retrying: 0 };
  const started = Date.now();
  const nowIso = now().toISOString();
  for (const push of ['sending', 'pending'] as const) {
    for (let round = 0; round < 20 && Date.now() - started < budgetMs; round++) {
      const due = await store.find<NoticeDoc>(NOTICES, { push, nextAttemptAt: { $lte: nowIso } }, { sort: { nextAttemptAt: 1 }, limit: 100, projection: { push: 1, nextAttemptAt: 1 } });
      if (due.length === 0) break;
      let progressed = false;
      for (const n of due) {
        if (Date.now() - started >= budgetMs) break;
        const out = await deliver(store, wechat, now(), n._id);
        if (out === 'sent') tally.sent++;
        else if (out === 'inbox') tally.inbox++;
        else if (out === 'refused') tally.refused++;
        else if (out === 'failed' || out === 'unknown') tally.failed++;
        else if (out === 'pending') tally.retrying++;
        if (out !== 'busy' && out !== 'later') progressed = true;
      }
      if (!progressed || due.length < 100) break;
    }
  }
  return tally;
}

/** Right after a change: send what the call wrote, a few at most (the timer sends the rest). Never fails the call. */
export async function promptSend(runtime: Pick<Runtime, 'store' | 'wechat' | 'now'>, ids: readonly string[], max = 5): Promise<void> {
  for (const id of ids.slice(0, max)) {
    try {
      await deliver(runtime.store, runtime.wechat, runtime.now(), id);
    } catch {
      return; // the timer will do it
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Subscriptions the person accepted (reported by the app after requestSubscribeMessage)

export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';

/**
 * Adds one use for each accepted template, all in one transaction with its audit entry (so a retry of a call that
 * landed is recognised, core/requests.ts `landed`, and never counts twice). A rejection is remembered.
 */
export async function recordAnswers(ctx: HandlerContext, userId: string, answers: readonly { template: TemplateKey; result: SubscribeAnswer }[]): Promise<void> {
  const at = ctx.now.toISOString();
  await ctx.store.transaction(async (tx) => {
    for (const a of answers) {
      const id = subscriptionIdOf(userId, a.template);
      const sub = await tx.get<SubscriptionDoc>(SUBSCRIPTIONS, id);
      const accepted = a.result === 'accept';
      if (!sub) {
        await tx.insert<SubscriptionDoc>(SUBSCRIPTIONS, {
          _id: id, userId, template: a.template, granted: accepted ? 1 : 0, left: accepted ? 1 : 0, voided: 0,
          refused: !accepted && a.result !== 'filter', lastAnswer: a.result === 'filter' ? null : a.result, updatedAt: at,
        });
      } else if (accepted) {
        await tx.update(SUBSCRIPTIONS, id, { $inc: { granted: 1, left: 1 }, $set: { refused: false, lastAnswer: 'accept', updatedAt: at } });
      } else if (a.result !== 'filter') {
        await tx.update(SUBSCRIPTIONS, id, { $set: { refused: true, lastAnswer: a.result, updatedAt: at } });
      }
    }
    const entry: AuditEntry = {
      _id: ctx.requestId ? `a_sub_${ctx.requestId}` : newId('a_sub'),
      at,
      actorId: userId,
      actorRoles: ctx.caller.roles,
      action: `${ctx.fn}.${ctx.action}`,
      targetType: 'notice_subscription',
      targetId: userId,
      summary: `微信提醒：${answers.map((a) => `${a.template} ${a.result === 'accept' ? '同意' : '未同意'}`).join('，')}`,
      ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
    };
    await tx.insert('audit', entry);
  });
}

export async function subscriptionsOf(store: Store, userId: string): Promise<SubscriptionDoc[]> {
  return store.find<SubscriptionDoc>(SUBSCRIPTIONS, { userId }, { limit: 50 });
}
