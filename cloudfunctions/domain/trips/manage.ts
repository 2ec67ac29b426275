/** Staff side: trips of their subtree (draft, publish, close, edit with audit), review, check-in, the draw. */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { SignupStatus, TripStatus, tripForm } from '../../../types/trips.schema';
import { SIGNUP_STATUS_LABELS } from '../../../types/trips.schema';
import { audit, auditTx } from '../../core/audit';
import { AppError, forbidden, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Filter } from '../../core/store/port';
import { authorityOf, notSelf, require } from '../../core/authority';
import { type OrgDoc, type UserDoc, canManage, scopeFilter } from '../../core/users';
import type { HandlerContext } from '../../core/wrapper';
import { maskName } from '../account/identity';
import {
  C,
  type CounterDoc,
  type DrawDoc,
  type SessionDoc,
  type SignupDoc,
  type TripDoc,
  type TripPersonDoc,
  dv,
  fields,
  getSession,
  getTrip,
  historyItem,
  sessionDoc,
  waitCounterIdOf,
} from './model';
import { DRAW_ALGORITHM, drawOrder, localDateOf, startOfLocalDay } from './rules';
import { expireDueOffers, fillFromPool, passPlace, releaseYear } from './signup';
import { sessionViewOf, sessionsOf, tripSummaryOf } from './views';

type TripFormOut = z.output<typeof tripForm>;

async function organisingOrg(ctx: HandlerContext): Promise<OrgDoc> {
  if (ctx.caller.staffOrg) return ctx.caller.staffOrg;
  if (!ctx.caller.roles.includes('admin')) throw forbidden('您的工作人员身份尚未绑定工会组织');
  const [root] = await ctx.store.find<OrgDoc>('orgs', { parentId: null }, { limit: 1 });
  if (!root) throw new AppError('trips.no_org', '尚未建立工会组织');
  return root;
}

async function managedTrip(ctx: HandlerContext, tripId: string): Promise<TripDoc> {
  const trip = await getTrip(ctx, tripId);
  if (!canManage(ctx.caller, trip.orgPath)) throw forbidden('这个疗休养不是您所在工会主办的');
  return trip;
}

async function managedSession(ctx: HandlerContext, sessionId: string): Promise<{ trip: TripDoc; session: SessionDoc }> {
  const session = await getSession(ctx, sessionId);
  return { trip: await managedTrip(ctx, session.tripId), session };
}

function tripFields(t: TripFormOut) {
  return {
    title: t.title,
    route: t.route,
    itinerary: t.itinerary,
    themes: t.themes,
    pictures: t.pictures,
    costNote: t.costNote ?? '',
    subsidyNote: t.subsidyNote ?? '',
    healthNote: t.healthNote ?? '',
    mode: t.mode,
    needsReview: t.needsReview,
    opensAt: new Date(t.opensAt).toISOString(),
    closesAt: new Date(t.closesAt).toISOString(),
    cancelDaysBefore: t.cancelDaysBefore,
    offerHours: t.offerHours,
    rules: t.rules,
  };
}

export async function createTrip(ctx: HandlerContext, form: TripFormOut) {
  const org = await organisingOrg(ctx);
  const at = ctx.now.toISOString();
  const tripId = newId('trip', 12);
  const sessions = form.sessions.map((s, i) => sessionDoc(tripId, org.path, i + 1, s, at));
  const trip: TripDoc = {
    _id: tripId,
    orgId: org._id,
    orgPath: org.path,
    orgName: org.name,
    ...tripFields(form),
    sessionIds: sessions.map((s) => s._id),
    status: 'draft',
    createdBy: ctx.caller.user?._id ?? '',
    createdAt: at,
    updatedAt: at,
    publishedAt: null,
    closedAt: null,
  };
  await ctx.store.transaction(async (tx) => {
    for (const s of sessions) {
      await tx.insert(C.sessions, s);
      await tx.insert<CounterDoc>(C.counters, { _id: waitCounterIdOf(s._id), sessionId: s._id, lastWaitNo: 0, left: 0 });
    }
    await tx.insert(C.trips, trip);
    await auditTx(tx, ctx, { targetType: 'trip', targetId: tripId, summary: `新建疗休养（草稿）：${trip.title}，${sessions.length} 个期次` });
  });
  return { tripId, status: trip.status };
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const k of Object.keys(after)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = { from: before[k] ?? null, to: after[k] };
  }
  return out;
}

