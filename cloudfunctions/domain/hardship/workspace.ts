/**
 * 困难帮扶 in the staff workspace (ADR 0017): cases of the subtree's members by status and stage, overdue steps,
 * amounts decided and paid per aid kind and month; the open tasks (verify, review, overdue, pay, re-checks due); a
 * case's trail with who viewed it. The subtree is the member's union (`orgPath`). Counts are indexed
 * (`scope_status`: orgPath, status, stepKind; `step_status`, `steppath_status`, `deciding_status`); amounts are one pass
 * along `decided_at` / `paid_at` over the period reading only the awards (core/workspace-scan.ts). Nothing names an illness or an income.
 */
import type { FigureTable, FiguresOutput, TodoOutput, TrailOutput } from '../../../types/dashboard';
import { AID_KINDS, AID_KIND_LABELS, CATEGORIES, CATEGORY_LABELS, type AidKind } from '../../../types/hardship.model';
import { caseWorkflow, type CaseState } from '../../../types/hardship.workflow';
import { addLocalDays, localDateOf } from '../../../types/time';
import { authorityOf, covers, require } from '../../core/authority';
import type { MemberContext } from '../../core/context';
import { forbidden, notFound } from '../../core/errors';
import type { Filter } from '../../core/store/port';
import type { UserDoc } from '../../core/users';
import { periodOf, scopeOrg, trailOf } from '../../core/workspace';
import { periodScan } from '../../core/workspace-scan';
import { HOUSEHOLDS, type HouseholdDoc } from '../account/households';
import { C, type CaseDoc, type ViewDoc } from './model';

/** States shown in the status table (drafts are the filer's own business). */
export const FIGURE_STATES: CaseState[] = ['reviewing', 'returned', 'notice', 'paying', 'paid', 'archived', 'closed', 'concluded', 'rejected', 'withdrawn'];
/** A decision with aid stands in these states (an objection sends a case back to reviewing). */
export const DECIDED_STATES: CaseState[] = ['notice', 'paying', 'paid', 'archived', 'closed'];
/** Households whose re-check falls within this many days are listed as due. */
export const RECHECK_TODO_DAYS = 30;

