/**
 * The green card in the staff workspace (ADR 0017): cards issued and active, visits per hospital per month, the open
 * tasks (applications to decide, cards due for renewal) and a card's trail. Every figure is an indexed count:
 * cards by holder's union and status (`scope_status`) or application time (`holderOrgPath`), visits by hospital and
 * month (`hospitalMonth`) within the holder's union.
 */
import type { FigureTable, FiguresOutput, TodoOutput, TrailOutput } from '../../../types/dashboard';
import { CARD_STATUS_LABELS, type CardStatus } from '../../../types/greencard.schema';
import { cardWorkflow } from '../../../types/greencard.workflow';
import { addLocalDays, localDateOf } from '../../../types/time';
import { authorityOf, covers, require } from '../../core/authority';
import type { MemberContext } from '../../core/context';
import { forbidden, notFound } from '../../core/errors';
import { periodOf, scopeOrg, trailOf } from '../../core/workspace';
import type { UserDoc } from '../../core/users';
import { C, type CardDoc, type HospitalDoc } from './docs';
import { RENEWAL_NOTICE_DAYS } from './notices';

const STATUSES: CardStatus[] = ['active', 'pending', 'suspended', 'revoked', 'rejected'];
const ISSUED: CardStatus[] = ['active', 'suspended', 'revoked'];

const monthLabel = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`;

export async function cardFigures(ctx: MemberContext, input: { orgId?: string; from: string; to: string }): Promise<FiguresOutput> {
  const org = await scopeOrg(ctx, input.orgId);
  const period = periodOf(input.from, input.to);
  const scope = { holderOrgPath: org._id };
  const [byStatus, issuedByMonth, hospitals] = await Promise.all([
    Promise.all(STATUSES.map((status) => ctx.store.count(C.cards, { ...scope, status }))),
    Promise.all(
      period.months.map((m) => {
        const p = periodOf(m, m);
        return ctx.store.count(C.cards, { ...scope, appliedAt: { $gte: p.fromAt, $lt: p.untilAt }, status: { $in: ISSUED } });
      }),
    ),
    ctx.store.find<HospitalDoc>(C.hospitals, {}, { sort: { name: 1 }, limit: 1000, projection: { name: 1 } }),
  ]);
  // Visits of the subtree's holders, per hospital (only hospitals with any), then per month.
  const months = { $gte: input.from, $lte: input.to };
  const perHospital = await Promise.all(hospitals.map((h) => ctx.store.count(C.visits, { hospitalId: h._id, month: months, ...scope })));
  const visited = hospitals.filter((_h, i) => perHospital[i] > 0);
  const grid = await Promise.all(visited.map((h) => Promise.all(period.months.map((month) => ctx.store.count(C.visits, { hospitalId: h._id, month, ...scope })))));
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
