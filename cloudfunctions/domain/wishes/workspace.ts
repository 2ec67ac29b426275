/**
 * 微心愿 in the staff workspace (ADR 0017): wishes of the subtree's households collected, published, claimed and
 * completed per month, their current states, stuck wishes, active volunteers and points; the open tasks (to vet, to
 * confirm, stuck, claims near their deadline); a wish's trail. The subtree is the household's union (`orgPath`);
 * counts are indexed (`scope_status`, `vet_status`, `claim_due`); each step's records of the period are one pass
 * along its time index (`created_at`, `published_at`, `claimed_at`, `completed_at`; core/workspace-scan.ts) reading
 * only the fields counted, bucketed by month; the points table is `wish_points.scope_total`.
 */
import type { FigureTable, FiguresOutput, TodoOutput, TrailOutput } from '../../../types/dashboard';
import { maskName } from '../../../types/mask';
import { localDateOf } from '../../../types/time';
import { WISH_STATUSES, WISH_STATUS_LABELS } from '../../../types/wishes.schema';
import { wishWorkflow } from '../../../types/wishes.workflow';
import { authorityOf, covers, require } from '../../core/authority';
import type { MemberContext } from '../../core/context';
import { forbidden, notFound } from '../../core/errors';
import type { Filter } from '../../core/store/port';
import type { UserDoc } from '../../core/users';
import { periodOf, scopeOrg, trailOf } from '../../core/workspace';
import { periodScan } from '../../core/workspace-scan';
import { C, DAY_MS, type PointsDoc, type WishDoc } from './model';

/** Claims whose deadline falls within this many days are listed as due. */
export const CLAIM_TODO_DAYS = 2;
const HOURS = (h: number | undefined, fallback: number) => (h ?? fallback) * 3600_000;

