/**
 * 疗休养 in the staff workspace (ADR 0017): the figures a union reports upward, the open tasks, and a sign-up's
 * trail. Every figure comes from indexed queries: trips by organiser (`orgPath`), sessions by id, sign-ups counted by
 * session and status (`session_status_wait`) or by organiser, status and departure (`scope_status`); the places a
 * session holds are its quota (`places − placesLeft`), kept by every change.
 */
import type { FigureTable, FiguresOutput, TodoOutput, TrailOutput } from '../../../types/dashboard';
import { SIGNUP_STATUS_LABELS, type SignupStatus } from '../../../types/trips.schema';
import { signupWorkflow } from '../../../types/trips.workflow';
import { formatDate } from '../../../types/time';
import { maskName } from '../../../types/mask';
import { authorityOf, require } from '../../core/authority';
import type { MemberContext } from '../../core/context';
import { monthOfDate, periodOf, scopeOrg, trailOf } from '../../core/workspace';
import type { UserDoc } from '../../core/users';
import { managedTrip } from './edit';
import { C, type SessionDoc, type SignupDoc, type TripDoc, getSignup } from './model';

const STATUSES: SignupStatus[] = ['confirmed', 'attended', 'pending_review', 'offered', 'waiting', 'applied', 'cancelled', 'rejected', 'declined', 'offer_expired'];

async function tripsOf(ctx: MemberContext, orgId: string): Promise<TripDoc[]> {
  const out: TripDoc[] = [];
  for (let skip = 0; skip < 20_000; skip += 1000) {
    const page = await ctx.store.find<TripDoc>(C.trips, { orgPath: orgId, status: { $in: ['published', 'closed'] } }, { sort: { createdAt: -1 }, limit: 1000, skip, projection: { title: 1, sessions: 1, status: 1, orgId: 1, mode: 1, closesAt: 1 } });
    out.push(...page);
    if (page.length < 1000) break;
  }
  return out;
}

export async function tripFigures(ctx: MemberContext, input: { orgId?: string; from: string; to: string }): Promise<FiguresOutput> {
  const org = await scopeOrg(ctx, input.orgId);
  const period = periodOf(input.from, input.to);
  const trips = await tripsOf(ctx, org._id);
  const inPeriod = trips.flatMap((t) => t.sessions.filter((s) => s.departDate >= period.fromDate && s.departDate <= period.toDate).map((s) => ({ trip: t, info: s })));
  const sessions = new Map<string, SessionDoc>();
  const ids = inPeriod.map((x) => x.info.id);
  for (let i = 0; i < ids.length; i += 500) {
    for (const s of await ctx.store.find<SessionDoc>(C.sessions, { _id: { $in: ids.slice(i, i + 500) } }, { limit: 500, projection: { places: 1, placesLeft: 1, label: 1, departDate: 1 } })) sessions.set(s._id, s);
  }
  const rows = [];
  let places = 0;
  let filled = 0;
  let waiting = 0;
  let attended = 0;
  const byMonth = new Map<string, [number, number, number, number]>(period.months.map((m) => [m, [0, 0, 0, 0]]));
  for (const { trip, info } of inPeriod.sort((a, b) => a.info.departDate.localeCompare(b.info.departDate))) {
    const s = sessions.get(info.id);
    if (!s) continue;
    const [w, a] = await Promise.all([
      ctx.store.count(C.signups, { sessionId: s._id, status: 'waiting' }),
      ctx.store.count(C.signups, { sessionId: s._id, status: 'attended' }),
    ]);
    const held = s.places - s.placesLeft;
    places += s.places;
    filled += held;
    waiting += w;
    attended += a;
    const m = byMonth.get(monthOfDate(info.departDate));
    if (m) {
      m[0]++;
      m[1] += s.places;
      m[2] += held;
      m[3] += a;
    }
    rows.push({ label: `${trip.title} ${info.label}（${formatDate(info.departDate)}）`, values: [s.places, held, w, a] });
  }
  const statusCounts = await Promise.all(
    STATUSES.map((status) => ctx.store.count(C.signups, { tripOrgPath: org._id, status, departDate: { $gte: period.fromDate, $lte: period.toDate } })),
  );
  const tables: FigureTable[] = [
    {
      key: 'trips_by_month',
      title: '每月出发的期次与名额',
      note: '按出发日期所在月份统计本工会及下级工会主办的期次；已占名额含待审核与待确认。',
      rowLabel: '月份',
      columns: ['期次', '名额', '已占名额', '签到人数'],
      rows: period.months.map((month) => ({ label: `${Number(month.slice(0, 4))}年${Number(month.slice(5))}月`, values: byMonth.get(month)! })),
      chart: 'column',
      unit: '个',
    },
    {
      key: 'sessions',
      title: '各期次名额、候补与签到',
      note: '每个期次的名额、已占名额、正在候补的人数和出发签到人数。',
      rowLabel: '期次',
      columns: ['名额', '已占名额', '候补', '签到'],
      rows,
      chart: 'column',
      unit: '人',
    },
    {
      key: 'signup_status',
      title: '报名状态',
      note: '本期出发的期次的报名，按当前状态。',
      rowLabel: '状态',
      columns: ['人数'],
      rows: STATUSES.map((s, i) => ({ label: SIGNUP_STATUS_LABELS[s], values: [statusCounts[i]] })).filter((r) => r.values[0] > 0),
      chart: 'pie',
      unit: '人',
    },
  ];
  return {
    feature: 'trips',
    title: '疗休养',
    orgId: org._id,
    orgName: org.name,
    from: input.from,
    to: input.to,
    headlines: [
      { label: '出发期次', value: rows.length, unit: '期' },
      { label: '名额', value: places, unit: '个' },
      { label: '已占名额', value: filled, unit: '个' },
      { label: '候补', value: waiting, unit: '人' },
      { label: '签到出发', value: attended, unit: '人' },
    ],
    tables,
  };
}

