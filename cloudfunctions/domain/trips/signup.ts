/**
 * Signing up, waiting, offers, cancelling. Never check-then-write:
 * - one sign-up per person per trip: the deterministic id `${tripId}_${userId}` (insert, or a conditional
 *   reactivation of an ended round);
 * - one trip a year: the deterministic claim `${userId}_${year}`, inserted before the sign-up and released when it ends;
 * - places: a conditional decrement `placesLeft > 0`;
 * - waiting positions: a per-session counter incremented in the same transaction that gives the sign-up its ticket;
 * - offers: a conditional `waiting → offered` on the first waiting sign-up; a freed place goes straight to it.
 */
import { randomBytes } from 'node:crypto';
import type { HonourLevel } from '../../../types/account.schema';
import type { SignupStatus } from '../../../types/trips.schema';
import { SIGNUP_STATUS_LABELS } from '../../../types/trips.schema';
import { audit } from '../../core/audit';
import { AppError, notFound } from '../../core/errors';
import { isStoreError } from '../../core/store/port';
import type { UserDoc } from '../../core/users';
import type { HandlerContext } from '../../core/wrapper';
import type { HonourDoc } from '../account/honours';
import {
  C,
  type CounterDoc,
  type SessionDoc,
  type SignupDoc,
  type TripDoc,
  type TripPersonDoc,
  type YearClaimDoc,
  dv,
  fields,
  getSession,
  getTrip,
  historyItem,
  requireUser,
  signupIdOf,
  waitCounterIdOf,
  yearClaimIdOf,
} from './model';
import {
  ENDED,
  type Eligibility,
  type PersonFacts,
  canCancelAt,
  cancelDeadlineOf,
  checkEligibility,
  formatLocal,
  freesPlace,
  localDateOf,
  offerDeadline,
  opensAtFor,
  ticketOf,
  transition,
} from './rules';

// ---------------------------------------------------------------------------------------------------------
// Facts about a person

export async function personFacts(ctx: HandlerContext, user: UserDoc, years: number[]): Promise<PersonFacts> {
  const honourLevels: HonourLevel[] = [];
  for (const id of user.honourIds) {
    const h = await ctx.store.get<HonourDoc>('honours', id);
    if (h && h.linkStatus === 'confirmed') honourLevels.push(h.level);
  }
  const person = await ctx.store.get<TripPersonDoc>(C.people, user._id);
  const yearClaims: { year: number; tripId: string }[] = [];
  for (const year of [...new Set(years)]) {
    const claim = await ctx.store.get<YearClaimDoc>(C.yearClaims, yearClaimIdOf(user._id, year));
    if (claim) yearClaims.push({ year, tripId: claim.tripId });
  }
  return {
    orgPath: user.orgPath,
    birthYear: user.birthYear,
    honourLevels,
    pastTripDates: person?.attendedDates ?? [],
    yearClaims,
  };
}

