/**
 * Delivery and after: the volunteer marks the wish delivered with photos (before the claim's deadline — a delivery
 * and the release race on the wish's version); the household's union or the household confirms receipt (completed:
 * the volunteer's points are credited once, whatever is retried, and their place is freed) or disputes it (back to
 * the volunteer with a reason and a fresh week); staff fulfil a stuck wish directly; the household leaves a thank-you.
 */
import { pointsFor } from '../../../types/wishes.schema';
import { formatInstant } from '../../../types/time';
import { wishWorkflow } from '../../../types/wishes.workflow';
import type { HandlerContext, Input, MemberContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { attachFiles } from '../../core/files';
import { isStoreError, type Store } from '../../core/store/port';
import { authorize, move } from '../../core/workflow';
import { releaseClaim } from './claim';
import { C, DAY_MS, type PointsDoc, type WishDoc, claimQuota, getWish } from './model';
import { completedNotice, deliveredNotices, disputedNotice, fulfilledNotices, thankedNotice } from './notices';
import { policyAt } from './policy';

const retriedAs = (ctx: HandlerContext, w: WishDoc, event: string) => !!ctx.requestId && w.history.some((h) => h.requestId === ctx.requestId && h.event === event);

export async function deliver(ctx: MemberContext, input: Input<'wishes', 'deliver'>): Promise<{ wish: WishDoc; message: string }> {
  const me = ctx.caller.user;
  let w = await getWish(ctx, input.wishId);
  if (retriedAs(ctx, w, 'deliver')) return { wish: await move(ctx, wishWorkflow, C.wishes, w, 'deliver'), message: '已送达，等待工会或家庭确认' };
  if (w.claim?.volunteerId !== me._id) {
    if (w.pastClaimers.includes(me._id)) throw new AppError('wishes.claim_expired', '您的认领已经结束（超过送达期限或已放弃），心愿已回到心愿池，如已送达请联系工会');
    throw new AppError('wishes.not_claimer');
  }
  if (w.status !== 'claimed') throw new AppError('wishes.wrong_status', '这个心愿已经送达过了');
  if (w.claimDueAt && w.claimDueAt <= ctx.now.toISOString()) {
    await releaseClaim(ctx, w);
    throw new AppError('wishes.claim_expired', '认领已超过送达期限，心愿已回到心愿池；如已送达，请联系工会');
  }
  await attachFiles(ctx, input.photoIds, { kind: 'wish_delivery', id: w._id }, { purposes: ['delivery_photo'] });
  const at = ctx.now.toISOString();
  try {
    w = await move(ctx, wishWorkflow, C.wishes, w, 'deliver', {
      // Only while the claim is still this volunteer's and its deadline has not passed.
      where: { claimDueAt: { $gt: at }, 'claim.volunteerId': me._id },
      set: { delivery: { at, photoIds: input.photoIds, note: input.note ?? '' }, claimDueAt: null },
      note: input.note ? `志愿者送达：${input.note}` : '志愿者送达，已上传照片',
      summary: `送达心愿（${input.photoIds.length} 张照片）`,
      notify: deliveredNotices(w),
    });
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'conflict')) throw e;
    const now = await getWish(ctx, w._id);
    if (now.status === 'published' || now.claim?.volunteerId !== me._id) throw new AppError('wishes.claim_expired', '认领已超过送达期限，心愿已回到心愿池；如已送达，请联系工会');
    throw e;
  }
  return { wish: w, message: '已送达，等待工会或家庭确认收到' };
}

/**
 * Credits a completed wish's points to its volunteer, once: one conditional update that adds the points only while
 * the wish is not yet in the volunteer's `credited` ledger (the document is made on their first wish).
 */
export async function creditPoints(store: Store, w: Pick<WishDoc, '_id' | 'volunteerId' | 'volunteerName' | 'points' | 'claim' | 'updatedAt'> & { volunteerOrg?: { id: string; path: string[] } }, at: string): Promise<boolean> {
  if (!w.volunteerId || w.points === null) return false;
  const path = `credited.${w._id}`;
  for (let attempt = 0; attempt < 3; attempt++) {
    const r = await store.update(C.points, { _id: w.volunteerId, [path]: { $exists: false } }, { $inc: { total: w.points, completed: 1 }, $set: { [path]: w.points, updatedAt: at } });
    if (r.matched === 1) return true;
    if (await store.get(C.points, w.volunteerId)) return false; // credited already
    const org = w.volunteerOrg ?? (w.claim ? { id: w.claim.volunteerOrgId, path: w.claim.volunteerOrgPath } : { id: '', path: [] });
    const fresh: PointsDoc = { _id: w.volunteerId, name: w.volunteerName ?? '', orgId: org.id, orgName: '', orgPath: org.path, total: 0, completed: 0, credited: {}, updatedAt: at };
    try {
      await store.insert(C.points, fresh);
    } catch (e) {
      if (!isStoreError(e, 'duplicate')) throw e;
    }
  }
  throw new Error(`points of ${w.volunteerId} could not be credited`);
}

