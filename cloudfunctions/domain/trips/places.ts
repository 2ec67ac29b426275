/**
 * Places, the waiting list and the one-trip-a-year claim, on the core primitives (core/claims.ts):
 * - a session's places are a Quota whose ledger lists the sign-ups holding one, so a place is never lost or
 *   double-held whatever crashes: taking, giving back and handing on are each one conditional update;
 * - a freed place goes straight to the first person waiting (hand-on in the ledger, then the offer), and only
 *   when nobody waits does it return to the pool — after which the pool is checked once more (no lost wake-up);
 * - the year claim is a Slot `${userId}_${year}` held by the sign-up.
 * Every step a crash can interrupt leaves a state that `recover.ts` completes.
 */
import { claimSlot, nextCounter, releaseSlot } from '../../core/claims';
import type { HandlerContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { isStoreError } from '../../core/store/port';
import { move } from '../../core/workflow';
import { formatInstant } from '../../../types/time';
import { signupWorkflow } from '../../../types/trips.workflow';
import { C, type CounterDoc, type SessionDoc, type SignupDoc, type TripDoc, type YearClaimDoc, sessionPlaces, waitCounterIdOf } from './model';
import { ENDED, offerDeadline } from './rules';
import { notifyFirstInLine, offerNotice } from './notices';

/** A year claim or a ledger entry without a live sign-up for this long is stale (the function timeout has passed). */
export const STALE_MS = 2 * 60_000;

// ---------------------------------------------------------------------------------------------------------------
// The year claim

/** Claims the year for the sign-up; a claim left by an ended (or never-landed) sign-up is replaced once. */
export async function claimYear(ctx: HandlerContext, claim: YearClaimDoc): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = await claimSlot(ctx.store, C.yearClaims, claim);
    if (result.won) return;
    const held = result.slot;
    const owner = await ctx.store.get<SignupDoc>(C.signups, held.holder);
    const old = Date.parse(held.at) < ctx.now.getTime() - STALE_MS;
    const stale = !owner ? old : ENDED.includes(owner.status) || owner.yearClaimId !== held._id;
    if (stale && attempt === 0) {
      await releaseSlot(ctx.store, C.yearClaims, held._id, held.holder);
      continue;
    }
    if (held.tripId === claim.tripId) throw new AppError('trips.already_signed_up', '您已经报名了这个疗休养，请在“我的报名”中查看');
    throw new AppError('trips.not_eligible', `每人每年只能参加一次疗休养，您 ${claim.year} 年已报名了其他疗休养（含候补）`);
  }
  throw new AppError('conflict', '操作冲突，请稍后再试');
}

export async function releaseYear(ctx: HandlerContext, s: Pick<SignupDoc, '_id' | 'yearClaimId'>): Promise<void> {
  if (s.yearClaimId) await releaseSlot(ctx.store, C.yearClaims, s.yearClaimId, s._id);
}

// ---------------------------------------------------------------------------------------------------------------
// The waiting list

/** The next waiting number of a session, and how many have left the queue so far (for the position hint). */
export async function takeWaitNo(ctx: HandlerContext, sessionId: string): Promise<{ waitNo: number; left: number }> {
  const counter = await nextCounter<CounterDoc>(ctx.store, C.counters, waitCounterIdOf(sessionId), 'lastWaitNo', { sessionId, left: 0 });
  return { waitNo: counter.lastWaitNo, left: counter.left };
}

/** Counts a departure from the waiting list (offered or cancelled), for the join-time position hint. */
export async function leftQueue(ctx: HandlerContext, sessionId: string): Promise<void> {
  await ctx.store.update(C.counters, { _id: waitCounterIdOf(sessionId) }, { $inc: { left: 1 } });
}

function firstWaiting(ctx: HandlerContext, sessionId: string, limit = 5): Promise<SignupDoc[]> {
  return ctx.store.find<SignupDoc>(C.signups, { sessionId, status: 'waiting' }, { sort: { waitNo: 1 }, limit });
}

/**
 * Offers a place the sign-up already holds in the ledger (waiting → offered, with its deadline). Safe to repeat:
 * when someone else (a racing pass, the recovery) made the offer first, it answers the sign-up as it is.
 */