export async function updateTrip(ctx: HandlerContext, input: { tripId: string; trip: TripFormOut; reason?: string }) {
  const trip = await managedTrip(ctx, input.tripId);
  if (trip.status === 'closed') throw new AppError('trips.closed', '已关闭的疗休养不能再修改');
  const form = input.trip;
  const next = tripFields(form);
  const published = trip.status === 'published';
  if (published && next.mode !== trip.mode) throw new AppError('trips.locked', '发布后不能修改报名方式');
  const at = ctx.now.toISOString();
  const existing = await sessionsOf(ctx, trip);
  const byId = new Map(existing.map((s) => [s._id, s]));
  const keptIds = new Set(form.sessions.map((s) => s.id).filter((id): id is string => !!id));
  for (const id of keptIds) if (!byId.has(id)) throw new AppError('validation', '期次不存在，请刷新后重试', [{ path: ['trip', 'sessions'], message: '期次不存在' }]);
  const removed = existing.filter((s) => !keptIds.has(s._id));
  if (published && removed.length > 0) throw new AppError('trips.locked', '已发布的期次不能删除，可以关闭报名');

  // Refuse a cut below the places already held before writing anything (the conditional update still guards races).
  for (const s of form.sessions) {
    const old = s.id ? byId.get(s.id) : undefined;
    if (old && s.places < old.places && old.placesLeft < old.places - s.places) {
      throw new AppError('trips.places_taken', `${old.label}已有 ${old.places - old.placesLeft} 人占用名额，名额不能少于这个数`);
    }
  }
  const sessionChanges: Record<string, unknown> = {};
  let nextN = Math.max(0, ...trip.sessionIds.map((id) => Number(id.split('_s').pop()) || 0)) + 1;
  const sessionIds: string[] = [];
  const grown: string[] = [];
  for (const s of form.sessions) {
    const old = s.id ? byId.get(s.id) : undefined;
    if (!old) {
      const doc = sessionDoc(trip._id, trip.orgPath, nextN++, s, at);
      await ctx.store.insert(C.sessions, doc);
      await ctx.store.set<CounterDoc>(C.counters, { _id: waitCounterIdOf(doc._id), sessionId: doc._id, lastWaitNo: 0, left: 0 });
      sessionIds.push(doc._id);
      sessionChanges[doc._id] = { added: { departDate: doc.departDate, places: doc.places } };
      continue;
    }
    sessionIds.push(old._id);
    const delta = s.places - old.places;
    const set = { label: s.label || old.label, departDate: s.departDate, returnDate: s.returnDate, updatedAt: at };
    // Fewer places only while enough are unheld: a conditional update, so a rush cannot slip under it.
    const filter: Filter = delta < 0 ? { _id: old._id, placesLeft: { $gte: -delta } } : { _id: old._id };
    const res = await ctx.store.update(C.sessions, filter, { $set: set, $inc: { places: delta, placesLeft: delta } });
    if (res.matched !== 1) throw new AppError('trips.places_taken', `${old.label}已有 ${old.places - old.placesLeft} 人占用名额，名额不能少于这个数`);
    const changed = diff(
      { label: old.label, departDate: old.departDate, returnDate: old.returnDate, places: old.places },
      { label: set.label, departDate: s.departDate, returnDate: s.returnDate, places: s.places },
    );
    if (Object.keys(changed).length > 0) sessionChanges[old._id] = changed;
    if (delta > 0) grown.push(old._id);
  }
  for (const s of removed) {
    await ctx.store.remove(C.sessions, { _id: s._id });
    sessionChanges[s._id] = { removed: true };
  }
  const res = await ctx.store.update(C.trips, { _id: trip._id, updatedAt: trip.updatedAt }, { $set: fields({ ...next, sessionIds, updatedAt: at }) });
  if (res.matched !== 1) throw new AppError('conflict', '其他人刚修改过这个疗休养，请刷新后重试');
  const before = tripFields({ ...trip, sessions: [] } as unknown as TripFormOut);
  const changes = { ...diff(before, next), ...(Object.keys(sessionChanges).length ? { sessions: sessionChanges } : {}) };
  await audit(ctx, {
    targetType: 'trip',
    targetId: trip._id,
    summary: published ? `修改已发布的疗休养：${Object.keys(changes).join('、') || '无变化'}` : '修改疗休养草稿',
    changes,
    ...(input.reason ? { reason: input.reason } : {}),
  });
  const updated = { ...trip, ...next, sessionIds };
  for (const id of grown) await fillFromPool(ctx, updated, id);
  return { tripId: trip._id, status: trip.status };
}