export function eligibilityFor(trip: TripDoc, facts: PersonFacts, session: SessionDoc, now: Date): Eligibility {
  return checkEligibility(
    { tripId: trip._id, orgId: trip.orgId, orgName: trip.orgName, rules: trip.rules },
    facts,
    session.departDate,
    localDateOf(now),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Sign up

export interface SignUpInput {
  tripId: string;
  sessionId: string;
  form: { emergencyName: string; emergencyPhone: string; emergencyRelation: string; healthNotes?: string };
}

const STALE_PLACING_MS = 2 * 60_000;

export async function signUp(ctx: HandlerContext, input: SignUpInput): Promise<{ signup: SignupDoc & { queueHint?: number }; message: string }> {
  const user = requireUser(ctx);
  const trip = await getTrip(ctx, input.tripId);
  if (trip.status !== 'published') throw new AppError('trips.closed', trip.status === 'draft' ? '这个疗休养还没有发布' : '这个疗休养已停止报名');
  const session = await getSession(ctx, input.sessionId);
  if (session.tripId !== trip._id) throw notFound('没有找到这个期次');
  const year = Number(session.departDate.slice(0, 4));

  const facts = await personFacts(ctx, user, [year]);
  const elig = eligibilityFor(trip, facts, session, ctx.now);
  if (!elig.eligible) throw new AppError('trips.not_eligible', elig.reasons.join('；'));
  const opens = opensAtFor(trip.opensAt, trip.rules, elig.priority);
  if (ctx.now.getTime() < opens.getTime()) throw new AppError('trips.not_open', `报名将于 ${formatLocal(opens)} 开始，请到时再来`);
  if (ctx.now.getTime() >= Date.parse(trip.closesAt)) throw new AppError('trips.closed', '报名已经截止');

  const signupId = signupIdOf(trip._id, user._id);
  const token = randomBytes(8).toString('hex');
  const at = ctx.now.toISOString();

  // 1. One trip a year: the claim is the guard, not a count.
  const claimId = trip.rules.onePerYear ? yearClaimIdOf(user._id, year) : null;
  if (claimId) await claimYear(ctx, { _id: claimId, userId: user._id, year, tripId: trip._id, signupId, token, at });

  // 2. One active sign-up per person per trip: the deterministic id is the guard.
  let signup: SignupDoc & { queueHint?: number };
  try {
    signup = await claimSignup(ctx, trip, session, user, { signupId, token, claimId, priority: elig.priority, form: input.form });
  } catch (e) {
    if (claimId) await releaseYear(ctx, claimId, token);
    throw e;
  }

  // 3. A place, a waiting ticket, or a lottery application.
  if (trip.mode === 'lottery') {
    signup = await settle(ctx, signup, 'applied', {}, '已报名，报名截止后公开抽签');
    await audit(ctx, { targetType: 'trip_signup', targetId: signup._id, summary: '报名抽签' });
    return { signup, message: '报名成功，报名截止后将公开抽签，请留意结果' };
  }
  const took = await ctx.store.update(C.sessions, { _id: session._id, placesLeft: { $gt: 0 } }, { $inc: { placesLeft: -1 } });
  if (took.matched === 1) {
    const event = trip.needsReview ? 'placed_for_review' : 'placed';
    const note = trip.needsReview ? '已为您保留名额，等待工会审核' : '报名成功，名额已确认';
    signup = await settle(ctx, signup, transition(event).to, {}, note);
    await audit(ctx, { targetType: 'trip_signup', targetId: signup._id, summary: trip.needsReview ? '报名占得名额，待审核' : '报名成功' });
    return { signup, message: note };
  }
  signup = await joinWaitingList(ctx, signup);
  await audit(ctx, { targetType: 'trip_signup', targetId: signup._id, summary: `名额已满，进入候补（第 ${signup.waitNo} 号）` });
  // A place may have been freed while we queued (nobody was waiting then): hand it to the queue now.
  if (await fillFromPool(ctx, trip, session._id)) {
    const fresh = (await ctx.store.get<SignupDoc>(C.signups, signup._id)) ?? signup;
    if (fresh.status === 'offered') return { signup: fresh, message: '有空出的名额，请尽快确认' };
  }
  return { signup, message: '名额已满，您已进入候补，有人取消时会按顺序通知您' };
}

async function claimYear(ctx: HandlerContext, claim: YearClaimDoc): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await ctx.store.insert(C.yearClaims, claim);
      return;
    } catch (e) {
      if (!isStoreError(e, 'duplicate')) throw e;
    }
    const held = await ctx.store.get<YearClaimDoc>(C.yearClaims, claim._id);
    if (!held) continue;
    // A claim whose sign-up has ended (or never landed) is stale: release it once and try again.
    const owner = await ctx.store.get<SignupDoc>(C.signups, held.signupId);
    const old = (at: string) => Date.parse(at) < ctx.now.getTime() - STALE_PLACING_MS;
    const stale =
      !owner || owner.token !== held.token
        ? old(held.at)
        : ENDED.includes(owner.status) || (owner.status === 'placing' && old(owner.updatedAt));
    if (stale && attempt === 0) {
      await ctx.store.remove(C.yearClaims, { _id: held._id, token: held.token });
      continue;
    }
    if (held.tripId === claim.tripId) throw new AppError('trips.already_signed_up', '您已经报名了这个疗休养，请在“我的报名”中查看');
    throw new AppError('trips.not_eligible', `每人每年只能参加一次疗休养，您 ${claim.year} 年已报名了其他疗休养（含候补）`);
  }
  throw new AppError('conflict', '操作冲突，请稍后再试');
}

export async function releaseYear(ctx: HandlerContext, claimId: string | null, token: string): Promise<void> {
  if (claimId) await ctx.store.remove(C.yearClaims, { _id: claimId, token });
}

