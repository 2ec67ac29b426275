/** What people and staff see: views built from the stored docs, with only the fields each needs. */
import { SIGNUP_STATUS_LABELS, type MySignupView, type SessionView } from '../../../types/trips.schema';
import type { HandlerContext } from '../../core/wrapper';
import { C, type SessionDoc, type SignupDoc, type TripDoc } from './model';
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

/** Waiting: 1 + the number of people still waiting ahead (by ticket). */
export async function queuePositionOf(ctx: HandlerContext, s: SignupDoc): Promise<number | null> {
  if (s.status !== 'waiting' || s.waitNo === null) return null;
  return 1 + (await ctx.store.count(C.signups, { sessionId: s.sessionId, status: 'waiting', waitNo: { $lt: s.waitNo } }));
}

export async function mySignupViewOf(
  ctx: HandlerContext,
  s: SignupDoc,
  trip: TripDoc,
  session: SessionDoc | null,
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
    queuePosition: s.status === 'waiting' && queueHint !== undefined ? queueHint : await queuePositionOf(ctx, s),
    offerExpiresAt: s.status === 'offered' ? s.offerExpiresAt : null,
    cancelDeadline: deadline.toISOString(),
    canCancel: canCancelAt(s.status, deadline, ctx.now),
    history: s.history.map((h) => ({ at: h.at, status: h.status, note: h.note })),
  };
}

/** `queueHint`: the position known at join time, sparing a count in the sign-up rush. */
export async function mySignupViewById(ctx: HandlerContext, s: SignupDoc & { queueHint?: number }): Promise<MySignupView> {
  const trip = (await ctx.store.get<TripDoc>(C.trips, s.tripId))!;
  const session = await ctx.store.get<SessionDoc>(C.sessions, s.sessionId);
  return mySignupViewOf(ctx, s, trip, session, s.queueHint);
}
