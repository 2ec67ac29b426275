/**
 * The lottery: after sign-up closes, staff run the draw once per session (the conditional `drawnAt` claim), from a
 * seed that is published with the applicant list so anyone can recompute the order. The plan — order and outcome of
 * every applicant — is written first; then each applicant is moved (winners take a place in the ledger first), so a
 * draw interrupted half-way is completed from its plan by a retry or by the recovery pass, with the same result.
 */
import { randomBytes } from 'node:crypto';
import { signupWorkflow } from '../../../types/trips.workflow';
import type { HandlerContext, MemberContext, Input } from '../../core/context';
import { AppError } from '../../core/errors';
import { move } from '../../core/workflow';
import { maskName } from '../account/identity';
import { managedTrip } from './edit';
import { C, type CounterDoc, type DrawDoc, type SessionDoc, type SignupDoc, type TripDoc, getSession, sessionPlaces, waitCounterIdOf } from './model';
import { allSignups, peopleOf } from './roster';
import { DRAW_ALGORITHM, drawOrder } from './rules';
import { auditOnce } from '../../core/audit';
import { REQUEST_LEASE_MS } from '../../core/requests';

export async function runDraw(ctx: MemberContext, input: Input<'trips', 'runDraw'>) {
  const session = await getSession(ctx, input.sessionId);
  const trip = await managedTrip(ctx, session.tripId);
  if (trip.mode !== 'lottery') throw new AppError('trips.not_lottery', '这个疗休养是先到先得，不需要抽签');
  if (trip.status === 'draft') throw new AppError('trips.wrong_status', '疗休养尚未发布');
  if (ctx.now.getTime() < Date.parse(trip.closesAt)) throw new AppError('trips.draw_too_early', '报名截止后才能抽签');
  const seed = input.seed ?? randomBytes(16).toString('hex');
  const at = ctx.now.toISOString();
  // The draw happens once per session: the conditional update is the claim.
  const claimed = await ctx.store.update(C.sessions, { _id: session._id, drawnAt: null }, { $set: { drawnAt: at, drawSeed: seed, updatedAt: at, touchedAt: at } });
  if (claimed.matched !== 1) {
    // A draw that a crash (or a lost answer) left half-done is completed from its plan; a finished one is final.
    const current = (await ctx.store.get<SessionDoc>(C.sessions, session._id))!;
    // The retry of the call that ran this draw (it died before answering) gets the draw, completed.
    if (ctx.retry && current.drawnAt) return drawView(await completeDraw(ctx, trip, current, current.drawSeed ?? seed, current.drawnAt));
    const running = Date.parse(current.drawnAt ?? at) > ctx.now.getTime() - REQUEST_LEASE_MS;
    const open = await ctx.store.count(C.signups, { sessionId: session._id, status: 'applied' });
    if (running || (open === 0 && (await ctx.store.get<DrawDoc>(C.draws, session._id)))) throw new AppError('trips.already_drawn', '这个期次已经抽过签了');
    return drawView(await completeDraw(ctx, trip, current, current.drawSeed ?? seed, current.drawnAt ?? at));
  }
  return drawView(await completeDraw(ctx, trip, session, seed, at));
}

/** Writes the plan (once), then applies it to every applicant still waiting for the outcome. Idempotent. */
export async function completeDraw(ctx: HandlerContext, trip: TripDoc, session: SessionDoc, seed: string, drawnAt: string): Promise<DrawDoc> {
  let plan = await ctx.store.get<DrawDoc>(C.draws, session._id);
  if (!plan) {
    const applicants = await allSignups(ctx, { sessionId: session._id, status: 'applied' });
    const ordered = drawOrder(seed, applicants);
    const { users } = await peopleOf(ctx, applicants.map((a) => a.userId));
    plan = {
      _id: session._id,
      sessionId: session._id,
      tripId: trip._id,
      seed,
      places: session.places,
      drawnAt,
      entries: ordered.map((s, i) => ({ ticket: s.ticket, signupId: s._id, weight: s.weight, nameMasked: maskName(users.get(s.userId)?.name ?? ''), rank: i + 1, won: i < session.places })),
    };
    try {
      await ctx.store.insert(C.draws, plan);
    } catch {
      plan = (await ctx.store.get<DrawDoc>(C.draws, session._id))!;
    }
  }
  const places = sessionPlaces(ctx.store);
  for (const entry of plan.entries) {
    const s = await ctx.store.get<SignupDoc>(C.signups, entry.signupId);
    if (!s || s.status !== 'applied') continue;
    let won = entry.won;
    if (won) won = (await places.take(session._id, s._id, ctx.now.toISOString())) !== 'full';
    const event = won ? (trip.needsReview ? 'win_for_review' : 'win') : 'lose';
    const note = won ? (trip.needsReview ? `抽签第 ${entry.rank} 位，中签，等待工会审核` : `抽签第 ${entry.rank} 位，中签`) : `抽签第 ${entry.rank} 位，未中签，按抽签顺序候补`;
    try {
      await move(ctx, signupWorkflow, C.signups, s, event, { system: true, set: { drawRank: entry.rank, waitNo: won ? null : entry.rank }, note });
    } catch (e) {
      if (!(e instanceof AppError && (e.code === 'conflict' || e.code === 'wrong_state'))) throw e;
    }
  }
  // Waiting numbers follow the draw order (rank), so any later joiner continues after the last drawn rank.
  const winners = plan.entries.filter((e) => e.won).length;
  await ctx.store.set<CounterDoc>(C.counters, { _id: waitCounterIdOf(session._id), sessionId: session._id, lastWaitNo: plan.entries.length, left: winners });
  await auditOnce(ctx, {
    id: `a_draw_${session._id}`,
    action: 'trips.runDraw',
    targetType: 'trip_session',
    targetId: session._id,
    summary: `抽签：${plan.entries.length} 人报名，${winners} 人中签，其余按顺序候补`,
    changes: { seed: plan.seed, applicants: plan.entries.length, winners },
  });
  return plan;
}

function drawView(d: DrawDoc) {
  return {
    sessionId: d.sessionId,
    seed: d.seed,
    algorithm: DRAW_ALGORITHM,
    places: d.places,
    drawnAt: d.drawnAt,
    entries: d.entries.map((e) => ({ ticket: e.ticket, weight: e.weight, nameMasked: e.nameMasked, rank: e.rank, won: e.won })),
  };
}

export async function drawResult(ctx: HandlerContext, sessionId: string) {
  const d = await ctx.store.get<DrawDoc>(C.draws, sessionId);
  if (!d) throw new AppError('trips.not_drawn', '这个期次还没有抽签');
  return drawView(d);
}
