/**
 * Claiming, built for the rush (ADR 0016). Never check-then-write, and few round trips on the hot path:
 *   the wish → a place in the volunteer's own quota (one conditional update of their ledger: at most N open claims)
 *   → the wish moved published → claimed on its version (exactly one volunteer wins) → its audit entry and notices.
 * A loser gives its place back at once; a place left by a call that died before the move is released by the recovery
 * pass (the ledger entry names the wish, which is not claimed by that volunteer).
 *
 * Giving a claim back and the release of a claim whose deadline passed (a timer, and lazily wherever claims are
 * read) move the wish back to the pool first, then free the volunteer's place: a crash between the two leaves a
 * ledger entry the recovery pass frees. A release and a late delivery race on the wish's version: one wins.
 */
import { endOfLocalDay, formatInstant } from '../../../types/time';
import { wishWorkflow } from '../../../types/wishes.workflow';
import type { HandlerContext, MemberContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { noticeDoc, writeNoticesTx } from '../../core/notices';
import { isStoreError } from '../../core/store/port';
import { move } from '../../core/workflow';
import { type ClaimInfo, C, DAY_MS, type WishDoc, browseKeysOf, claimQuota, getWish } from './model';
import { claimedNotices, expiringNotice, givenBackNotices, releasedNotice, stuckNotices } from './notices';
import { policyAt } from './policy';

/** Why a volunteer may not claim this wish (whatever its state), or null. */
export function claimRefusal(ctx: MemberContext, w: Pick<WishDoc, 'poolId' | 'householdIdHash' | 'householdUserId'>): AppError | null {
  const me = ctx.caller.user;
  if (w.householdUserId === me._id || w.householdIdHash === me.idHash) return new AppError('wishes.own_household', '这是您自己家庭的心愿，不能由您认领');
  if (!me.orgPath.includes(w.poolId)) return new AppError('wishes.other_area', '这个心愿不在您所在地区的心愿池中，只能认领本地区的心愿');
  return null;
}

/** The claim's deadline: the policy's days, but not after the wish's needed-by date (and at least a day). */
export function claimDeadline(now: Date, w: Pick<WishDoc, 'claimDays' | 'neededBy'>): string {
  const byPolicy = now.getTime() + w.claimDays * DAY_MS;
  const byNeed = endOfLocalDay(w.neededBy).getTime();
  return new Date(Math.max(now.getTime() + DAY_MS, Math.min(byPolicy, byNeed))).toISOString();
}

/** Takes a place in the volunteer's quota; the quota is made (or raised) from the policy of their area. */
async function takePlace(ctx: MemberContext, wishId: string): Promise<'taken' | 'already_held'> {
  const me = ctx.caller.user;
  const quota = claimQuota(ctx.store);
  const at = ctx.now.toISOString();
  for (let attempt = 0; attempt < 3; attempt++) {
    const took = await quota.take(me._id, wishId, at);
    if (took === 'taken' || took === 'already_held') return took;
    const { policy } = await policyAt(ctx.store, me.orgPath);
    if (took === 'missing') {
      try {
        await ctx.store.insert(C.volunteers, { _id: me._id, ...quota.fieldsFor(policy.maxOpenClaims), touchedAt: at });
      } catch (e) {
        if (!isStoreError(e, 'duplicate')) throw e;
      }
      continue;
    }
    const doc = await ctx.store.get<{ _id: string; capacity: number }>(C.volunteers, me._id);
    if (doc && policy.maxOpenClaims > doc.capacity && (await quota.resize(me._id, policy.maxOpenClaims - doc.capacity, at))) continue;
    throw new AppError('wishes.claim_limit', `您已认领 ${doc?.capacity ?? policy.maxOpenClaims} 个心愿还没有完成（每人同时最多 ${doc?.capacity ?? policy.maxOpenClaims} 个），请先送达已认领的心愿`);
  }
  throw new AppError('conflict', '操作冲突，请稍后再试');
}

export async function claim(ctx: MemberContext, wishId: string): Promise<{ wish: WishDoc; message: string }> {
  const me = ctx.caller.user;
  const w = await getWish(ctx, wishId);
  // A retry of this very claim (it landed): answer it as the first call did.
  if (ctx.requestId && w.history.some((h) => h.requestId === ctx.requestId && h.event === 'claim')) {
    return { wish: await move(ctx, wishWorkflow, C.wishes, w, 'claim', { prompt: false }), message: '认领成功' };
  }
  const refused = claimRefusal(ctx, w);
  if (refused) throw refused;
  if (w.status !== 'published') {
    if (w.status === 'claimed' && w.claim?.volunteerId === me._id) throw new AppError('wishes.already_claimed', '您已经认领了这个心愿，请在“我的”中查看');
    throw w.status === 'claimed' ? new AppError('wishes.already_claimed') : new AppError('wishes.not_in_pool', '这个心愿现在不在心愿池中');
  }
  const took = await takePlace(ctx, w._id);
  const at = ctx.now.toISOString();
  const dueAt = claimDeadline(ctx.now, w);
  const info: ClaimInfo = { volunteerId: me._id, volunteerName: me.name, volunteerOrgId: me.orgId, volunteerOrgPath: me.orgPath, at, dueAt, round: w.claimRounds + 1 };
  try {
    // The record as this volunteer's claim would make it: the workflow's `claim` is fired by the volunteer it names.
    const after = await move(ctx, wishWorkflow, C.wishes, { ...w, claim: info }, 'claim', {
      set: { claim: info as never, claimDueAt: dueAt, claimRounds: info.round, browse: [], volunteerId: me._id, volunteerName: me.name },
      note: `志愿者认领，约定 ${formatInstant(dueAt)} 前送达`,
      summary: `认领心愿（第 ${info.round} 次认领）`,
      changes: { dueAt },
      notify: claimedNotices(w, dueAt),
      // Built for the rush: the union staff's notices go out with the sender's timer, not on the volunteer's wait.
      prompt: false,
      wrongState: () => new AppError('wishes.already_claimed'),
    });
    return { wish: after, message: `认领成功！请在 ${formatInstant(dueAt)} 前送达` };
  } catch (e) {
    if (took === 'taken') await claimQuota(ctx.store).release(me._id, w._id, ctx.now.toISOString());
    if (e instanceof AppError && e.code === 'conflict') throw new AppError('wishes.already_claimed');
    throw e;
  }
}

/** The fields that put a claimed wish back in the pool. */
function backToPool(w: WishDoc) {
  const past = w.claim && !w.pastClaimers.includes(w.claim.volunteerId) ? [...w.pastClaimers, w.claim.volunteerId] : w.pastClaimers;
  return { claim: null, claimDueAt: null, browse: browseKeysOf(w), volunteerId: null, volunteerName: null, pastClaimers: past };
}

export async function giveBack(ctx: MemberContext, wishId: string, reason: string): Promise<{ wish: WishDoc; message: string }> {
  const me = ctx.caller.user;
  const w = await getWish(ctx, wishId);
  const retried = !!ctx.requestId && w.history.some((h) => h.requestId === ctx.requestId && h.event === 'give_back');
  if (!retried) {
    if (w.claim?.volunteerId !== me._id) {
      if (w.pastClaimers.includes(me._id) && w.status === 'published') throw new AppError('wishes.claim_expired', '这个认领已经结束，心愿已回到心愿池');
      throw new AppError('wishes.not_claimer');
    }
    if (w.status !== 'claimed') throw new AppError('wishes.wrong_status', '心愿已送达，不能放弃认领');
  }
  const after = await move(ctx, wishWorkflow, C.wishes, w, 'give_back', {
    set: backToPool(w),
    reason,
    note: `志愿者放弃认领：${reason}`,
    summary: '志愿者放弃认领，心愿回到心愿池',
    notify: givenBackNotices(w, me._id, reason),
    wrongState: () => new AppError('wishes.wrong_status', '心愿的状态已经变化，请刷新后查看'),
  });
  await claimQuota(ctx.store).release(me._id, w._id, ctx.now.toISOString());
  return { wish: after, message: '已放弃认领，心愿已回到心愿池，谢谢您告知' };
}

/**
 * Releases a claim whose deadline has passed: back to the pool, marked as released once more, the volunteer told.
 * Answers whether this call released it (false when it was delivered, given back or released meanwhile).
 */
export async function releaseClaim(ctx: HandlerContext, w: WishDoc): Promise<boolean> {
  const nowIso = ctx.now.toISOString();
  if (w.status !== 'claimed' || !w.claim || !w.claimDueAt || w.claimDueAt > nowIso) return false;
  const volunteerId = w.claim.volunteerId;
  try {
    await move(ctx, wishWorkflow, C.wishes, w, 'release', {
      system: true,
      where: { claimDueAt: { $lte: nowIso } },
      set: { ...backToPool(w), releases: w.releases + 1 },
      note: '超过送达期限未送达，自动释放，心愿回到心愿池',
      summary: '认领超过送达期限，自动释放',
      changes: { volunteerId, dueAt: w.claimDueAt },
      notify: [releasedNotice(w, volunteerId), ...stuckNotices(w, volunteerId)],
    });
  } catch (e) {
    if (e instanceof AppError && (e.code === 'conflict' || e.code === 'wrong_state')) return false;
    throw e;
  }
  await freePlace(ctx, volunteerId, w._id, nowIso);
  return true;
}

/** Frees a volunteer's place after the wish has left them; a place the store could not free now the recovery pass frees. */
async function freePlace(ctx: HandlerContext, volunteerId: string, wishId: string, at: string): Promise<void> {
  try {
    await claimQuota(ctx.store).release(volunteerId, wishId, at);
  } catch (e) {
    if (!isStoreError(e)) throw e;
  }
}

/**
 * Maintenance a read does on the side (releasing overdue claims in the pool, a wish, a volunteer's claims, the staff
 * lists) never fails the read it serves: a store refusal is left to the timer's next pass; a crash still ends the call.
 */
async function onTheSide<T>(work: Promise<T>, otherwise: T): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (isStoreError(e) || e instanceof AppError) return otherwise;
    throw e;
  }
}

