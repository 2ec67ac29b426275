/** The roster of a session — full contacts, for staff of the organising subtree only — and its Excel export. */
import { SIGNUP_STATUS_LABELS, type SignupStatus } from '../../../types/trips.schema';
import { formatInstant } from '../../../types/time';
import type { HandlerContext, MemberContext } from '../../core/context';
import type { Filter } from '../../core/store/port';
import { sheetFile } from '../../core/sheets';
import type { OrgDoc, UserDoc } from '../../core/users';
import { managedTrip } from './edit';
import { C, type SessionDoc, type SignupDoc, getSession } from './model';
import { expireDueOffers } from './places';
import { reconcileSession } from './recover';
import { sessionViewOf } from './views';

const STATUS_ORDER: SignupStatus[] = ['attended', 'confirmed', 'pending_review', 'offered', 'applied', 'waiting', 'placing', 'declined', 'offer_expired', 'rejected', 'cancelled'];

export async function peopleOf(ctx: HandlerContext, ids: string[]) {
  const users = new Map<string, UserDoc>();
  const orgs = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 1000) {
    for (const u of await ctx.store.find<UserDoc>('users', { _id: { $in: unique.slice(i, i + 1000) } }, { limit: 1000 })) users.set(u._id, u);
  }
  const orgIds = [...new Set([...users.values()].map((u) => u.orgId))];
  for (const o of orgIds.length ? await ctx.store.find<OrgDoc>('orgs', { _id: { $in: orgIds } }, { limit: 1000 }) : []) orgs.set(o._id, o.name);
  /** Full contact details: only for staff of the organising subtree (roster, review queue). */
  const contactOf = (userId: string) => {
    const u = users.get(userId);
    return { name: u?.name ?? '', phone: u?.phone ?? '', orgName: u ? orgs.get(u.orgId) ?? '' : '', birthYear: u?.birthYear ?? 0 };
  };
  return { users, contactOf };
}

export async function allSignups(ctx: HandlerContext, filter: Filter): Promise<SignupDoc[]> {
  const out: SignupDoc[] = [];
  for (let skip = 0; skip < 20_000; skip += 1000) {
    const page = await ctx.store.find<SignupDoc>(C.signups, filter, { sort: { _id: 1 }, limit: 1000, skip });
    out.push(...page);
    if (page.length < 1000) break;
  }
  return out;
}

export async function roster(ctx: MemberContext, sessionId: string) {
  const session0 = await getSession(ctx, sessionId);
  const trip = await managedTrip(ctx, session0.tripId);
  // Reading the roster settles what is due: expired offers pass on, and anything a crash left half-done is finished.
  await expireDueOffers(ctx, trip._id);
  await reconcileSession(ctx, trip, sessionId);
  const session = (await ctx.store.get<SessionDoc>(C.sessions, sessionId)) ?? session0;
  const signups = await allSignups(ctx, { sessionId });
  signups.sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || (a.waitNo ?? 0) - (b.waitNo ?? 0) || a.createdAt.localeCompare(b.createdAt));
  const { contactOf } = await peopleOf(ctx, signups.map((s) => s.userId));
  const rows = signups.map((s) => ({
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
  }));
  return { tripId: trip._id, tripTitle: trip.title, session: await sessionViewOf(ctx, trip, session), rows };
}

export async function exportRoster(ctx: MemberContext, sessionId: string) {
  const r = await roster(ctx, sessionId);
  const safeTitle = r.tripTitle.replace(/[\\/:*?"<>|\s]+/g, '');
  return sheetFile(ctx, {
    fileName: `${safeTitle}-${r.session.label}-${r.session.departDate}-名单.xlsx`,
    sheetName: '名单',
    columns: [
      { header: '序号', key: 'n', width: 6 },
      { header: '姓名', key: 'name', width: 10 },
      { header: '手机号', key: 'phone', width: 14 },
      { header: '所在工会', key: 'orgName', width: 28 },
      { header: '出生年份', key: 'birthYear', width: 9 },
      { header: '紧急联系人', key: 'emergencyName', width: 10 },
      { header: '紧急联系电话', key: 'emergencyPhone', width: 14 },
      { header: '关系', key: 'emergencyRelation', width: 8 },
      { header: '健康情况', key: 'healthNotes', width: 24 },
      { header: '状态', key: 'statusText', width: 18 },
      { header: '候补号', key: 'waitNo', width: 8 },
      { header: '抽签名次', key: 'drawRank', width: 8 },
      { header: '报名时间', key: 'signedUpAt', width: 18 },
      { header: '签到时间', key: 'checkedInAt', width: 18 },
    ],
    rows: r.rows.map((row, i) => ({
      ...row,
      n: i + 1,
      waitNo: row.waitNo ?? '',
      drawRank: row.drawRank ?? '',
      signedUpAt: formatInstant(row.signedUpAt),
      checkedInAt: row.checkedInAt ? formatInstant(row.checkedInAt) : '',
    })),
  });
}