async function moveTrip(ctx: HandlerContext, tripId: string, from: TripStatus, to: TripStatus, summary: string, why?: string) {
  const trip = await managedTrip(ctx, tripId);
  const at = ctx.now.toISOString();
  const set = to === 'published' ? { status: to, publishedAt: at, updatedAt: at } : { status: to, closedAt: at, updatedAt: at };
  const res = await ctx.store.update(C.trips, { _id: trip._id, status: from }, { $set: fields(set) });
  if (res.matched !== 1) {
    throw new AppError('trips.wrong_status', from === 'draft' ? '只有草稿可以发布' : '只有已发布的疗休养可以关闭');
  }
  await audit(ctx, { targetType: 'trip', targetId: trip._id, summary: `${summary}：${trip.title}`, ...(why ? { reason: why } : {}) });
  return { tripId: trip._id, status: to };
}

export const publishTrip = (ctx: HandlerContext, tripId: string) => moveTrip(ctx, tripId, 'draft', 'published', '发布疗休养');
export const closeTrip = (ctx: HandlerContext, tripId: string, why?: string) => moveTrip(ctx, tripId, 'published', 'closed', '关闭报名', why);

export async function listManaged(ctx: HandlerContext, input: { status?: TripStatus }) {
  const filter: Filter = { ...scopeFilter(ctx.caller) };
  if (input.status) filter.status = input.status;
  const trips = await ctx.store.find<TripDoc>(C.trips, filter, { sort: { createdAt: -1 }, limit: 100 });
  const out = [];
  for (const t of trips) {
    out.push({ ...(await tripSummaryOf(ctx, t)), pendingReview: await ctx.store.count(C.signups, { tripId: t._id, status: 'pending_review' }) });
  }
  return { trips: out };
}

