/** A person's side: open trips with their own eligibility, a trip's detail, their own sign-ups. */
import { covers } from '../../core/authority';
import type { MemberContext, Input } from '../../core/context';
import { notFound } from '../../core/errors';
import { C, type SessionDoc, type SignupDoc, type TripDoc, type YearClaimDoc, signupIdOf, yearClaimIdOf } from './model';
import { expireDueOffers } from './places';
import { reconcileSession } from './recover';
import { opensAtFor, rulesText } from './rules';
import { eligibilityFor, personFacts } from './signup';
import { mySignupViewOf, sessionsOf, tripDetailOf, tripSummaryOf } from './views';

/** Eligibility over a trip's sessions, with the person's year claims (read here, where nothing races). */
async function eligibilityOver(ctx: MemberContext, trip: TripDoc, sessions: SessionDoc[]) {
  const user = ctx.caller.user;
  const facts = await personFacts(ctx, user, trip);
  const yearClaims: { year: number; tripId: string }[] = [];
  for (const year of new Set(sessions.map((s) => Number(s.departDate.slice(0, 4))))) {
    const claim = trip.rules.onePerYear ? await ctx.store.get<YearClaimDoc>(C.yearClaims, yearClaimIdOf(user._id, year)) : null;
    if (claim) yearClaims.push({ year, tripId: claim.tripId });
  }
  const results = sessions.map((s) => eligibilityFor(trip, { ...facts, yearClaims }, s.departDate, ctx.now));
  const best = results.find((r) => r.eligible) ?? results[0] ?? { eligible: false, reasons: ['这个疗休养没有可报名的期次'], priority: false };
  return {
    eligible: best.eligible,
    reasons: best.reasons,
    priority: best.priority,
    rulesText: rulesText(trip.rules, trip.orgName, trip.mode),
    opensAtForMe: opensAtFor(trip.opensAt, trip.rules, best.priority).toISOString(),
  };
}

export async function listOpen(ctx: MemberContext, input: Input<'trips', 'listOpen'>) {
  const user = ctx.caller.user;
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

export async function detail(ctx: MemberContext, tripId: string) {
  const user = ctx.caller.user;
  const trip = await ctx.store.get<TripDoc>(C.trips, tripId);
  if (!trip || (trip.status === 'draft' && !covers(ctx.caller, trip.orgPath))) throw notFound('没有找到这个疗休养');
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

export async function mySignups(ctx: MemberContext) {
  const user = ctx.caller.user;
  await expireDueOffers(ctx);
  let signups = await ctx.store.find<SignupDoc>(C.signups, { userId: user._id }, { sort: { createdAt: -1 }, limit: 100 });
  const trips = new Map<string, TripDoc | null>();
  const tripOf = async (id: string) => {
    if (!trips.has(id)) trips.set(id, await ctx.store.get<TripDoc>(C.trips, id));
    return trips.get(id) ?? null;
  };
  // A person who waits sees the queue settled: a place a crash left free is offered now, not in five minutes.
  const waiting = signups.filter((s) => s.status === 'waiting');
  for (const s of waiting) {
    const trip = await tripOf(s.tripId);
    if (trip) await reconcileSession(ctx, trip, s.sessionId);
  }
  if (waiting.length > 0) signups = await ctx.store.find<SignupDoc>(C.signups, { userId: user._id }, { sort: { createdAt: -1 }, limit: 100 });
  const out = [];
  for (const s of signups) {
    const trip = await tripOf(s.tripId);
    if (!trip) continue;
    out.push(await mySignupViewOf(ctx, s, trip, trip.sessions.find((x) => x.id === s.sessionId) ?? null));
  }
  return { signups: out };
}