async function claimSignup(
  ctx: HandlerContext,
  trip: TripDoc,
  session: SessionDoc,
  user: UserDoc,
  p: { signupId: string; token: string; claimId: string | null; priority: boolean; form: SignUpInput['form'] },
): Promise<SignupDoc> {
  const at = ctx.now.toISOString();
  const fresh: Omit<SignupDoc, 'round' | 'history' | 'createdAt'> = {
    _id: p.signupId,
    tripId: trip._id,
    sessionId: session._id,
    userId: user._id,
    tripOrgPath: trip.orgPath,
    departDate: session.departDate,
    token: p.token,
    status: 'placing',
    priority: p.priority,
    weight: p.priority ? trip.rules.priorityWeight : 1,
    ticket: ticketOf(p.signupId),
    form: { ...p.form, healthNotes: p.form.healthNotes ?? '' },
    waitNo: null,
    drawRank: null,
    offerExpiresAt: null,
    yearClaimId: p.claimId,
    updatedAt: at,
    checkedInAt: null,
  };
  const first = historyItem(ctx, 'placing', `报名 ${session.label}`);
  try {
    const doc: SignupDoc = { ...fresh, round: 1, history: [first], createdAt: at };
    await ctx.store.insert(C.signups, doc);
    return doc;
  } catch (e) {
    if (!isStoreError(e, 'duplicate')) throw e;
  }
  const existing = await ctx.store.get<SignupDoc>(C.signups, p.signupId);
  const resumable = existing && existing.status === 'placing' && Date.parse(existing.updatedAt) < ctx.now.getTime() - STALE_PLACING_MS;
  if (existing && (ENDED.includes(existing.status) || resumable)) {
    const { _id, ...rest } = fresh;
    const res = await ctx.store.update(
      C.signups,
      { _id, status: existing.status, round: existing.round },
      { $set: fields({ ...rest, createdAt: at }), $inc: { round: 1 }, $push: { history: dv(first) } },
    );
    if (res.matched === 1) return { ...existing, ...fresh, round: existing.round + 1, createdAt: at, history: [...existing.history, first] };
  }
  throw new AppError('trips.already_signed_up', '您已经报名了这个疗休养，请在“我的报名”中查看');
}

/** Moves a `placing` sign-up to its outcome; the round guards against a stale writer. */
async function settle(ctx: HandlerContext, s: SignupDoc, status: SignupStatus, set: Partial<SignupDoc>, note: string): Promise<SignupDoc> {
  const item = historyItem(ctx, status, note);
  const res = await ctx.store.update(
    C.signups,
    { _id: s._id, status: 'placing', round: s.round },
    { $set: fields({ ...set, status, updatedAt: ctx.now.toISOString() }), $push: { history: dv(item) } },
  );
  if (res.matched !== 1) throw new AppError('conflict', '报名状态已变化，请刷新后查看');
  return { ...s, ...set, status, history: [...s.history, item] };
}

/**
 * Gives the sign-up the next waiting number of its session: one atomic find-one-and-update on the session's
 * counter (`$inc: { lastWaitNo: 1 }`) answers a distinct, arrival-ordered number without a contended transaction
 * or a read-then-write, and without a document that grows with the queue.
 */
async function joinWaitingList(ctx: HandlerContext, s: SignupDoc): Promise<SignupDoc & { queueHint: number }> {
  const counterId = waitCounterIdOf(s.sessionId);
  const take = () => ctx.store.updateAndGet<CounterDoc>(C.counters, { _id: counterId }, { $inc: { lastWaitNo: 1 } });
  let counter = await take();
  if (!counter) {
    try {
      await ctx.store.insert<CounterDoc>(C.counters, { _id: counterId, sessionId: s.sessionId, lastWaitNo: 0, left: 0 });
    } catch (e) {
      if (!isStoreError(e, 'duplicate')) throw e;
    }
    counter = await take();
  }
  if (!counter) throw new AppError('conflict', '排队人数较多，请稍后再试');
  const waitNo = counter.lastWaitNo;
  const settled = await settle(ctx, s, 'waiting', { waitNo }, `名额已满，进入候补（第 ${waitNo} 号）`);
  // At the moment of joining, everyone who left the queue so far was ahead of us.
  return { ...settled, queueHint: Math.max(1, waitNo - counter.left) };
}

/** Counts a departure from the waiting list (offered or cancelled), for the join-time position hint. */
async function leftQueue(ctx: HandlerContext, sessionId: string): Promise<void> {
  await ctx.store.update(C.counters, { _id: waitCounterIdOf(sessionId) }, { $inc: { left: 1 } });
}

// ---------------------------------------------------------------------------------------------------------
// Freed places and offers

/**
 * A place was freed (cancel, reject, decline, expiry): offer it to the first person waiting. Only when nobody
 * waits does it go back to the pool — and then we look once more, in case someone queued meanwhile.
 */
export async function passPlace(ctx: HandlerContext, trip: TripDoc, sessionId: string): Promise<SignupDoc | null> {
  const offered = await offerToNext(ctx, trip, sessionId);
  if (offered) return offered;
  await ctx.store.update(C.sessions, { _id: sessionId }, { $inc: { placesLeft: 1 } });
  await fillFromPool(ctx, trip, sessionId);
  return null;
}