/** After a wish is completed by a volunteer: points once, and their place back. Safe to repeat. */
export async function settleCompleted(ctx: HandlerContext, w: WishDoc): Promise<void> {
  if (w.status !== 'completed' || w.fulfilledBy !== 'volunteer' || !w.volunteerId) return;
  await creditPoints(ctx.store, w, ctx.now.toISOString());
  await claimQuota(ctx.store).release(w.volunteerId, w._id, ctx.now.toISOString());
}

export async function confirm(ctx: MemberContext, wishId: string): Promise<{ wish: WishDoc; message: string }> {
  const w = await getWish(ctx, wishId);
  await authorize(ctx, wishWorkflow, w, 'confirm');
  let after: WishDoc;
  if (retriedAs(ctx, w, 'confirm')) after = await move(ctx, wishWorkflow, C.wishes, w, 'confirm');
  else {
    const { policy } = await policyAt(ctx.store, w.orgPath);
    const points = pointsFor(policy, w.valueYuan);
    after = await move(ctx, wishWorkflow, C.wishes, w, 'confirm', {
      set: { completedAt: ctx.now.toISOString(), fulfilledBy: 'volunteer', points, claimDueAt: null },
      note: `确认收到，志愿者获得 ${points} 志愿积分`,
      summary: `确认收到心愿，为志愿者记 ${points} 分`,
      changes: { volunteerId: w.volunteerId, points },
      notify: w.volunteerId ? [completedNotice(w, w.volunteerId, points)] : [],
      wrongState: () => new AppError('wishes.wrong_status', w.status === 'completed' ? '这个心愿已经确认过了' : '心愿还没有送达，不能确认收到'),
    });
  }
  await settleCompleted(ctx, after);
  return { wish: after, message: `已确认收到，志愿者获得 ${after.points ?? 0} 志愿积分` };
}

export async function dispute(ctx: MemberContext, wishId: string, reason: string): Promise<{ wish: WishDoc; message: string }> {
  const w = await getWish(ctx, wishId);
  await authorize(ctx, wishWorkflow, w, 'dispute');
  const dueAt = new Date(ctx.now.getTime() + Math.min(7, Math.max(1, w.claimDays)) * DAY_MS).toISOString();
  const after = await move(ctx, wishWorkflow, C.wishes, w, 'dispute', {
    set: { delivery: null, claimDueAt: dueAt, claim: (w.claim ? { ...w.claim, dueAt } : null) as never },
    reason,
    note: `没有收到，退回志愿者：${reason}（请在 ${formatInstant(dueAt)} 前重新送达）`,
    summary: '反映没有收到，退回志愿者',
    notify: w.volunteerId ? [disputedNotice(w, w.volunteerId, reason)] : [],
    wrongState: () => new AppError('wishes.wrong_status', '只有已送达、待确认的心愿可以退回志愿者'),
  });
  return { wish: after, message: '已退回志愿者，请志愿者与工会联系人核实后重新送达' };
}

export async function fulfil(ctx: MemberContext, input: Input<'wishes', 'fulfil'>): Promise<{ wish: WishDoc; message: string }> {
  const w = await getWish(ctx, input.wishId);
  await authorize(ctx, wishWorkflow, w, 'fulfil');
  const after = await move(ctx, wishWorkflow, C.wishes, w, 'fulfil', {
    set: { browse: [], completedAt: ctx.now.toISOString(), fulfilledBy: 'union', points: null },
    ...(input.reason ? { reason: input.reason } : {}),
    note: input.reason ? `由工会直接帮助完成：${input.reason}` : '由工会直接帮助完成',
    summary: '滞留心愿由工会直接帮助完成',
    notify: fulfilledNotices(w),
    wrongState: () => new AppError('wishes.wrong_status', w.status === 'claimed' ? '心愿正由志愿者认领中，到期未送达会自动回到心愿池' : '只有心愿池中的心愿可以由工会直接完成'),
  });
  return { wish: after, message: '已由工会直接帮助完成' };
}

export async function thank(ctx: MemberContext, wishId: string, text: string): Promise<{ wish: WishDoc; message: string }> {
  const w = await getWish(ctx, wishId);
  await authorize(ctx, wishWorkflow, w, 'thank');
  if (w.thanks && !retriedAs(ctx, w, 'thank')) throw new AppError('wishes.already_thanked');
  if (w.fulfilledBy !== 'volunteer' && !retriedAs(ctx, w, 'thank')) throw new AppError('wishes.wrong_status', '这个心愿由工会直接完成，没有志愿者可以感谢');
  const after = await move(ctx, wishWorkflow, C.wishes, w, 'thank', {
    where: { thanks: null },
    set: { thanks: { text, at: ctx.now.toISOString() } },
    note: '留下了感谢的话',
    summary: '家庭给志愿者留言感谢',
    notify: w.volunteerId ? [thankedNotice(w, w.volunteerId)] : [],
    wrongState: () => new AppError('wishes.wrong_status', '心愿完成后才能留下感谢的话'),
  });
  return { wish: after, message: '谢谢您！志愿者会看到这句话' };
}
