/**
 * The green card in the staff workspace (ADR 0017): cards issued and active, visits per hospital per month, the open
 * tasks (applications to decide, cards due for renewal) and a card's trail. Current states are indexed counts (cards by
 * holder's union and status, `scope_status`); a period's cards and visits are read along their plain time indexes
 * (`applied`, `month`) with the holder's union checked here (core/workspace-scan.ts).
 */
import type { FigureTable, FiguresOutput, TodoOutput, TrailOutput } from '../../../types/dashboard';
import { CARD_STATUS_LABELS, type CardStatus } from '../../../types/greencard.schema';
import { cardWorkflow } from '../../../types/greencard.workflow';
import { addLocalDays, localDateOf, localMonthOf } from '../../../types/time';
import { authorityOf, covers, require } from '../../core/authority';
import type { MemberContext } from '../../core/context';
import { forbidden, notFound } from '../../core/errors';
import { periodOf, scopeOrg, trailOf } from '../../core/workspace';
import { periodScan } from '../../core/workspace-scan';
import type { UserDoc } from '../../core/users';
import { C, type CardDoc, type HospitalDoc, type VisitDoc } from './docs';
import { RENEWAL_NOTICE_DAYS } from './notices';

const STATUSES: CardStatus[] = ['active', 'pending', 'suspended', 'revoked', 'rejected'];
const ISSUED: CardStatus[] = ['active', 'suspended', 'revoked'];