export async function getForEdit(ctx: HandlerContext, tripId: string) {
  const trip = await managedTrip(ctx, tripId);
  const sessions = await sessionsOf(ctx, trip);
  return {
    tripId: trip._id,
    status: trip.status,
    form: {
      title: trip.title,
      route: trip.route,
      itinerary: trip.itinerary,
      themes: trip.themes,
      pictures: trip.pictures,
      costNote: trip.costNote,
      subsidyNote: trip.subsidyNote,
      healthNote: trip.healthNote,
      mode: trip.mode,
      needsReview: trip.needsReview,
      opensAt: trip.opensAt,
      closesAt: trip.closesAt,
      cancelDaysBefore: trip.cancelDaysBefore,
      offerHours: trip.offerHours,
      rules: trip.rules,
      sessions: sessions.map((s) => ({ id: s._id, label: s.label, departDate: s.departDate, returnDate: s.returnDate, places: s.places })),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Roster, review, check-in

const STATUS_ORDER: SignupStatus[] = ['attended', 'confirmed', 'pending_review', 'offered', 'applied', 'waiting', 'placing', 'declined', 'offer_expired', 'rejected', 'cancelled'];

async function peopleOf(ctx: HandlerContext, ids: string[]) {
  const users = new Map<string, UserDoc>();
  const orgs = new Map<string, string>();
  for (const id of new Set(ids)) {
    const u = await ctx.store.get<UserDoc>('users', id);
    if (!u) continue;
    users.set(id, u);
    if (!orgs.has(u.orgId)) orgs.set(u.orgId, (await ctx.store.get<OrgDoc>('orgs', u.orgId))?.name ?? '');
  }
  /** Full contact details: only for staff of the organising subtree (roster, review queue). */
  const contactOf = (userId: string) => {
    const u = users.get(userId);
    return { name: u?.name ?? '', phone: u?.phone ?? '', orgName: u ? orgs.get(u.orgId) ?? '' : '', birthYear: u?.birthYear ?? 0 };
  };
  return { users, contactOf };
}

async function allSignups(ctx: HandlerContext, filter: Filter): Promise<SignupDoc[]> {
  const out: SignupDoc[] = [];
  for (let skip = 0; skip < 20_000; skip += 1000) {
    const page = await ctx.store.find<SignupDoc>(C.signups, filter, { sort: { _id: 1 }, limit: 1000, skip });
    out.push(...page);
    if (page.length < 1000) break;
  }
  return out;
}

export async function roster(ctx: HandlerContext, sessionId: string) {
  const { trip, session: before } = await managedSession(ctx, sessionId);
  if ((await expireDueOffers(ctx, trip._id)).expired > 0) Object.assign(before, await getSession(ctx, sessionId));
  const session = before;
  const signups = await allSignups(ctx, { sessionId });
  signups.sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || (a.waitNo ?? 0) - (b.waitNo ?? 0) || a.createdAt.localeCompare(b.createdAt));
  const { contactOf } = await peopleOf(ctx, signups.map((s) => s.userId));
  const rows = signups.map((s) => {
    return {
      signupId: s._id,
      userId: s.userId,
      ...contactOf(s.userId),
      emergencyName: s.form.emergencyName,
      emergencyPhone: s.form.emergencyPhone,
      emergencyRelation: s.form.emergencyRelation,
      healthNotes: s.form.healthNotes,
      status: s.status,
      statusText: SIGNUP_STATUS_LABELS[s.status],
      waitNo: s.waitNo,
      drawRank: s.drawRank,
      priority: s.priority,
      signedUpAt: s.createdAt,
      checkedInAt: s.checkedInAt,
    };
  });
  return { tripId: trip._id, tripTitle: trip.title, session: await sessionViewOf(ctx, trip, session), rows };
}

export async function reviewQueue(ctx: HandlerContext, input: { tripId?: string }) {
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

async function managedSignup(ctx: HandlerContext, signupId: string): Promise<{ s: SignupDoc; trip: TripDoc }> {
  const s = await ctx.store.get<SignupDoc>(C.signups, signupId);
  if (!s) throw notFound('没有找到这条报名');
  const trip = await managedTrip(ctx, s.tripId);
  // No one decides about their own sign-up, nor about a person holding a post at the caller's org or above.
  notSelf(ctx.caller, s.userId, '不能审核或签到自己的报名，请由其他工作人员办理');
  const person = await ctx.store.get<UserDoc>('users', s.userId);
  if (person) require(await authorityOf(ctx).outranks(person));
  return { s, trip };
}

export async function review(ctx: HandlerContext, input: { signupId: string; decision: 'approve' | 'reject'; reason?: string }) {
  const { s, trip } = await managedSignup(ctx, input.signupId);
  if (s.status !== 'pending_review') throw new AppError('trips.not_pending', `这条报名是“${SIGNUP_STATUS_LABELS[s.status]}”，不在待审核状态`);
  const approve = input.decision === 'approve';
  const to: SignupStatus = approve ? 'confirmed' : 'rejected';
  const note = approve ? '工会审核通过，报名成功' : `工会审核未通过：${input.reason}`;
  const res = await ctx.store.update(
    C.signups,
    { _id: s._id, status: 'pending_review', round: s.round },
    { $set: { status: to, updatedAt: ctx.now.toISOString() }, $push: { history: dv(historyItem(ctx, to, note)) } },
  );
  if (res.matched !== 1) throw new AppError('conflict', '这条报名刚被处理过，请刷新后查看');
  await audit(ctx, { targetType: 'trip_signup', targetId: s._id, summary: approve ? '审核通过报名' : '审核不通过报名', ...(input.reason ? { reason: input.reason } : {}) });
  if (!approve) {
    await releaseYear(ctx, s.yearClaimId, s.token);
    await passPlace(ctx, trip, s.sessionId);
  }
  return { signupId: s._id, status: to };
}

export async function checkIn(ctx: HandlerContext, signupId: string) {
  const { s } = await managedSignup(ctx, signupId);
  const session = await getSession(ctx, s.sessionId);
  const today = localDateOf(ctx.now);
  const dayBefore = localDateOf(new Date(startOfLocalDay(session.departDate).getTime() - 86_400_000));
  if (today < dayBefore || today > session.returnDate) throw new AppError('trips.not_departure', '只能在出发前一天到返回当天之间签到');
  if (s.status !== 'confirmed') throw new AppError('trips.not_confirmed', `这条报名是“${SIGNUP_STATUS_LABELS[s.status]}”，不能签到`);
  const at = ctx.now.toISOString();
  const res = await ctx.store.update(
    C.signups,
    { _id: s._id, status: 'confirmed', round: s.round },
    { $set: { status: 'attended', checkedInAt: at, updatedAt: at }, $push: { history: dv(historyItem(ctx, 'attended', '出发签到')) } },
  );
  if (res.matched !== 1) throw new AppError('conflict', '这条报名刚被处理过，请刷新后查看');
  // Participation, for the "not been recently" priority of later trips.
  const pushed = await ctx.store.update(C.people, { _id: s.userId }, { $push: { attendedDates: session.departDate } });
  if (pushed.matched === 0) {
    try {
      await ctx.store.insert<TripPersonDoc>(C.people, { _id: s.userId, attendedDates: [session.departDate] });
    } catch {
      await ctx.store.update(C.people, { _id: s.userId }, { $push: { attendedDates: session.departDate } });
    }
  }
  await audit(ctx, { targetType: 'trip_signup', targetId: s._id, summary: '出发签到' });
  return { signupId: s._id, status: 'attended' as const, checkedInAt: at };
}

// ---------------------------------------------------------------------------------------------------------
// The draw

export async function runDraw(ctx: HandlerContext, input: { sessionId: string; seed?: string }) {
  const { trip, session } = await managedSession(ctx, input.sessionId);
  if (trip.mode !== 'lottery') throw new AppError('trips.not_lottery', '这个疗休养是先到先得，不需要抽签');
  if (trip.status === 'draft') throw new AppError('trips.wrong_status', '疗休养尚未发布');
  if (ctx.now.getTime() < Date.parse(trip.closesAt)) throw new AppError('trips.draw_too_early', '报名截止后才能抽签');
  const seed = input.seed ?? randomBytes(16).toString('hex');
  const at = ctx.now.toISOString();
  // The draw happens once per session: the conditional update is the claim.
  const claimed = await ctx.store.update(C.sessions, { _id: session._id, drawnAt: null }, { $set: { drawnAt: at, drawSeed: seed, updatedAt: at } });
  if (claimed.matched !== 1) throw new AppError('trips.already_drawn', '这个期次已经抽过签了');

  const applicants = await allSignups(ctx, { sessionId: session._id, status: 'applied' });
  const ordered = drawOrder(seed, applicants);
  const { users } = await peopleOf(ctx, applicants.map((a) => a.userId));
  let winners = 0;
  const entries: DrawDoc['entries'] = [];
  for (const [i, s] of ordered.entries()) {
    const rank = i + 1;
    let won = false;
    if (winners < session.places) {
      const took = await ctx.store.update(C.sessions, { _id: session._id, placesLeft: { $gt: 0 } }, { $inc: { placesLeft: -1 } });
      won = took.matched === 1;
    }
    const to: SignupStatus = won ? (trip.needsReview ? 'pending_review' : 'confirmed') : 'waiting';
    const note = won ? (trip.needsReview ? `抽签第 ${rank} 位，中签，等待工会审核` : `抽签第 ${rank} 位，中签`) : `抽签第 ${rank} 位，未中签，按抽签顺序候补`;
    const res = await ctx.store.update(
      C.signups,
      { _id: s._id, status: 'applied', round: s.round },
      { $set: { status: to, drawRank: rank, waitNo: won ? null : rank, updatedAt: at }, $push: { history: dv(historyItem(ctx, to, note)) } },
    );
    if (res.matched !== 1 && won) await ctx.store.update(C.sessions, { _id: session._id }, { $inc: { placesLeft: 1 } });
    if (res.matched === 1 && won) winners++;
    entries.push({ ticket: s.ticket, weight: s.weight, nameMasked: maskName(users.get(s.userId)?.name ?? ''), rank, won: won && res.matched === 1 });
  }
  // Waiting numbers follow the draw order (rank), so any later joiner continues after the last drawn rank.
  await ctx.store.set<CounterDoc>(C.counters, { _id: waitCounterIdOf(session._id), sessionId: session._id, lastWaitNo: ordered.length, left: winners });
  const draw: DrawDoc = { _id: session._id, sessionId: session._id, tripId: trip._id, seed, places: session.places, drawnAt: at, entries };
  await ctx.store.set(C.draws, draw);
  await audit(ctx, {
    targetType: 'trip_session',
    targetId: session._id,
    summary: `抽签：${applicants.length} 人报名，${winners} 人中签，其余按顺序候补`,
    changes: { seed, applicants: applicants.length, winners },
  });
  return drawView(draw);
}

function drawView(d: DrawDoc) {
  return { sessionId: d.sessionId, seed: d.seed, algorithm: DRAW_ALGORITHM, places: d.places, drawnAt: d.drawnAt, entries: d.entries };
}

export async function drawResult(ctx: HandlerContext, sessionId: string) {
  const d = await ctx.store.get<DrawDoc>(C.draws, sessionId);
  if (!d) throw new AppError('trips.not_drawn', '这个期次还没有抽签');
  return drawView(d);
}
