/** A person's side: open trips with their own eligibility, a trip's detail, their own sign-ups. */
import type { TripTheme } from '../../../types/trips.schema';
import { notFound } from '../../core/errors';
import { canManage } from '../../core/users';
import type { HandlerContext } from '../../core/wrapper';
import { C, type SessionDoc, type SignupDoc, type TripDoc, requireUser, signupIdOf } from './model';
import { opensAtFor, rulesText } from './rules';
import { eligibilityFor, expireDueOffers, personFacts } from './signup';
import { mySignupViewOf, sessionsOf, tripDetailOf, tripSummaryOf } from './views';

async function eligibilityOver(ctx: HandlerContext, trip: TripDoc, sessions: SessionDoc[]) {
  const user = requireUser(ctx);
  const facts = await personFacts(ctx, user, sessions.map((s) => Number(s.departDate.slice(0, 4))));
  const results = sessions.map((s) => eligibilityFor(trip, facts, s, ctx.now));
  const best = results.find((r) => r.eligible) ?? results[0] ?? { eligible: false, reasons: ['这个疗休养没有可报名的期次'], priority: false };
  return {
    eligible: best.eligible,
    reasons: best.reasons,
    priority: best.priority,
    rulesText: rulesText(trip.rules, trip.orgName),
    opensAtForMe: opensAtFor(trip.opensAt, trip.rules, best.priority).toISOString(),
  };
}

export async function listOpen(ctx: HandlerContext, input: { theme?: TripTheme }) {
  const user = requireUser(ctx);
  await expireDueOffers(ctx);
  const filter = { status: 'published', orgId: { $in: user.orgPath }, closesAt: { $gt: ctx.now.toISOString() } };
  const trips = await ctx.store.find<TripDoc>(C.trips, filter, { sort: { opensAt: 1 }, limit: 100 });
  const out = [];
  for (const trip of trips) {
    if (input.theme && !trip.themes.includes(input.theme)) continue;
    const sessions = await sessionsOf(ctx, trip);
    const e = await eligibilityOver(ctx, trip, sessions);
    const mine = await ctx.store.get<SignupDoc>(C.signups, signupIdOf(trip._id, user._id));
    out.push({ ...(await tripSummaryOf(ctx, trip)), eligible: e.eligible, reasons: e.reasons, mySignupStatus: mine?.status ?? null });
  }
  return { trips: out };
}

export async function detail(ctx: HandlerContext, tripId: string) {
  const user = requireUser(ctx);
  const trip = await ctx.store.get<TripDoc>(C.trips, tripId);
  if (!trip || (trip.status === 'draft' && !canManage(ctx.caller, trip.orgPath))) throw notFound('没有找到这个疗休养');
  await expireDueOffers(ctx, trip._id);
  const sessions = await sessionsOf(ctx, trip);
  const summary = await tripSummaryOf(ctx, trip);
  const eligibility = await eligibilityOver(ctx, trip, sessions);
  const mine = await ctx.store.get<SignupDoc>(C.signups, signupIdOf(trip._id, user._id));
  const session = mine ? sessions.find((s) => s._id === mine.sessionId) ?? null : null;
  return {
    trip: tripDetailOf(trip, summary),
    me: { eligibility, mySignup: mine ? await mySignupViewOf(ctx, mine, trip, session) : null },
  };
}

export async function mySignups(ctx: HandlerContext) {
  const user = requireUser(ctx);
  await expireDueOffers(ctx);
  const signups = await ctx.store.find<SignupDoc>(C.signups, { userId: user._id }, { sort: { createdAt: -1 }, limit: 100 });
  const out = [];
  for (const s of signups) {
    const trip = await ctx.store.get<TripDoc>(C.trips, s.tripId);
    if (!trip) continue;
    out.push(await mySignupViewOf(ctx, s, trip, await ctx.store.get<SessionDoc>(C.sessions, s.sessionId)));
  }
  return { signups: out };
}