const monthLabel = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`;

/** A wish waiting in the pool that nobody takes: released before, or past the date it was needed by. */
export const stuckFilter = (today: string): Filter => ({ status: 'published', $or: [{ releases: { $gt: 0 } }, { neededBy: { $lt: today } }] });

export async function wishFigures(ctx: MemberContext, input: { orgId?: string; from: string; to: string }): Promise<FiguresOutput> {
  const org = await scopeOrg(ctx, input.orgId);
  const period = periodOf(input.from, input.to);
  const scope = { orgPath: org._id };
  const today = localDateOf(ctx.now);
  // Each step's records of the period: one pass along its time index, bucketed by month here (core/workspace-scan.ts).
  const scan = <T extends { _id: string }>(field: string, projection: Record<string, 1>) => periodScan<T & { orgPath?: string[] }>(ctx.store, C.wishes, field, period, org._id, projection);
  const byMonth = <T>(docs: T[], at: (d: T) => string | null | undefined) =>
    period.months.map((m) => {
      const p = periodOf(m, m);
      return docs.filter((d) => { const t = at(d); return !!t && t >= p.fromAt && t < p.untilAt; });
    });
  const [byStatus, createdDocs, publishedDocs, claimedDocs, completedDocs, stuck, top] = await Promise.all([
    Promise.all(WISH_STATUSES.map((status) => ctx.store.count(C.wishes, { ...scope, status }))),
    scan<Pick<WishDoc, '_id' | 'createdAt'>>('createdAt', { createdAt: 1 }),
    scan<Pick<WishDoc, '_id' | 'publishedAt'>>('publishedAt', { publishedAt: 1 }),
    scan<Pick<WishDoc, '_id' | 'claim'>>('claim.at', { claim: 1 }),
    scan<Pick<WishDoc, '_id' | 'completedAt' | 'points' | 'volunteerId' | 'fulfilledBy'>>('completedAt', { completedAt: 1, points: 1, volunteerId: 1, fulfilledBy: 1 }),
    ctx.store.count(C.wishes, { ...scope, ...stuckFilter(today) }),
    ctx.store.find<PointsDoc>(C.points, { orgPath: org._id }, { sort: { total: -1 }, limit: 10, projection: { name: 1, orgName: 1, total: 1, completed: 1 } }),
  ]);
  const created = byMonth(createdDocs, (d) => d.createdAt).map((d) => d.length);
  const published = byMonth(publishedDocs, (d) => d.publishedAt).map((d) => d.length);
  const claimed = byMonth(claimedDocs, (d) => d.claim?.at).map((d) => d.length);
  const completed = byMonth(completedDocs, (d) => d.completedAt).map((d) => d.length);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const volunteers = new Set([...claimedDocs.map((w) => w.claim?.volunteerId), ...completedDocs.filter((w) => w.fulfilledBy === 'volunteer').map((w) => w.volunteerId)].filter((x): x is string => !!x));
  const points = sum(completedDocs.map((w) => w.points ?? 0));
  const count = (s: (typeof WISH_STATUSES)[number]) => byStatus[WISH_STATUSES.indexOf(s)];
  const tables: FigureTable[] = [
    {
      key: 'wishes_by_month',
      title: '每月心愿登记、发布、认领与完成',
      note: '按登记、审核发布、（最近一次）认领和确认完成的时间所在月份，统计本辖区困难职工家庭的心愿。',
      rowLabel: '月份',
      columns: ['登记', '发布', '认领', '完成'],
      rows: period.months.map((m, i) => ({ label: monthLabel(m), values: [created[i], published[i], claimed[i], completed[i]] })),
      chart: 'line',
      unit: '个',
    },
    {
      key: 'wish_status',
      title: '心愿当前状态',
      note: '本辖区困难职工家庭的全部心愿，按当前状态。',
      rowLabel: '状态',
      columns: ['个数'],
      rows: WISH_STATUSES.map((s, i) => ({ label: WISH_STATUS_LABELS[s], values: [byStatus[i]] })).filter((r) => r.values[0] > 0),
      chart: 'pie',
      unit: '个',
    },
    {
      key: 'volunteer_points',
      title: '志愿积分前十名',
      note: '本辖区志愿者（按志愿者所在工会）累计获得的志愿积分，每个完成的心愿只记一次。',
      rowLabel: '志愿者',
      columns: ['积分', '完成心愿'],
      rows: top.map((p) => ({ label: p.orgName ? `${maskName(p.name)}（${p.orgName}）` : maskName(p.name), values: [p.total, p.completed] })),
      chart: 'column',
      unit: '分',
    },
  ];
  return {
    feature: 'wishes',
    title: '微心愿',
    orgId: org._id,
    orgName: org.name,
    from: input.from,
    to: input.to,
    headlines: [
      { label: '本期登记', value: sum(created), unit: '个' },
      { label: '本期发布', value: sum(published), unit: '个' },
      { label: '本期认领', value: sum(claimed), unit: '个' },
      { label: '本期完成', value: sum(completed), unit: '个' },
      { label: '认领中', value: count('claimed') + count('delivered'), unit: '个' },
      { label: '滞留心愿', value: stuck, unit: '个' },
      { label: '活跃志愿者', value: volunteers.size, unit: '人' },
      { label: '本期志愿积分', value: points, unit: '分' },
    ],
    tables,
  };
}

export async function wishTodo(ctx: MemberContext, input: { orgId?: string }): Promise<TodoOutput> {
  const org = await scopeOrg(ctx, input.orgId);
  const now = ctx.now.getTime();
  const nowIso = ctx.now.toISOString();
  const vetF: Filter = { vetPath: org._id, status: 'submitted' };
  const confirmF: Filter = { orgPath: org._id, status: 'delivered' };
  const stuckF: Filter = { orgPath: org._id, ...stuckFilter(localDateOf(ctx.now)) };
  const claimedF: Filter = { orgPath: org._id, status: 'claimed' };
  // The open items' times are read with the subtree's equality index and compared here: a time condition would let
  // the store drive the query from a plain time index and check each row against the whole subtree (core/workspace-scan.ts).
  const times = async (filter: Filter, field: 'createdAt' | 'updatedAt' | 'claimDueAt'): Promise<string[]> => {
    const out: string[] = [];
    for (let skip = 0; skip < 100_000; skip += 1000) {
      const page = await ctx.store.find<WishDoc>(C.wishes, filter, { limit: 1000, skip, projection: { [field]: 1 } });
      for (const d of page) if (d[field]) out.push(d[field] as string);
      if (page.length < 1000) break;
    }
    return out.sort();
  };
  const vetLimit = new Date(now - HOURS(wishWorkflow.states.submitted.maxHours, 168)).toISOString();
  const confirmLimit = new Date(now - HOURS(wishWorkflow.states.delivered.maxHours, 168)).toISOString();
  const dueLimit = new Date(now + CLAIM_TODO_DAYS * DAY_MS).toISOString();
  const [vet, confirm, stuckTimes, claims] = await Promise.all([times(vetF, 'createdAt'), times(confirmF, 'updatedAt'), times(stuckF, 'updatedAt'), times(claimedF, 'claimDueAt')]);
  const due = claims.filter((t) => t <= dueLimit);
  const [vetN, vetLate, vetOldest] = [vet.length, vet.filter((t) => t < vetLimit).length, vet[0] ?? null];
  const [confirmN, confirmLate, confirmOldest] = [confirm.length, confirm.filter((t) => t < confirmLimit).length, confirm[0] ?? null];
  const [stuckN, stuckOldest] = [stuckTimes.length, stuckTimes[0] ?? null];
  const [dueN, dueLate, dueFirst] = [due.length, due.filter((t) => t < nowIso).length, due[0] ?? null];
  const items = [
    { key: 'wish_vet', title: '待审核的心愿', count: vetN, oldestAt: vetOldest, overdue: vetLate, note: '核对心愿内容和价值后发布到心愿池，或退回修改；超过 7 天未审核算超时。', link: '/pkg-wishes/staff/index' },
    { key: 'wish_confirm', title: '已送达待确认的心愿', count: confirmN, oldestAt: confirmOldest, overdue: confirmLate, note: '与家庭核实是否收到，确认后志愿者获得积分；超过 7 天未确认算超时。', link: '/pkg-wishes/staff/index' },
    { key: 'wish_stuck', title: '滞留的心愿', count: stuckN, oldestAt: stuckOldest, overdue: 0, note: '认领后未送达被释放、或过了希望实现日期仍无人认领的心愿：可联系志愿者或由工会直接帮助完成。', link: '/pkg-wishes/staff/index' },
    { key: 'wish_claims_due', title: `${CLAIM_TODO_DAYS} 天内到送达期限的认领`, count: dueN, oldestAt: dueFirst, overdue: dueLate, note: '志愿者已收到到期提醒；逾期未送达的认领会自动释放回心愿池。', link: '/pkg-wishes/staff/index' },
  ];
  return { feature: 'wishes', title: '微心愿', items: items.filter((i) => i.count > 0).sort((a, b) => (a.oldestAt ?? '').localeCompare(b.oldestAt ?? '')) };
}

/** A wish's history, for staff who cover the household's union and may act on the household's person. */
export async function wishTrail(ctx: MemberContext, wishId: string): Promise<TrailOutput> {
  const w = await ctx.store.get<WishDoc>(C.wishes, wishId);
  if (!w) throw notFound('没有找到这个心愿');
  if (!covers(ctx.caller, w.orgPath)) throw forbidden('这户家庭不在您管理的工会范围内');
  const person = w.householdUserId ? await ctx.store.get<UserDoc>('users', w.householdUserId) : null;
  if (person) require(await authorityOf(ctx).mayActOnPerson(person));
  return {
    title: `微心愿 ${w.title}`,
    subject: maskName(w.householdName),
    status: w.status === 'none' ? '未登记' : WISH_STATUS_LABELS[w.status],
    entries: await trailOf(ctx, [w._id], w.householdUserId),
    views: null,
  };
}