/** While places are in the pool and people wait, take a place and offer it. */
export async function fillFromPool(ctx: HandlerContext, trip: TripDoc, sessionId: string): Promise<number> {
  let offered = 0;
  for (let i = 0; i < 500; i++) {
    const session = await ctx.store.get<SessionDoc>(C.sessions, sessionId);
    if (!session || session.placesLeft <= 0) break;
    if ((await ctx.store.count(C.signups, { sessionId, status: 'waiting' })) === 0) break;
    const took = await ctx.store.update(C.sessions, { _id: sessionId, placesLeft: { $gt: 0 } }, { $inc: { placesLeft: -1 } });
    if (took.matched !== 1) break;
    if (await offerToNext(ctx, trip, sessionId)) offered++;
    else {
      await ctx.store.update(C.sessions, { _id: sessionId }, { $inc: { placesLeft: 1 } });
      break;
    }
  }
  return offered;
}

/** Offers a place the caller already holds to the first waiting person; null when nobody waits. */
async function offerToNext(ctx: HandlerContext, trip: TripDoc, sessionId: string): Promise<SignupDoc | null> {
  for (let round = 0; round < 20; round++) {
    const queue = await ctx.store.find<SignupDoc>(C.signups, { sessionId, status: 'waiting' }, { sort: { waitNo: 1 }, limit: 5 });
    if (queue.length === 0) return null;
    for (const next of queue) {
      const expires = offerDeadline(ctx.now, trip.offerHours).toISOString();
      const item = historyItem(ctx, 'offered', `有空出的名额，请在 ${formatLocal(expires)} 前确认`);
      const res = await ctx.store.update(
        C.signups,
        { _id: next._id, status: 'waiting', round: next.round },
        { $set: { status: 'offered', offerExpiresAt: expires, updatedAt: ctx.now.toISOString() }, $push: { history: dv(item) } },
      );
      if (res.matched === 1) {
        await leftQueue(ctx, sessionId);
        await audit(ctx, { action: 'trips.offer', targetType: 'trip_signup', targetId: next._id, summary: `空出名额顺延给候补第 ${next.waitNo} 号`, changes: { offerExpiresAt: expires } });
        return { ...next, status: 'offered', offerExpiresAt: expires };
      }
    }
  }
  return null;
}

/** Ends an offer whose time is up and passes the place on. Returns true when this call expired it. */
export async function expireOffer(ctx: HandlerContext, s: SignupDoc, trip?: TripDoc): Promise<boolean> {
  if (s.status !== 'offered' || !s.offerExpiresAt || Date.parse(s.offerExpiresAt) > ctx.now.getTime()) return false;
  const res = await ctx.store.update(
    C.signups,
    { _id: s._id, status: 'offered', round: s.round, offerExpiresAt: s.offerExpiresAt },
    {
      $set: { status: 'offer_expired', offerExpiresAt: null, updatedAt: ctx.now.toISOString() },
      $push: { history: dv({ at: ctx.now.toISOString(), status: 'offer_expired', note: '未在时限内确认，名额顺延给下一位' }) },
    },
  );
  if (res.matched !== 1) return false;
  await releaseYear(ctx, s.yearClaimId, s.token);
  await audit(ctx, { action: 'trips.expireOffer', targetType: 'trip_signup', targetId: s._id, summary: '候补名额超时未确认，顺延给下一位' });
  await passPlace(ctx, trip ?? (await getTrip(ctx, s.tripId)), s.sessionId);
  return true;
}

/** Expires every offer whose deadline has passed (optionally of one trip). Lazy reads and the timer call it. */
export async function expireDueOffers(ctx: HandlerContext, tripId?: string): Promise<{ expired: number; offered: number }> {
  const nowIso = ctx.now.toISOString();
  let expired = 0;
  let offered = 0;
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
  if (expired > 0) offered = await ctx.store.count(C.signups, { status: 'offered', offerExpiresAt: { $gt: nowIso }, ...(tripId ? { tripId } : {}) });
  return { expired, offered };
}

// ---------------------------------------------------------------------------------------------------------
// The person's own actions

async function ownSignup(ctx: HandlerContext, signupId: string): Promise<SignupDoc> {
  const user = requireUser(ctx);
  const s = await ctx.store.get<SignupDoc>(C.signups, signupId);
  if (!s || s.userId !== user._id) throw notFound('没有找到这条报名');
  return s;
}