export const releaseDueOnRead = (ctx: HandlerContext, filter: Record<string, unknown> = {}, pages = 1): Promise<number> => onTheSide(releaseDue(ctx, filter, pages), 0);

export const releaseClaimOnRead = (ctx: HandlerContext, w: WishDoc): Promise<boolean> => onTheSide(releaseClaim(ctx, w), false);

/** Releases every claim past its deadline (a page at a time). The timer and the reads that show claims call it. */
export async function releaseDue(ctx: HandlerContext, filter: Record<string, unknown> = {}, pages = 20): Promise<number> {
  let released = 0;
  for (let page = 0; page < pages; page++) {
    const due = await ctx.store.find<WishDoc>(C.wishes, { ...filter, status: 'claimed', claimDueAt: { $lte: ctx.now.toISOString() } }, { sort: { claimDueAt: 1 }, limit: 50 });
    if (due.length === 0) break;
    let progressed = false;
    for (const w of due) {
      if (await releaseClaim(ctx, w)) {
        released++;
        progressed = true;
      }
    }
    if (!progressed || due.length < 50) break;
  }
  return released;
}

/** Reminds each volunteer once per claim, a few days before the deadline: the mark and the notice in one transaction. */
export async function remindDue(ctx: HandlerContext): Promise<number> {
  const now = ctx.now.getTime();
  const horizon = new Date(now + 15 * DAY_MS).toISOString();
  const soon = await ctx.store.find<WishDoc>(C.wishes, { status: 'claimed', claimDueAt: { $gt: ctx.now.toISOString(), $lte: horizon } }, { sort: { claimDueAt: 1 }, limit: 500 });
  let reminded = 0;
  for (const w of soon) {
    if (!w.claim || w.remindDaysBefore <= 0 || w.remindedRound >= w.claim.round) continue;
    if (Date.parse(w.claim.dueAt) - w.remindDaysBefore * DAY_MS > now) continue;
    const round = w.claim.round;
    const notice = noticeDoc(`n:${C.wishes}:${w._id}:remind:${round}`, expiringNotice(w, w.claim.volunteerId, w.claim.dueAt), `${C.wishes}:${w._id}`, ctx.now.toISOString());
    let done = false;
    try {
      done = await ctx.store.transaction(async (tx) => {
        const cur = await tx.get<WishDoc>(C.wishes, w._id);
        if (!cur || cur.status !== 'claimed' || cur.claim?.round !== round || cur.remindedRound >= round) return false;
        await tx.update(C.wishes, w._id, { $set: { remindedRound: round } });
        await writeNoticesTx(tx, [notice]);
        return true;
      });
    } catch (e) {
      // The wish kept changing under the reminder (delivered, released, reminded by a concurrent pass): the next pass decides.
      if (!isStoreError(e, 'conflict')) throw e;
    }
    if (done) reminded++;
  }
  return reminded;
}

