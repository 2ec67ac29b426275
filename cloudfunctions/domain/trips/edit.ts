/**
 * Staff side of a trip itself: draft, edit (audited after publishing), publish and close — each a single step: the
 * trip, its sessions and its audit entry are written in one transaction, and status moves go through the trip
 * workflow.
 */
import { tripWorkflow } from '../../../types/trips.workflow';
import { covers } from '../../core/authority';
import { auditTx } from '../../core/audit';
import type { Input, MemberContext } from '../../core/context';
import { AppError, forbidden } from '../../core/errors';
import { newId } from '../../core/ids';
import { landed } from '../../core/requests';
import { type Filter, fields } from '../../core/store/port';
import { type OrgDoc, scopeFilter } from '../../core/users';
import { auditIdOf, firstHistory, move } from '../../core/workflow';
import { C, type CounterDoc, type SessionDoc, type TripDoc, getTrip, sessionDoc, sessionInfoOf, waitCounterIdOf } from './model';
import { fillFromPool } from './places';
import { sessionsOf, tripSummaryOf } from './views';

type TripFormOut = Input<'trips', 'createTrip'>['trip'];

async function organisingOrg(ctx: MemberContext): Promise<OrgDoc> {
  if (ctx.caller.staffOrg) return ctx.caller.staffOrg;
  if (!ctx.caller.roles.includes('admin')) throw forbidden('您的工作人员身份尚未绑定工会组织');
  const [root] = await ctx.store.find<OrgDoc>('orgs', { parentId: null }, { limit: 1 });
  if (!root) throw new AppError('trips.no_org', '尚未建立工会组织');
  return root;
}