export async function cancel(ctx: HandlerContext, signupId: string, why?: string): Promise<{ signup: SignupDoc; message: string }> {
  let s = await ownSignup(ctx, signupId);
  if (await expireOffer(ctx, s)) s = (await ctx.store.get<SignupDoc>(C.signups, signupId))!;
  const trip = await getTrip(ctx, s.tripId);
  const deadline = cancelDeadlineOf(s.departDate, trip.cancelDaysBefore);
  if (!canCancelAt(s.status, deadline, ctx.now)) {
    if (ENDED.includes(s.status)) throw new AppError('trips.not_active', `这条报名已是“${SIGNUP_STATUS_LABELS[s.status]}”，无需取消`);
    if (s.status === 'attended') throw new AppError('trips.not_active', '已经签到出发，不能取消');
    throw new AppError('trips.cancel_closed', `取消截止时间（${formatLocal(deadline)}）已过，如有特殊情况请联系工会`);
  }
  const item = historyItem(ctx, 'cancelled', why ? `本人取消：${why}` : '本人取消');
  const res = await ctx.store.update(
    C.signups,
    { _id: s._id, status: s.status, round: s.round },
    { $set: { status: 'cancelled', offerExpiresAt: null, updatedAt: ctx.now.toISOString() }, $push: { history: dv(item) } },
  );
  if (res.matched !== 1) throw new AppError('conflict', '报名状态已变化，请刷新后再试');
  await releaseYear(ctx, s.yearClaimId, s.token);
  if (s.status === 'waiting') await leftQueue(ctx, s.sessionId);
  await audit(ctx, { targetType: 'trip_signup', targetId: s._id, summary: `本人取消报名（原状态：${SIGNUP_STATUS_LABELS[s.status]}）`, ...(why ? { reason: why } : {}) });
  if (freesPlace(s.status)) await passPlace(ctx, trip, s.sessionId);
  const after = (await ctx.store.get<SignupDoc>(C.signups, s._id))!;
  return { signup: after, message: freesPlace(s.status) ? '已取消，名额已让给候补的职工' : '已取消' };
}

export async function acceptOffer(ctx: HandlerContext, signupId: string): Promise<{ signup: SignupDoc; message: string }> {
  const s = await ownSignup(ctx, signupId);
  if (s.status !== 'offered') throw new AppError('trips.no_offer', '目前没有待您确认的名额');
  if (await expireOffer(ctx, s)) throw new AppError('trips.offer_expired', '确认时限已过，名额已顺延给下一位');
  const trip = await getTrip(ctx, s.tripId);
  const to = transition(trip.needsReview ? 'accept_for_review' : 'accept').to;
  const note = trip.needsReview ? '已接受名额，等待工会审核' : '已接受名额，报名成功';
  const res = await ctx.store.update(
    C.signups,
    { _id: s._id, status: 'offered', round: s.round, offerExpiresAt: { $gt: ctx.now.toISOString() } },
    { $set: { status: to, offerExpiresAt: null, updatedAt: ctx.now.toISOString() }, $push: { history: dv(historyItem(ctx, to, note)) } },
  );
  if (res.matched !== 1) throw new AppError('trips.offer_expired', '确认时限已过，名额已顺延给下一位');
  await audit(ctx, { targetType: 'trip_signup', targetId: s._id, summary: '接受顺延的名额' });
  return { signup: (await ctx.store.get<SignupDoc>(C.signups, s._id))!, message: note };
}

export async function declineOffer(ctx: HandlerContext, signupId: string): Promise<{ signup: SignupDoc; message: string }> {
  const s = await ownSignup(ctx, signupId);
  if (s.status !== 'offered') throw new AppError('trips.no_offer', '目前没有待您确认的名额');
  if (await expireOffer(ctx, s)) throw new AppError('trips.offer_expired', '确认时限已过，名额已顺延给下一位');
  const res = await ctx.store.update(
    C.signups,
    { _id: s._id, status: 'offered', round: s.round },
    { $set: { status: 'declined', offerExpiresAt: null, updatedAt: ctx.now.toISOString() }, $push: { history: dv(historyItem(ctx, 'declined', '本人放弃名额')) } },
  );
  if (res.matched !== 1) throw new AppError('conflict', '报名状态已变化，请刷新后再试');
  await releaseYear(ctx, s.yearClaimId, s.token);
  await audit(ctx, { targetType: 'trip_signup', targetId: s._id, summary: '放弃顺延的名额' });
  await passPlace(ctx, await getTrip(ctx, s.tripId), s.sessionId);
  return { signup: (await ctx.store.get<SignupDoc>(C.signups, s._id))!, message: '已放弃，名额已顺延给下一位' };
}