const monthLabel = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`;

export async function cardFigures(ctx: MemberContext, input: { orgId?: string; from: string; to: string }): Promise<FiguresOutput> {
  const org = await scopeOrg(ctx, input.orgId);
  const period = periodOf(input.from, input.to);
  const scope = { holderOrgPath: org._id };
  // A period's cards and visits are read along their plain time index, month by month, and the subtree checked here
  // (core/workspace-scan.ts): a subtree equality with a range lets the embedded store check each row of the range
  // against the whole subtree. Current states are equalities only (the scope_status index).
  const [byStatus, issued, visits, hospitals] = await Promise.all([
    Promise.all(STATUSES.map((status) => ctx.store.count(C.cards, { ...scope, status }))),
    periodScan<Pick<CardDoc, '_id' | 'appliedAt' | 'status'>>(ctx.store, C.cards, 'appliedAt', period, org._id, { appliedAt: 1, status: 1 }, {}, 'holderOrgPath'),
    periodScan<Pick<VisitDoc, '_id' | 'month' | 'hospitalId'>>(ctx.store, C.visits, 'month', period, org._id, { month: 1, hospitalId: 1 }, {}, 'holderOrgPath', true),
    ctx.store.find<HospitalDoc>(C.hospitals, {}, { sort: { name: 1 }, limit: 1000, projection: { name: 1 } }),
  ]);
  const issuedByMonth = period.months.map((m) => issued.filter((c) => ISSUED.includes(c.status) && localMonthOf(c.appliedAt) === m).length);
  // Visits of the subtree's holders, per hospital (only hospitals with any), then per month.
  const perHospital = hospitals.map((h) => visits.filter((v) => v.hospitalId === h._id).length);
  const visited = hospitals.filter((_h, i) => perHospital[i] > 0);
  const grid = visited.map((h) => period.months.map((month) => visits.filter((v) => v.hospitalId === h._id && v.month === month).length));
  const totalVisits = perHospital.reduce((a, b) => a + b, 0);
  const tables: FigureTable[] = [
    {
      key: 'cards_by_month',
      title: '每月发卡',
      note: '按申领（或批量发卡）时间所在月份，统计已发放的卡（含之后暂停、注销的）。',
      rowLabel: '月份',
      columns: ['发卡张数'],
      rows: period.months.map((m, i) => ({ label: monthLabel(m), values: [issuedByMonth[i]] })),
      chart: 'column',
      unit: '张',
    },
    {
      key: 'card_status',
      title: '绿通卡当前状态',
      note: '持卡人所在工会在本辖区内的全部卡片，按当前状态。',
      rowLabel: '状态',
      columns: ['张数'],
      rows: STATUSES.map((s, i) => ({ label: CARD_STATUS_LABELS[s], values: [byStatus[i]] })).filter((r) => r.values[0] > 0),
      chart: 'pie',
      unit: '张',
    },
    {
      key: 'visits',
      title: '各医院每月绿色通道就诊人次',
      note: '本辖区持卡人在各合作医院窗口核验通过的次数（同一个码在同一家医院只记一次）。',
      rowLabel: '月份',
      columns: visited.map((h) => h.name),
      rows: period.months.map((m, mi) => ({ label: monthLabel(m), values: visited.map((_h, hi) => grid[hi][mi]) })),
      chart: 'line',
      unit: '人次',
    },
  ];
  return {
    feature: 'greencard',
    title: '医疗绿通',
    orgId: org._id,
    orgName: org.name,
    from: input.from,
    to: input.to,
    headlines: [
      { label: '有效绿通卡', value: byStatus[0], unit: '张' },
      { label: '本期发卡', value: issuedByMonth.reduce((a, b) => a + b, 0), unit: '张' },
      { label: '待审核申领', value: byStatus[1], unit: '张' },
      { label: '本期就诊', value: totalVisits, unit: '人次' },
    ],
    tables,
  };
}

export async function cardTodo(ctx: MemberContext, input: { orgId?: string }): Promise<TodoOutput> {
  const org = await scopeOrg(ctx, input.orgId);
  const pending = { holderOrgPath: org._id, status: 'pending' };
  const limitAt = new Date(ctx.now.getTime() - (cardWorkflow.states.pending.maxHours ?? 168) * 3600_000).toISOString();
  const today = localDateOf(ctx.now);
  const renew = { status: 'active', validUntil: { $gte: today, $lte: addLocalDays(today, RENEWAL_NOTICE_DAYS) }, holderOrgPath: org._id };
  const [applications, oldest, overdue, renewals, firstRenewal] = await Promise.all([
    ctx.store.count(C.cards, pending),
    ctx.store.find<CardDoc>(C.cards, pending, { sort: { appliedAt: 1 }, limit: 1, projection: { appliedAt: 1 } }),
    ctx.store.count(C.cards, { ...pending, appliedAt: { $lt: limitAt } }),
    ctx.store.count(C.cards, renew),
    ctx.store.find<CardDoc>(C.cards, renew, { sort: { validUntil: 1 }, limit: 1, projection: { validUntilAt: 1 } }),
  ]);
  const items = [
    { key: 'card_applications', title: '待审核的绿通卡申领', count: applications, oldestAt: oldest[0]?.appliedAt ?? null, overdue, note: '核对荣誉后批准或不批准；超过 7 天未办理算超时。', link: '/pkg-greencard/staff/index' },
    { key: 'card_renewals', title: `${RENEWAL_NOTICE_DAYS} 天内到期的绿通卡`, count: renewals, oldestAt: firstRenewal[0]?.validUntilAt ?? null, overdue: 0, note: '持卡人已收到到期提醒；核实后办理续期。', link: '/pkg-greencard/staff/index' },
  ];
  return { feature: 'greencard', title: '医疗绿通', items: items.filter((i) => i.count > 0).sort((a, b) => (a.oldestAt ?? '').localeCompare(b.oldestAt ?? '')) };
}

/** A card's history, for staff who cover its holder's union and may act on the holder. */
export async function cardTrail(ctx: MemberContext, cardId: string): Promise<TrailOutput> {
  const card = await ctx.store.get<CardDoc>(C.cards, cardId);
  if (!card) throw notFound('没有找到这张绿通卡');
  if (!covers(ctx.caller, card.holderOrgPath)) throw forbidden('此持卡人不在您管理的工会范围内');
  const holder = await ctx.store.get<UserDoc>('users', card.userId);
  if (holder) require(await authorityOf(ctx).mayActOnPerson(holder));
  return {
    title: `医疗绿通卡 ${card.cardNo}`,
    subject: card.holderNameMasked,
    status: CARD_STATUS_LABELS[card.status],
    entries: await trailOf(ctx, [card._id], card.userId),
    views: null,
  };
}
