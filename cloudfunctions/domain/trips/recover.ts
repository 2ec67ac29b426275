/**
 * Recovery of 疗休养 after a crash at any step (ADR 0013). Every multi-step change — signing up, cancelling and handing
 * the place on, offering, expiring, reviewing, drawing, checking in — leaves, when it dies half-way, a state that this
 * pass completes or reverses, so that within minutes the invariants hold again:
 *   holders + places left = capacity, and the holders are exactly the sign-ups that hold a place;
 *   nobody waits while a place is free;
 *   every settled state change has its audit entry; no year claim outlives its sign-up.
 * It runs lazily where the state is read (the roster, a waiting person's own list) and on the `recover` timer.
 */
import { signupWorkflow, tripWorkflow } from '../../../types/trips.workflow';
import { releaseSlot } from '../../core/claims';
import type { HandlerContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { REQUEST_LEASE_MS } from '../../core/requests';
import { move, recoverAudits } from '../../core/workflow';
import { completeDraw } from './draw';
import { C, type SessionDoc, type SignupDoc, type TripDoc, type YearClaimDoc, sessionPlaces } from './model';
import { STALE_MS, expireDueOffers, fillFromPool, offerHeldPlace, passPlace } from './places';
import { recordParticipation } from './review';
import { ENDED, HOLDS_PLACE } from './rules';

export interface Repairs {
  released: number;
  handedOn: number;
  offered: number;
  settled: number;
  filled: number;
}

/** Settles one session's ledger against its sign-ups. */
export async function reconcileSession(ctx: HandlerContext, trip: TripDoc, sessionId: string): Promise<Repairs> {
  const repairs: Repairs = { released: 0, handedOn: 0, offered: 0, settled: 0, filled: 0 };
  const places = sessionPlaces(ctx.store);
  const session = await ctx.store.get<SessionDoc>(C.sessions, sessionId);
  if (!session) return repairs;
  const staleBefore = new Date(ctx.now.getTime() - Math.max(STALE_MS, REQUEST_LEASE_MS)).toISOString();

  // A draw that died half-way is completed from its plan.
  if (session.drawnAt && session.drawnAt < staleBefore && (await ctx.store.count(C.signups, { sessionId, status: 'applied' })) > 0) {
    await completeDraw(ctx, trip, session, session.drawSeed ?? '', session.drawnAt);
  }

  const ledger = places.ledger(session);
  const holderIds = Object.keys(ledger);
  const byId = new Map<string, SignupDoc>();
  for (let i = 0; i < holderIds.length; i += 1000) {
    for (const s of await ctx.store.find<SignupDoc>(C.signups, { _id: { $in: holderIds.slice(i, i + 1000) } }, { limit: 1000 })) byId.set(s._id, s);
  }
  for (const holder of holderIds) {
    const s = byId.get(holder);
    const stale = ledger[holder] < staleBefore;
    if (!s || ENDED.includes(s.status)) {
      // A place taken by a call that died before its sign-up existed, or held by a sign-up that ended while the
      // call that ended it died before handing the place on.
      if (!s && !stale) continue;
      const offered = await passPlace(ctx, trip, sessionId, holder);
      if (offered) repairs.handedOn++;
      else repairs.released++;
      continue;
    }
    if (!stale || HOLDS_PLACE.includes(s.status)) continue;
    if (s.status === 'waiting') {
      // Handed the place, but the offer was never made.
      if ((await offerHeldPlace(ctx, trip, s)).status === 'offered') repairs.offered++;
    } else if (s.status === 'placing') {
      await settle(ctx, trip, s);
      repairs.settled++;
    }
  }
  repairs.filled = await fillFromPool(ctx, trip, sessionId);
  return repairs;
}

/** A sign-up left in `placing` by an older version, holding its place: finish it. */
async function settle(ctx: HandlerContext, trip: TripDoc, s: SignupDoc): Promise<void> {
  try {
    await move(ctx, signupWorkflow, C.signups, s, trip.needsReview ? 'place_for_review' : 'place', { system: true, note: '系统补全中断的报名' });
  } catch (e) {
    if (!(e instanceof AppError && (e.code === 'conflict' || e.code === 'wrong_state'))) throw e;
  }
}

/** Year claims of the last two days whose sign-up ended, or never landed, are released. */
async function releaseStaleClaims(ctx: HandlerContext, since: string): Promise<number> {
  const staleBefore = new Date(ctx.now.getTime() - STALE_MS).toISOString();
  const claims = await ctx.store.find<YearClaimDoc>(C.yearClaims, { at: { $gte: since } }, { limit: 1000 });
  let released = 0;
  for (const c of claims) {
    const owner = await ctx.store.get<SignupDoc>(C.signups, c.holder);
    const dead = owner ? ENDED.includes(owner.status) || owner.yearClaimId !== c._id : c.at < staleBefore;
    if (dead && (await releaseSlot(ctx.store, C.yearClaims, c._id, c.holder))) released++;
  }
  return released;
}

/** The timer's pass over everything that moved in the last day. */
export async function recoverTrips(ctx: HandlerContext): Promise<{ sessions: number; repaired: number; claims: number; audits: number; expired: number }> {
  const since = new Date(ctx.now.getTime() - 86_400_000).toISOString();
  const { expired } = await expireDueOffers(ctx);
  const sessions = await ctx.store.find<SessionDoc>(C.sessions, { touchedAt: { $gte: since } }, { sort: { touchedAt: 1 }, limit: 1000 });
  const trips = new Map<string, TripDoc | null>();
  let repaired = 0;
  for (const session of sessions) {
    if (!trips.has(session.tripId)) trips.set(session.tripId, await ctx.store.get<TripDoc>(C.trips, session.tripId));
    const trip = trips.get(session.tripId);
    if (!trip) continue;
    const r = await reconcileSession(ctx, trip, session._id);
    repaired += r.released + r.handedOn + r.offered + r.settled + r.filled;
  }
  const claims = await releaseStaleClaims(ctx, since);
  // Check-ins whose participation record was not written.
  const attended = await ctx.store.find<SignupDoc>(C.signups, { status: 'attended', updatedAt: { $gte: since } }, { limit: 1000 });
  for (const s of attended) await recordParticipation(ctx, s.userId, s.departDate);
  const audits = (await recoverAudits(ctx.store, signupWorkflow, C.signups, since)) + (await recoverAudits(ctx.store, tripWorkflow, C.trips, since));
  return { sessions: sessions.length, repaired, claims, audits, expired };
}
