/** The person's own actions on their sign-up: cancel, accept or decline an offered place. */
import { SIGNUP_STATUS_LABELS } from '../../../types/trips.schema';
import { formatInstant } from '../../../types/time';
import { signupWorkflow } from '../../../types/trips.workflow';
import type { MemberContext } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { move } from '../../core/workflow';
import { C, type SignupDoc, getTrip } from './model';
import { expireOffer, leftQueue, passPlace, releaseYear } from './places';
import { ENDED, canCancelAt, cancelDeadlineOf, freesPlace } from './rules';
import { notifyFirstInLine } from './notices';

async function ownSignup(ctx: MemberContext, signupId: string): Promise<SignupDoc> {
  const s = await ctx.store.get<SignupDoc>(C.signups, signupId);
  if (!s || s.userId !== ctx.caller.user._id) throw notFound('没有找到这条报名');
  return s;
}

/** Signups moved by someone else meanwhile answer `conflict`; a retry of this very request answers as done. */
export async function cancel(ctx: MemberContext, signupId: string, why?: string): Promise<{ signup: SignupDoc; message: string }> {
  let s = await ownSignup(ctx, signupId);
  if (await expireOffer(ctx, s)) s = (await ctx.store.get<SignupDoc>(C.signups, signupId))!;
  const trip = await getTrip(ctx, s.tripId);
  const retried = !!ctx.requestId && s.history.some((h) => h.requestId === ctx.requestId && h.event === 'cancel');
  const before = retried ? s.history.find((h) => h.requestId === ctx.requestId)!.from as SignupDoc['status'] : s.status;
  if (!retried) {
    const deadline = cancelDeadlineOf(s.departDate, trip.cancelDaysBefore);
    if (!canCancelAt(s.status, deadline, ctx.now)) {
      if (ENDED.includes(s.status)) throw new AppError('trips.not_active', `这条报名已是“${SIGNUP_STATUS_LABELS[s.status]}”，无需取消`);
      if (s.status === 'attended') throw new AppError('trips.not_active', '已经签到出发，不能取消');
      throw new AppError('trips.cancel_closed', `取消截止时间（${formatInstant(deadline)}）已过，如有特殊情况请联系工会`);
    }
  }
  const after = await move(ctx, signupWorkflow, C.signups, s, 'cancel', {
    set: { offerExpiresAt: null },
    ...(why ? { reason: why } : {}),
    note: why ? `本人取消：${why}` : '本人取消',
    summary: `本人取消报名（原状态：${SIGNUP_STATUS_LABELS[before]}）`,
    wrongState: () => new AppError('conflict', '报名状态已变化，请刷新后再试'),
  });
  if (before === 'waiting' && !retried) await leftQueue(ctx, s.sessionId);
  if (before === 'waiting') await notifyFirstInLine(ctx, trip, s.sessionId);
  await releaseYear(ctx, after);
  if (freesPlace(before)) await passPlace(ctx, trip, s.sessionId, s._id);
  return { signup: (await ctx.store.get<SignupDoc>(C.signups, s._id))!, message: freesPlace(before) ? '已取消，名额已让给候补的职工' : '已取消' };
}

export async function acceptOffer(ctx: MemberContext, signupId: string): Promise<{ signup: SignupDoc; message: string }> {
  const s = await ownSignup(ctx, signupId);
  const trip = await getTrip(ctx, s.tripId);
  const event = trip.needsReview ? 'accept_for_review' : 'accept';
  const note = trip.needsReview ? '已接受名额，等待工会审核' : '已接受名额，报名成功';
  if (s.status !== 'offered' && !(ctx.requestId && s.history.some((h) => h.requestId === ctx.requestId))) throw new AppError('trips.no_offer', '目前没有待您确认的名额');
  if (await expireOffer(ctx, s, trip)) throw new AppError('trips.offer_expired', '确认时限已过，名额已顺延给下一位');
  try {
    const after = await move(ctx, signupWorkflow, C.signups, s, event, {
      where: { offerExpiresAt: { $gt: ctx.now.toISOString() } },
      set: { offerExpiresAt: null },
      note,
      summary: '接受顺延的名额',
    });
    return { signup: after, message: note };
  } catch (e) {
    if (e instanceof AppError && e.code === 'conflict') throw new AppError('trips.offer_expired', '确认时限已过，名额已顺延给下一位');
    throw e;
  }
}

export async function declineOffer(ctx: MemberContext, signupId: string): Promise<{ signup: SignupDoc; message: string }> {
  const s = await ownSignup(ctx, signupId);
  const trip = await getTrip(ctx, s.tripId);
  if (s.status !== 'offered' && !(ctx.requestId && s.history.some((h) => h.requestId === ctx.requestId))) throw new AppError('trips.no_offer', '目前没有待您确认的名额');
  if (await expireOffer(ctx, s, trip)) throw new AppError('trips.offer_expired', '确认时限已过，名额已顺延给下一位');
  const after = await move(ctx, signupWorkflow, C.signups, s, 'decline', {
    set: { offerExpiresAt: null },
    note: '本人放弃名额',
    summary: '放弃顺延的名额',
    wrongState: () => new AppError('conflict', '报名状态已变化，请刷新后再试'),
  });
  await releaseYear(ctx, after);
  await passPlace(ctx, trip, s.sessionId, s._id);
  return { signup: (await ctx.store.get<SignupDoc>(C.signups, s._id))!, message: '已放弃，名额已顺延给下一位' };
}
