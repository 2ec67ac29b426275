/** What people and staff see: views built from the stored docs, with only the fields each needs. */
import { SIGNUP_STATUS_LABELS, type MySignupView, type SessionView } from '../../../types/trips.schema';
import { signupWorkflow } from '../../../types/trips.workflow';
import type { HandlerContext } from '../../core/context';
import { C, type SessionDoc, type SessionInfo, type SignupDoc, type TripDoc } from './model';
import { canCancelAt, cancelDeadlineOf } from './rules';

export function phaseOf(trip: TripDoc, now: Date): 'upcoming' | 'open' | 'ended' {
  if (trip.status !== 'published') return 'ended';
  if (now.getTime() < Date.parse(trip.opensAt)) return 'upcoming';
  if (now.getTime() >= Date.parse(trip.closesAt)) return 'ended';
  return 'open';
}

export async function sessionsOf(ctx: HandlerContext, trip: TripDoc): Promise<SessionDoc[]> {
  const out: SessionDoc[] = [];
  for (const id of trip.sessionIds) {
    const s = await ctx.store.get<SessionDoc>(C.sessions, id);
    if (s) out.push(s);
  }
  return out;
}

export async function sessionViewOf(ctx: HandlerContext, trip: TripDoc, s: SessionDoc): Promise<SessionView> {
  return {
    id: s._id,
    label: s.label,
    departDate: s.departDate,
    returnDate: s.returnDate,
    places: s.places,
    placesLeft: Math.max(0, s.placesLeft),
    waiting: await ctx.store.count(C.signups, { sessionId: s._id, status: 'waiting' }),
    cancelDeadline: cancelDeadlineOf(s.departDate, trip.cancelDaysBefore).toISOString(),
    drawnAt: s.drawnAt,
  };
}

export async function tripSummaryOf(ctx: HandlerContext, trip: TripDoc) {
  const sessions = await sessionsOf(ctx, trip);
  const views: SessionView[] = [];
  for (const s of sessions) views.push(await sessionViewOf(ctx, trip, s));
  return {
    id: trip._id,
    title: trip.title,
    route: trip.route,
    themes: trip.themes,
    cover: trip.pictures[0] ?? null,
    mode: trip.mode,
    needsReview: trip.needsReview,
    status: trip.status,
    orgName: trip.orgName,
    opensAt: trip.opensAt,
    closesAt: trip.closesAt,
    phase: phaseOf(trip, ctx.now),
    sessions: views,
  };
}

export function tripDetailOf(trip: TripDoc, summary: Awaited<ReturnType<typeof tripSummaryOf>>) {
  return {
    ...summary,
    itinerary: trip.itinerary,
    pictures: trip.pictures,
    costNote: trip.costNote,
    subsidyNote: trip.subsidyNote,
    healthNote: trip.healthNote,
    cancelDaysBefore: trip.cancelDaysBefore,
    offerHours: trip.offerHours,
    rules: trip.rules,
  };
}

/** Waiting: 1 + the number of people still waiting ahead (by waiting number). */
export async function queuePositionOf(ctx: HandlerContext, s: SignupDoc): Promise<number | null> {
  if (s.status !== 'waiting' || s.waitNo === null) return null;
  return 1 + (await ctx.store.count(C.signups, { sessionId: s.sessionId, status: 'waiting', waitNo: { $lt: s.waitNo } }));
}

export async function mySignupViewOf(
  ctx: HandlerContext,
  s: SignupDoc,
  trip: TripDoc,
  session: Pick<SessionInfo, 'label' | 'returnDate'> | null,
  queueHint?: number,
): Promise<MySignupView> {
  const deadline = cancelDeadlineOf(s.departDate, trip.cancelDaysBefore);
  return {
    id: s._id,
    tripId: s.tripId,
    tripTitle: trip.title,
    sessionId: s.sessionId,
    sessionLabel: session?.label ?? '',
    departDate: s.departDate,
    returnDate: session?.returnDate ?? s.departDate,
    status: s.status,
    statusText: SIGNUP_STATUS_LABELS[s.status],
    queuePosition: s.status !== 'waiting' ? null : queueHint ?? (await queuePositionOf(ctx, s)),
    offerExpiresAt: s.status === 'offered' ? s.offerExpiresAt : null,
    cancelDeadline: deadline.toISOString(),
    canCancel: canCancelAt(s.status, deadline, ctx.now),
    history: s.history.map((h) => ({ at: h.at, status: h.status as SignupDoc['status'], note: h.note ?? signupWorkflow.events[h.event as keyof typeof signupWorkflow.events]?.label ?? '' })),
  };
}

/** The view of a sign-up from what the caller already holds: the trip carries its sessions' labels and dates. */
export function mySignupViewIn(ctx: HandlerContext, s: SignupDoc, trip: TripDoc, queueHint?: number): Promise<MySignupView> {
  return mySignupViewOf(ctx, s, trip, trip.sessions.find((x) => x.id === s.sessionId) ?? null, queueHint);
}

export async function mySignupViewById(ctx: HandlerContext, s: SignupDoc): Promise<MySignupView> {
  return mySignupViewIn(ctx, s, (await ctx.store.get<TripDoc>(C.trips, s.tripId))!);
}
