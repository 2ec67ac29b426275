/**
 * Signing up, built for the rush (ADR 0005, 0012). Never check-then-write, and no more store round trips than the
 * placed path needs (≤ 8 with the caller and the request record, held by a test):
 *   trip → year claim (slot) → a place (one conditional update of the session's ledger) → the sign-up, created in its
 *   final state through the workflow → its audit entry.
 * One sign-up per person per trip: the deterministic id `${tripId}_${userId}`, which is also the place's holder in the
 * ledger and the year claim's holder, so a retry after a crash recognises everything it already did. A place taken
 * by a call that died before creating its sign-up is released by the recovery pass.
 */
import type { HonourLevel } from '../../../types/account.schema';
import { formatInstant, localDateOf } from '../../../types/time';
import { type SignupEvent, signupWorkflow } from '../../../types/trips.workflow';
import type { Input, MemberContext } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import type { UserDoc } from '../../core/users';
import { auditOfHistory, create, move } from '../../core/workflow';
import type { HonourDoc } from '../account/honours';
import { C, type SessionInfo, type SignupDoc, type TripDoc, type TripPersonDoc, getTrip, sessionPlaces, signupIdOf, yearClaimIdOf } from './model';
import { claimYear, fillFromPool, isDuplicate, releaseYear, STALE_MS, takeWaitNo } from './places';
import { ENDED, HOLDS_PLACE, type Eligibility, type PersonFacts, checkEligibility, opensAtFor, ticketOf } from './rules';

/** What eligibility needs to know of a person: only what the trip's rules ask (each fact costs a read). */
export async function personFacts(ctx: MemberContext, user: UserDoc, trip: Pick<TripDoc, 'rules'>): Promise<PersonFacts> {
  const honourLevels: HonourLevel[] = [];
  if (trip.rules.audience !== 'all' && user.honourIds.length > 0) {
    const honours = await ctx.store.find<HonourDoc>('honours', { _id: { $in: user.honourIds } }, { limit: 100 });
    for (const h of honours) if (h.linkStatus === 'confirmed') honourLevels.push(h.level);
  }
  const person = trip.rules.priorityYears > 0 ? await ctx.store.get<TripPersonDoc>(C.people, user._id) : null;
  return { orgPath: user.orgPath, birthYear: user.birthYear, honourLevels, pastTripDates: person?.attendedDates ?? [], yearClaims: [] };
}

export function eligibilityFor(trip: TripDoc, facts: PersonFacts, departDate: string, now: Date): Eligibility {
  return checkEligibility({ tripId: trip._id, orgId: trip.orgId, orgName: trip.orgName, rules: trip.rules }, facts, departDate, localDateOf(now));
}

export interface SignUpResult {
  signup: SignupDoc;
  trip: TripDoc;
  session: SessionInfo;
  message: string;
  /** Waiting: the position known at join time, sparing a count in the rush. */
  queueHint?: number;
}

const MESSAGES: Partial<Record<SignupEvent, string>> = {
  place: '报名成功，名额已确认',
  place_for_review: '已为您保留名额，等待工会审核',
  apply: '报名成功，报名截止后将公开抽签，请留意结果',
  wait: '名额已满，您已进入候补，有人取消时会按顺序通知您',
};

export async function signUp(ctx: MemberContext, input: Input<'trips', 'signUp'>): Promise<SignUpResult> {
  const user = ctx.caller.user;
  const trip = await getTrip(ctx, input.tripId);
  if (trip.status !== 'published') throw new AppError('trips.closed', trip.status === 'draft' ? '这个疗休养还没有发布' : '这个疗休养已停止报名');
  const session = trip.sessions.find((s) => s.id === input.sessionId);
  if (!session) throw notFound('没有找到这个期次');
  const year = Number(session.departDate.slice(0, 4));

  const elig = eligibilityFor(trip, await personFacts(ctx, user, trip), session.departDate, ctx.now);
  if (!elig.eligible) throw new AppError('trips.not_eligible', elig.reasons.join('；'));
  const opens = opensAtFor(trip.opensAt, trip.rules, elig.priority);
  if (ctx.now.getTime() < opens.getTime()) throw new AppError('trips.not_open', `报名将于 ${formatInstant(opens)} 开始，请到时再来`);
  if (ctx.now.getTime() >= Date.parse(trip.closesAt)) throw new AppError('trips.closed', '报名已经截止');

  const signupId = signupIdOf(trip._id, user._id);
  const at = ctx.now.toISOString();
  const claimId = trip.rules.onePerYear ? yearClaimIdOf(user._id, year) : null;
  // 1. One trip a year: the claim is the guard, not a count.
  if (claimId) await claimYear(ctx, { _id: claimId, holder: signupId, userId: user._id, year, tripId: trip._id, at });

  const fresh: Omit<SignupDoc, 'status' | 'version' | 'history' | 'updatedAt'> = {
    _id: signupId,
    tripId: trip._id,
    sessionId: session.id,
    userId: user._id,
    tripOrgPath: trip.orgPath,
    departDate: session.departDate,
    round: 1,
    priority: elig.priority,
    weight: elig.priority ? trip.rules.priorityWeight : 1,
    ticket: ticketOf(signupId),
    form: { ...input.form, healthNotes: input.form.healthNotes ?? '' },
    waitNo: null,
    drawRank: null,
    offerExpiresAt: null,
    yearClaimId: claimId,
    createdAt: at,
    checkedInAt: null,
  };
  try {
    return await placeOrQueue(ctx, trip, session, fresh);
  } catch (e) {
    // The year stays claimed only by a sign-up that exists and is active.
    if (claimId && !(e instanceof AppError && e.code === 'trips.already_signed_up')) await releaseYear(ctx, { _id: signupId, yearClaimId: claimId });
    throw e;
  }
}