/** Open tasks: sign-ups to review (oldest first, overdue past the state's limit), offers about to expire, draws due. */
export async function tripTodo(ctx: MemberContext, input: { orgId?: string }): Promise<TodoOutput> {
  const org = await scopeOrg(ctx, input.orgId);
  const nowIso = ctx.now.toISOString();
  const reviewLimit = new Date(ctx.now.getTime() - (signupWorkflow.states.pending_review.maxHours ?? 72) * 3600_000).toISOString();
  const soon = new Date(ctx.now.getTime() + 12 * 3600_000).toISOString();
  const pending = { tripOrgPath: org._id, status: 'pending_review' };
  const expiring = { tripOrgPath: org._id, status: 'offered', offerExpiresAt: { $gt: nowIso, $lte: soon } };
  const [reviews, oldestReview, overdueReviews, offers, oldestOffer] = await Promise.all([
    ctx.store.count(C.signups, pending),
    ctx.store.find<SignupDoc>(C.signups, pending, { sort: { updatedAt: 1 }, limit: 1, projection: { updatedAt: 1 } }),
    ctx.store.count(C.signups, { ...pending, updatedAt: { $lt: reviewLimit } }),
    ctx.store.count(C.signups, expiring),
    ctx.store.find<SignupDoc>(C.signups, expiring, { sort: { offerExpiresAt: 1 }, limit: 1, projection: { offerExpiresAt: 1 } }),
  ]);
  // Lottery sessions whose sign-up has closed and that have not been drawn.
  const trips = await tripsOf(ctx, org._id);
  const dueDraws: { at: string }[] = [];
  for (const t of trips) {
    if (t.mode !== 'lottery' || t.closesAt > nowIso) continue;
    for (const s of t.sessions) {
      const doc = await ctx.store.get<SessionDoc>(C.sessions, s.id);
      if (doc && !doc.drawnAt && s.departDate >= nowIso.slice(0, 10)) dueDraws.push({ at: t.closesAt });
    }
  }
  dueDraws.sort((a, b) => a.at.localeCompare(b.at));
  const items = [
    { key: 'trip_reviews', title: '待审核的报名', count: reviews, oldestAt: oldestReview[0]?.updatedAt ?? null, overdue: overdueReviews, note: '占着名额等待审核，超过 3 天未审核算超时。', link: '/pkg-trips/review/index' },
    { key: 'trip_offers_expiring', title: '12 小时内到期的候补名额', count: offers, oldestAt: oldestOffer[0]?.offerExpiresAt ?? null, overdue: 0, note: '候补职工尚未确认，到期后名额自动顺延；可电话提醒。', link: '/pkg-trips/manage/index' },
    { key: 'trip_draws_due', title: '报名已截止、尚未抽签的期次', count: dueDraws.length, oldestAt: dueDraws[0]?.at ?? null, overdue: dueDraws.length, note: '请尽快抽签并公布结果。', link: '/pkg-trips/manage/index' },
  ];
  return { feature: 'trips', title: '疗休养', items: items.filter((i) => i.count > 0).sort((a, b) => (a.oldestAt ?? '').localeCompare(b.oldestAt ?? '')) };
}

/** A sign-up's history for staff of the organising union who may act on its person. */
export async function signupTrail(ctx: MemberContext, signupId: string): Promise<TrailOutput> {
  const s = await getSignup(ctx, signupId);
  const trip = await managedTrip(ctx, s.tripId);
  const person = await ctx.store.get<UserDoc>('users', s.userId);
  if (person) require(await authorityOf(ctx).mayActOnPerson(person));
  return {
    title: `疗休养报名：${trip.title}`,
    subject: maskName(person?.name ?? ''),
    status: SIGNUP_STATUS_LABELS[s.status],
    entries: await trailOf(ctx, [s._id], s.userId),
    views: null,
  };
}