const monthLabel = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`;

const byKind = (awards: readonly { aidKind: AidKind; amount: number }[]) => AID_KINDS.map((k) => awards.filter((a) => a.aidKind === k).reduce((s, a) => s + a.amount, 0));

export async function caseFigures(ctx: MemberContext, input: { orgId?: string; from: string; to: string }): Promise<FiguresOutput> {
  const org = await scopeOrg(ctx, input.orgId);
  const period = periodOf(input.from, input.to);
  const scope = { orgPath: org._id };
  const nowIso = ctx.now.toISOString();
  const [byStatus, verifying, reviewing, overdue, decided, paid] = await Promise.all([
    Promise.all(FIGURE_STATES.map((status) => ctx.store.count(C.cases, { ...scope, status }))),
    ctx.store.count(C.cases, { ...scope, status: 'reviewing', stepKind: 'verify' }),
    ctx.store.count(C.cases, { ...scope, status: 'reviewing', stepKind: 'review' }),
    ctx.store.count(C.cases, { ...scope, status: 'reviewing', dueAt: { $lt: nowIso } }),
    periodScan<Pick<CaseDoc, '_id' | 'decidedAt' | 'awards' | 'category' | 'status'>>(ctx.store, C.cases, 'decidedAt', period, org._id, { decidedAt: 1, awards: 1, category: 1, status: 1 }).then((ds) => ds.filter((d) => DECIDED_STATES.includes(d.status))),
    periodScan<Pick<CaseDoc, '_id' | 'paidAt' | 'awards' | 'payment'>>(ctx.store, C.cases, 'paidAt', period, org._id, { paidAt: 1, awards: 1, payment: 1 }),
  ]);
  const count = (s: CaseState) => byStatus[FIGURE_STATES.indexOf(s)];
  const perMonth = <T extends { awards: CaseDoc['awards'] }>(docs: T[], at: (d: T) => string | null) =>
    period.months.map((m) => {
      const p = periodOf(m, m);
      const inMonth = docs.filter((d) => { const t = at(d); return !!t && t >= p.fromAt && t < p.untilAt; });
      return { label: monthLabel(m), values: byKind(inMonth.flatMap((d) => d.awards)) };
    });
  const decidedRows = perMonth(decided, (d) => d.decidedAt);
  const paidRows = perMonth(paid, (d) => d.paidAt);
  const decidedTotal = decided.reduce((s, d) => s + d.awards.reduce((a, w) => a + w.amount, 0), 0);
  const paidTotal = paid.reduce((s, d) => s + (d.payment?.amount ?? d.awards.reduce((a, w) => a + w.amount, 0)), 0);
  const kindColumns = AID_KINDS.map((k) => `${AID_KIND_LABELS[k]}（元）`);
  const tables: FigureTable[] = [
    {
      key: 'case_stage',
      title: '帮扶申请办理环节',
      note: '本辖区职工的申请当前所在环节：待入户核实、待审核审批、退回补充材料、公示中、待发放（按职工所在工会统计）。',
      rowLabel: '环节',
      columns: ['件数'],
      rows: [
        { label: '待核实', values: [verifying] },
        { label: '待审批', values: [reviewing] },
        { label: '待补材料', values: [count('returned')] },
        { label: '公示中', values: [count('notice')] },
        { label: '待发放', values: [count('paying')] },
      ],
      chart: 'column',
      unit: '件',
    },
    {
      key: 'case_status',
      title: '帮扶申请当前状态',
      note: '本辖区职工的全部申请（含年度复核），按当前状态。',
      rowLabel: '状态',
      columns: ['件数'],
      rows: FIGURE_STATES.map((s, i) => ({ label: caseWorkflow.states[s].label, values: [byStatus[i]] })).filter((r) => r.values[0] > 0),
      chart: 'pie',
      unit: '件',
    },
    {
      key: 'decided_by_month',
      title: '每月批准的救助金额',
      note: '按审批通过时间所在月份，统计仍然有效的批准（公示中、待发放、已发放、已建档、已结案）的金额，按救助项目分列；件数见上方“本期批准”。',
      rowLabel: '月份',
      columns: kindColumns,
      rows: decidedRows,
      chart: 'column',
      unit: '元',
    },
    {
      key: 'paid_by_month',
      title: '每月发放的救助金额',
      note: '按发放登记时间所在月份，统计已发放的救助金，金额按救助项目分列。',
      rowLabel: '月份',
      columns: kindColumns,
      rows: paidRows,
      chart: 'column',
      unit: '元',
    },
    {
      key: 'category',
      title: '本期批准的困难类别',
      note: '本期批准的申请按审批确定的困难类别统计。',
      rowLabel: '类别',
      columns: ['件数'],
      rows: CATEGORIES.map((c) => ({ label: CATEGORY_LABELS[c], values: [decided.filter((d) => d.category === c).length] })).filter((r) => r.values[0] > 0),
      chart: 'pie',
      unit: '件',
    },
  ];
  return {
    feature: 'hardship',
    title: '困难帮扶',
    orgId: org._id,
    orgName: org.name,
    from: input.from,
    to: input.to,
    headlines: [
      { label: '办理中', value: count('reviewing'), unit: '件' },
      { label: '超时未办', value: overdue, unit: '件' },
      { label: '本期批准', value: decided.length, unit: '件' },
      { label: '本期批准金额', value: decidedTotal, unit: '元' },
      { label: '本期发放金额', value: paidTotal, unit: '元' },
      { label: '待发放', value: count('paying'), unit: '件' },
    ],
    tables,
  };
}

export async function caseTodo(ctx: MemberContext, input: { orgId?: string }): Promise<TodoOutput> {
  const org = await scopeOrg(ctx, input.orgId);
  const nowIso = ctx.now.toISOString();
  const today = localDateOf(ctx.now);
  const atStep = (stepKind: 'verify' | 'review'): Filter => ({ stepOrgId: org._id, status: 'reviewing', stepKind });
  const overdueF: Filter = { stepOrgPath: org._id, status: 'reviewing', dueAt: { $lt: nowIso } };
  const payF: Filter = { decidingOrgPath: org._id, status: 'paying' };
  const recheckF: Filter = { orgPath: org._id, status: 'archived', recheckDueOn: { $lte: addLocalDays(today, RECHECK_TODO_DAYS) } };
  const oldest = async (filter: Filter, field: 'dueAt' | 'decidedAt' | 'updatedAt') =>
    (await ctx.store.find<CaseDoc>(C.cases, filter, { sort: { [field]: 1 }, limit: 1, projection: { [field]: 1 } }))[0]?.[field] ?? null;
  const [verifyN, verifyLate, verifyOldest, reviewN, reviewLate, reviewOldest, overdueN, overdueOldest, payN, payOldest, recheckN, recheckFirst] = await Promise.all([
    ctx.store.count(C.cases, atStep('verify')),
    ctx.store.count(C.cases, { ...atStep('verify'), dueAt: { $lt: nowIso } }),
    oldest(atStep('verify'), 'updatedAt'),
    ctx.store.count(C.cases, atStep('review')),
    ctx.store.count(C.cases, { ...atStep('review'), dueAt: { $lt: nowIso } }),
    oldest(atStep('review'), 'updatedAt'),
    ctx.store.count(C.cases, overdueF),
    oldest(overdueF, 'dueAt'),
    ctx.store.count(C.cases, payF),
    // Unsorted, the earliest taken here: a sort on decidedAt would let the store walk `decided_at` checking each row
    // against the whole subtree (core/workspace-scan.ts).
    ctx.store.find<CaseDoc>(C.cases, payF, { limit: 1000, projection: { decidedAt: 1 } }).then((ds) => ds.map((d) => d.decidedAt).filter((x): x is string => !!x).sort()[0] ?? null),
    ctx.store.count(HOUSEHOLDS, recheckF),
    ctx.store.find<HouseholdDoc>(HOUSEHOLDS, recheckF, { sort: { recheckDueOn: 1 }, limit: 1, projection: { recheckDueOn: 1 } }),
  ]);
  const link = '/pkg-hardship/staff/index';
  const items = [
    { key: 'hardship_verify', title: '待入户核实的帮扶申请', count: verifyN, oldestAt: verifyOldest, overdue: verifyLate, note: '入户走访（至少两人）、核实情况后报上级；超过办理时限算超时。', link },
    { key: 'hardship_review', title: '待审核审批的帮扶申请', count: reviewN, oldestAt: reviewOldest, overdue: reviewLate, note: '审核通过报上级，或在本级审批确定类别和金额；材料不全可退回补充。', link },
    { key: 'hardship_overdue', title: '辖区内超时未办的帮扶申请', count: overdueN, oldestAt: overdueOldest, overdue: overdueN, note: '超过办理时限的环节（含下级工会）；可以催办。', link },
    { key: 'hardship_pay', title: '公示期满待发放的救助金', count: payN, oldestAt: payOldest, overdue: 0, note: '按批准金额发放后登记发放信息（可批量导入）。', link: '/pkg-hardship/payments/index' },
    { key: 'hardship_rechecks', title: `${RECHECK_TODO_DAYS} 天内到期复核的困难档案`, count: recheckN, oldestAt: recheckFirst[0]?.recheckDueOn ?? null, overdue: 0, note: '到期前系统自动生成复核申请；可提前开始复核。', link: '/pkg-hardship/households/index' },
  ];
  return { feature: 'hardship', title: '困难帮扶', items: items.filter((i) => i.count > 0).sort((a, b) => (a.oldestAt ?? '').localeCompare(b.oldestAt ?? '')) };
}

/** A case's history and who opened it, for staff who cover the member's union and may act on the person. */
export async function caseTrail(ctx: MemberContext, caseId: string): Promise<TrailOutput> {
  const c = await ctx.store.get<CaseDoc>(C.cases, caseId);
  if (!c || c.status === 'draft') throw notFound('没有找到这份申请');
  if (!covers(ctx.caller, c.orgPath)) throw forbidden('这位职工不在您管理的工会范围内');
  const person = c.userId ? await ctx.store.get<UserDoc>('users', c.userId) : null;
  if (person) require(await authorityOf(ctx).mayActOnPerson(person));
  const views = await ctx.store.find<ViewDoc>(C.views, { caseId: c._id }, { sort: { at: -1 }, limit: 100 });
  const ids = [...new Set(views.map((v) => v.userId))];
  const users = ids.length ? await ctx.store.find<UserDoc>('users', { _id: { $in: ids } }, { limit: 1000, projection: { name: 1, staffOrgId: 1 } }) : [];
  const orgIds = [...new Set(views.map((v) => v.orgId).filter((x): x is string => !!x))];
  const orgs = orgIds.length ? await ctx.store.find<{ _id: string; name: string }>('orgs', { _id: { $in: orgIds } }, { limit: 1000, projection: { name: 1 } }) : [];
  const whoViewed = (v: ViewDoc) => {
    const u = users.find((x) => x._id === v.userId);
    const o = orgs.find((x) => x._id === v.orgId);
    return `${u?.name ?? '工作人员'}${o ? `（${o.name}）` : ''}`;
  };
  return {
    title: `困难帮扶申请 ${c.caseNo}`,
    subject: c.nameMasked,
    status: caseWorkflow.states[c.status].label,
    entries: await trailOf(ctx, [c._id], c.userId),
    views: views.map((v) => ({ at: v.at, who: whoViewed(v) })),
  };
}