/** 2–3. A place, a waiting number, or a lottery application. */
async function placeOrQueue(ctx: MemberContext, trip: TripDoc, session: SessionInfo, fresh: Omit<SignupDoc, 'status' | 'version' | 'history' | 'updatedAt'>): Promise<SignUpResult> {
  const done = (signup: SignupDoc, event: SignupEvent, queueHint?: number): SignUpResult => ({ signup, trip, session, message: MESSAGES[event] ?? '', ...(queueHint ? { queueHint } : {}) });
  if (trip.mode === 'lottery') return done(await start(ctx, fresh, 'apply', '已报名，报名截止后公开抽签'), 'apply');

  const places = sessionPlaces(ctx.store);
  const took = await places.take(session.id, fresh._id, ctx.now.toISOString());
  if (took === 'missing') throw notFound('没有找到这个期次');
  if (took !== 'full') {
    const event: SignupEvent = trip.needsReview ? 'place_for_review' : 'place';
    try {
      return done(await start(ctx, fresh, event, trip.needsReview ? '已为您保留名额，等待工会审核' : '报名成功，名额已确认'), event);
    } catch (e) {
      // Already signed up without holding this place (e.g. waiting, and tapping again): give the place back.
      if (took === 'taken' && e instanceof AppError && e.code === 'trips.already_signed_up') {
        const existing = await ctx.store.get<SignupDoc>(C.signups, fresh._id);
        if (!existing || !HOLDS_PLACE.includes(existing.status)) {
          await places.release(session.id, fresh._id, ctx.now.toISOString());
          await fillFromPool(ctx, trip, session.id);
        }
      }
      throw e;
    }
  }
  const ticket = await takeWaitNo(ctx, session.id);
  const waiting = await start(ctx, { ...fresh, waitNo: ticket.waitNo }, 'wait', `名额已满，进入候补（第 ${ticket.waitNo} 号）`);
  // A place may have been freed while we queued (nobody was waiting then): hand it to the queue now.
  if (await fillFromPool(ctx, trip, session.id)) {
    const now = (await ctx.store.get<SignupDoc>(C.signups, waiting._id)) ?? waiting;
    if (now.status === 'offered') return { signup: now, trip, session, message: '有空出的名额，请尽快确认' };
  }
  // At the moment of joining, everyone who left the queue so far was ahead of us.
  return done(waiting, 'wait', Math.max(1, ticket.waitNo - ticket.left));
}

/**
 * Creates the sign-up in its state, or — when the person's record for this trip exists — starts it again after an
 * ended round, resumes one interrupted in `placing` by an older version, or recognises a retry of this very request.
 */
async function start(ctx: MemberContext, fresh: Omit<SignupDoc, 'status' | 'version' | 'history' | 'updatedAt'>, event: SignupEvent, note: string): Promise<SignupDoc> {
  const summary = signupWorkflow.events[event].label + (fresh.waitNo ? `（第 ${fresh.waitNo} 号）` : '');
  try {
    return await create<string, SignupEvent, SignupDoc>(ctx, signupWorkflow, C.signups, fresh, event, { note, summary });
  } catch (e) {
    if (!isDuplicate(e)) throw e;
  }
  const existing = await ctx.store.get<SignupDoc>(C.signups, fresh._id);
  if (!existing) throw new AppError('conflict', '报名人数较多，请稍后再试');
  const mine = ctx.requestId ? existing.history.find((h) => h.requestId === ctx.requestId) : undefined;
  if (mine) {
    await auditOfHistory(ctx, signupWorkflow, C.signups, existing, mine);
    return existing;
  }
  const stalePlacing = existing.status === 'placing' && Date.parse(existing.updatedAt) < ctx.now.getTime() - STALE_MS;
  if (ENDED.includes(existing.status) || stalePlacing) {
    const { _id: _same, ...rest } = fresh;
    return move(ctx, signupWorkflow, C.signups, existing, event, {
      set: { ...(rest as unknown as Record<string, never>), round: existing.round + (stalePlacing ? 0 : 1) },
      note,
      summary,
    });
  }
  throw new AppError('trips.already_signed_up', '您已经报名了这个疗休养，请在“我的报名”中查看');
}