export async function managedTrip(ctx: MemberContext, tripId: string): Promise<TripDoc> {
  const trip = await getTrip(ctx, tripId);
  if (!covers(ctx.caller, trip.orgPath)) throw forbidden('这个疗休养不是您所在工会主办的');
  return trip;
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

export async function createTrip(ctx: MemberContext, form: Input<'trips', 'createTrip'>['trip']) {
  // A retry of the call that created it (and died before answering) answers with that trip.
  const done = await landed(ctx);
  if (done) return { tripId: done.targetId, status: (await getTrip(ctx, done.targetId)).status };
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
    sessions: sessions.map(sessionInfoOf),
    status: 'draft',
    version: 1,
    history: [firstHistory(ctx, 'draft', '新建草稿')],
    createdBy: ctx.caller.user._id,
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
    await auditTx(tx, ctx, { id: auditIdOf(C.trips, tripId, 1), targetType: 'trip', targetId: tripId, summary: `新建疗休养（草稿）：${trip.title}，${sessions.length} 个期次` });
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

/**
 * Edits a trip and its sessions in one transaction (a place cut is refused while the places are held: the session
 * is read inside the transaction, so a rush cannot slip under it). Places added are then offered to the queue.
 */
export async function updateTrip(ctx: MemberContext, input: Input<'trips', 'updateTrip'>) {
  const trip = await managedTrip(ctx, input.tripId);
  if (await landed(ctx)) return { tripId: trip._id, status: trip.status };
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
  const taken = (s: SessionDoc) => new AppError('trips.places_taken', `${s.label}已有 ${s.places - s.placesLeft} 人占用名额，名额不能少于这个数`);
  for (const s of form.sessions) {
    const old = s.id ? byId.get(s.id) : undefined;
    if (old && s.places < old.places && old.placesLeft < old.places - s.places) throw taken(old);
  }

  const firstNewN = Math.max(0, ...trip.sessionIds.map((id) => Number(id.split('_s').pop()) || 0)) + 1;
  const grown: string[] = [];
  await ctx.store.transaction(async (tx) => {
    const current = await tx.get<TripDoc>(C.trips, trip._id);
    if (!current || current.version !== trip.version) throw new AppError('conflict', '其他人刚修改过这个疗休养，请刷新后重试');
    const sessionChanges: Record<string, unknown> = {};
    const sessions: SessionDoc[] = [];
    let n = firstNewN;
    for (const s of form.sessions) {
      const old = s.id ? await tx.get<SessionDoc>(C.sessions, s.id) : null;
      if (!old) {
        const doc = sessionDoc(trip._id, trip.orgPath, n++, s, at);
        await tx.insert(C.sessions, doc);
        await tx.set<CounterDoc>(C.counters, { _id: waitCounterIdOf(doc._id), sessionId: doc._id, lastWaitNo: 0, left: 0 });
        sessions.push(doc);
        sessionChanges[doc._id] = { added: { departDate: doc.departDate, places: doc.places } };
        continue;
      }
      const delta = s.places - old.places;
      if (delta < 0 && old.placesLeft < -delta) throw taken(old);
      const label = s.label || old.label;
      await tx.update(C.sessions, old._id, { $set: { label, departDate: s.departDate, returnDate: s.returnDate, updatedAt: at, touchedAt: at }, $inc: { places: delta, placesLeft: delta } });
      sessions.push({ ...old, label, departDate: s.departDate, returnDate: s.returnDate, places: s.places });
      const changed = diff(
        { label: old.label, departDate: old.departDate, returnDate: old.returnDate, places: old.places },
        { label, departDate: s.departDate, returnDate: s.returnDate, places: s.places },
      );
      if (Object.keys(changed).length > 0) sessionChanges[old._id] = changed;
      if (delta > 0) grown.push(old._id);
    }
    for (const s of removed) {
      await tx.remove(C.sessions, s._id);
      sessionChanges[s._id] = { removed: true };
    }
    const before = tripFields({ ...trip, sessions: [] } as unknown as TripFormOut);
    const all = { ...diff(before, next), ...(Object.keys(sessionChanges).length ? { sessions: sessionChanges } : {}) };
    const version = trip.version + 1;
    await tx.update(C.trips, trip._id, { $set: fields({ ...next, sessionIds: sessions.map((s) => s._id), sessions: sessions.map(sessionInfoOf), version, updatedAt: at }) });
    await auditTx(tx, ctx, {
      id: auditIdOf(C.trips, trip._id, version),
      targetType: 'trip',
      targetId: trip._id,
      summary: published ? `修改已发布的疗休养：${Object.keys(all).join('、') || '无变化'}` : '修改疗休养草稿',
      changes: all,
      ...(input.reason ? { reason: input.reason } : {}),
    });
  });
  const updated = { ...trip, ...next };
  for (const id of grown) await fillFromPool(ctx, updated, id);
  return { tripId: trip._id, status: trip.status };
}

export async function publishTrip(ctx: MemberContext, tripId: string) {
  const trip = await managedTrip(ctx, tripId);
  const at = ctx.now.toISOString();
  const after = await move(ctx, tripWorkflow, C.trips, trip, 'publish', {
    set: { publishedAt: at },
    summary: `发布疗休养：${trip.title}`,
    wrongState: () => new AppError('trips.wrong_status', '只有草稿可以发布'),
  });
  return { tripId: after._id, status: after.status };
}

export async function closeTrip(ctx: MemberContext, tripId: string, why?: string) {
  const trip = await managedTrip(ctx, tripId);
  const after = await move(ctx, tripWorkflow, C.trips, trip, 'close', {
    set: { closedAt: ctx.now.toISOString() },
    ...(why ? { reason: why } : {}),
    summary: `关闭报名：${trip.title}`,
    wrongState: () => new AppError('trips.wrong_status', '只有已发布的疗休养可以关闭'),
  });
  return { tripId: after._id, status: after.status };
}

export async function listManaged(ctx: MemberContext, input: Input<'trips', 'listManaged'>) {
  const filter: Filter = { ...scopeFilter(ctx.caller) };
  if (input.status) filter.status = input.status;
  const trips = await ctx.store.find<TripDoc>(C.trips, filter, { sort: { createdAt: -1 }, limit: 100 });
  const out = [];
  for (const t of trips) {
    out.push({ ...(await tripSummaryOf(ctx, t)), pendingReview: await ctx.store.count(C.signups, { tripId: t._id, status: 'pending_review' }) });
  }
  return { trips: out };
}

export async function getForEdit(ctx: MemberContext, tripId: string) {
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