export async function offerHeldPlace(ctx: HandlerContext, trip: TripDoc, s: SignupDoc): Promise<SignupDoc> {
  const expires = offerDeadline(ctx.now, trip.offerHours).toISOString();
  try {
    const offered = await move(ctx, signupWorkflow, C.signups, s, 'offer', {
      system: true,
      set: { offerExpiresAt: expires },
      note: `有空出的名额，请在 ${formatInstant(expires)} 前确认`,
      summary: `空出名额顺延给候补第 ${s.waitNo} 号`,
      changes: { offerExpiresAt: expires },
      notify: [offerNotice(trip, s, expires)],
    });
    await leftQueue(ctx, s.sessionId);
    await notifyFirstInLine(ctx, trip, s.sessionId);
    return offered;
  } catch (e) {
    if (!(e instanceof AppError) || (e.code !== 'conflict' && e.code !== 'wrong_state')) throw e;
    return (await ctx.store.get<SignupDoc>(C.signups, s._id)) ?? s;
  }
}

/**
 * The place `from` holds is free (cancelled, rejected, declined, expired): hand it straight to the first person
 * waiting and offer it to them; only when nobody waits does it go back to the pool. Returns the offered sign-up.
 */
export async function passPlace(ctx: HandlerContext, trip: TripDoc, sessionId: string, from: string): Promise<SignupDoc | null> {
  const places = sessionPlaces(ctx.store);
  const at = ctx.now.toISOString();
  for (let round = 0; round < 20; round++) {
    const queue = await firstWaiting(ctx, sessionId);
    if (queue.length === 0) break;
    for (const next of queue) {
      if (await places.handOn(sessionId, from, next._id, at)) return offerHeldPlace(ctx, trip, next);
      const session = await ctx.store.get<SessionDoc>(C.sessions, sessionId);
      if (!places.holds(session, from)) return null; // someone else passed it on already
      // `next` holds a place already (another pass got there first): try the one after.
    }
  }
  await places.release(sessionId, from, at);
  await fillFromPool(ctx, trip, sessionId);
  return null;
}

/** While places are in the pool and people wait, take a place for the first one and offer it. */
export async function fillFromPool(ctx: HandlerContext, trip: TripDoc, sessionId: string): Promise<number> {
  const places = sessionPlaces(ctx.store);
  let offered = 0;
  for (let i = 0; i < 500; i++) {
    const session = await ctx.store.get<SessionDoc>(C.sessions, sessionId);
    if (!session || session.placesLeft <= 0) break;
    const [next] = await firstWaiting(ctx, sessionId, 1);
    if (!next) break;
    const took = await places.take(sessionId, next._id, ctx.now.toISOString());
    if (took === 'full' || took === 'missing') break;
    const after = await offerHeldPlace(ctx, trip, next);
    if (after.status === 'offered') offered++;
  }
  return offered;
}

/** Ends an offer whose time is up and passes the place on. Returns true when this call expired it. */
export async function expireOffer(ctx: HandlerContext, s: SignupDoc, trip?: TripDoc): Promise<boolean> {
  if (s.status !== 'offered' || !s.offerExpiresAt || Date.parse(s.offerExpiresAt) > ctx.now.getTime()) return false;
  try {
    await move(ctx, signupWorkflow, C.signups, s, 'expire', {
      system: true,
      where: { offerExpiresAt: s.offerExpiresAt },
      set: { offerExpiresAt: null },
      note: '未在时限内确认，名额顺延给下一位',
      summary: '候补名额超时未确认，顺延给下一位',
    });
  } catch (e) {
    if (e instanceof AppError && (e.code === 'conflict' || e.code === 'wrong_state')) return false;
    throw e;
  }
  await releaseYear(ctx, s);
  await passPlace(ctx, trip ?? (await ctx.store.get<TripDoc>(C.trips, s.tripId))!, s.sessionId, s._id);
  return true;
}

/** Expires every offer whose deadline has passed (optionally of one trip). Lazy reads and the timer call it. */
export async function expireDueOffers(ctx: HandlerContext, tripId?: string): Promise<{ expired: number; offered: number }> {
  const nowIso = ctx.now.toISOString();
  let expired = 0;
  for (let page = 0; page < 20; page++) {
    const due = await ctx.store.find<SignupDoc>(
      C.signups,
      { status: 'offered', offerExpiresAt: { $lte: nowIso }, ...(tripId ? { tripId } : {}) },
      { sort: { offerExpiresAt: 1 }, limit: 100 },
    );
    if (due.length === 0) break;
    let progressed = false;
    for (const s of due) {
      if (await expireOffer(ctx, s)) {
        expired++;
        progressed = true;
      }
    }
    if (!progressed) break;
  }
  const offered = expired > 0 ? await ctx.store.count(C.signups, { status: 'offered', offerExpiresAt: { $gt: nowIso }, ...(tripId ? { tripId } : {}) }) : 0;
  return { expired, offered };
}

export function isDuplicate(e: unknown): boolean {
  return isStoreError(e, 'duplicate');
}
