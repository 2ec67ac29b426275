/**
 * Staff decisions on sign-ups, through the sign-up workflow: review (approve, or reject with a reason, which frees the
 * place to the queue) and check-in at departure (which records participation for later priority). The workflow
 * refuses decisions about oneself and about people who hold a post at the caller's org or above.
 */
import { SIGNUP_STATUS_LABELS } from '../../../types/trips.schema';
import { addLocalDays, localDateOf } from '../../../types/time';
import { signupWorkflow } from '../../../types/trips.workflow';
import type { Input, MemberContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { type Filter } from '../../core/store/port';
import { scopeFilter } from '../../core/users';
import { authorize, move } from '../../core/workflow';
import { managedTrip } from './edit';
import { C, type SessionDoc, type SignupDoc, type TripDoc, type TripPersonDoc, getSession, getSignup } from './model';
import { passPlace, releaseYear } from './places';
import { peopleOf } from './roster';

export async function reviewQueue(ctx: MemberContext, input: Input<'trips', 'reviewQueue'>) {
  const filter: Filter = { ...scopeFilter(ctx.caller, 'tripOrgPath'), status: 'pending_review' };
  if (input.tripId) filter.tripId = input.tripId;
  const items = await ctx.store.find<SignupDoc>(C.signups, filter, { sort: { createdAt: 1 }, limit: 200 });
  const { contactOf } = await peopleOf(ctx, items.map((s) => s.userId));
  const trips = new Map<string, TripDoc | null>();
  const sessions = new Map<string, SessionDoc | null>();
  const out = [];
  for (const s of items) {
    if (!trips.has(s.tripId)) trips.set(s.tripId, await ctx.store.get<TripDoc>(C.trips, s.tripId));
    if (!sessions.has(s.sessionId)) sessions.set(s.sessionId, await ctx.store.get<SessionDoc>(C.sessions, s.sessionId));
    out.push({
      signupId: s._id,
      tripId: s.tripId,
      tripTitle: trips.get(s.tripId)?.title ?? '',
      sessionLabel: sessions.get(s.sessionId)?.label ?? '',
      departDate: s.departDate,
      ...contactOf(s.userId),
      healthNotes: s.form.healthNotes,
      signedUpAt: s.createdAt,
    });
  }
  return { items: out };
}

async function managedSignup(ctx: MemberContext, signupId: string): Promise<{ s: SignupDoc; trip: TripDoc }> {
  const s = await getSignup(ctx, signupId);
  return { s, trip: await managedTrip(ctx, s.tripId) };
}

export async function review(ctx: MemberContext, input: Input<'trips', 'review'>) {
  const { s, trip } = await managedSignup(ctx, input.signupId);
  const approve = input.decision === 'approve';
  const after = await move(ctx, signupWorkflow, C.signups, s, approve ? 'approve' : 'reject', {
    ...(input.reason ? { reason: input.reason } : {}),
    note: approve ? '工会审核通过，报名成功' : `工会审核未通过：${input.reason}`,
    summary: approve ? '审核通过报名' : '审核不通过报名',
    wrongState: () => new AppError('trips.not_pending', `这条报名是“${SIGNUP_STATUS_LABELS[s.status]}”，不在待审核状态`),
  });
  if (!approve) {
    await releaseYear(ctx, after);
    await passPlace(ctx, trip, s.sessionId, s._id);
  }
  return { signupId: s._id, status: after.status };
}

/** Records the departure date once (a retried check-in adds nothing). */
export async function recordParticipation(ctx: MemberContext | Parameters<typeof releaseYear>[0], userId: string, departDate: string): Promise<void> {
  const pushed = await ctx.store.update(C.people, { _id: userId, attendedDates: { $ne: departDate } }, { $push: { attendedDates: departDate } });
  if (pushed.matched === 1 || (await ctx.store.get<TripPersonDoc>(C.people, userId))) return;
  try {
    await ctx.store.insert<TripPersonDoc>(C.people, { _id: userId, attendedDates: [departDate] });
  } catch {
    await ctx.store.update(C.people, { _id: userId, attendedDates: { $ne: departDate } }, { $push: { attendedDates: departDate } });
  }
}

export async function checkIn(ctx: MemberContext, signupId: string) {
  const { s } = await managedSignup(ctx, signupId);
  await authorize(ctx, signupWorkflow, s, 'check_in');
  const session = await getSession(ctx, s.sessionId);
  const today = localDateOf(ctx.now);
  if (today < addLocalDays(session.departDate, -1) || today > session.returnDate) throw new AppError('trips.not_departure', '只能在出发前一天到返回当天之间签到');
  const at = ctx.now.toISOString();
  const after = await move(ctx, signupWorkflow, C.signups, s, 'check_in', {
    set: { checkedInAt: at },
    note: '出发签到',
    summary: '出发签到',
    wrongState: () => new AppError('trips.not_confirmed', `这条报名是“${SIGNUP_STATUS_LABELS[s.status]}”，不能签到`),
  });
  // Participation, for the "not been recently" priority of later trips.
  await recordParticipation(ctx, s.userId, session.departDate);
  return { signupId: s._id, status: 'attended' as const, checkedInAt: after.checkedInAt ?? at };
}
