/**
 * The archive (建档) and its yearly re-check (复核). Archiving a paid case, or concluding a re-check, is a workflow move
 * followed by the household's record (`hardship_households`, the contract the wishes service reads): the household
 * is derived from the case, so writing it again changes nothing, and the recovery pass writes it for any case whose
 * household a crash left behind. A re-check is a case of its own (verify, one approval), opened by staff or by the
 * timer a month before it is due, under a deterministic id (one per household and due date).
 */
import { CATEGORY_LABELS } from '../../../types/hardship.model';
import { caseWorkflow } from '../../../types/hardship.workflow';
import { addLocalDays, addLocalMonths, localDateOf } from '../../../types/time';
import { authorityOf, covers } from '../../core/authority';
import type { HandlerContext, Input, MemberContext } from '../../core/context';
import { AppError, forbidden, notFound } from '../../core/errors';
import { isStoreError, type Filter } from '../../core/store/port';
import { scopeFilter, type UserDoc } from '../../core/users';
import { authorize, create, move } from '../../core/workflow';
import { HOUSEHOLDS, type HouseholdDoc, householdIdOf, householdOf } from '../account/households';
import { maskName } from '../account/identity';
import { getOrg } from '../account/orgs';
import { configFor } from './config';
import { blankCase, postOf } from './filing';
import { C, type CaseDoc, getCase, recheckIdOf } from './model';
import { notify } from './notify';
import { arriveAt, recheckStepsFor, routeOf } from './route';
import { stepTextOf, summaryOf } from './views';

/** Re-checks are opened this many days before they are due. */
export const RECHECK_LEAD_DAYS = 30;

const surnameMasked = (name: string) => `${Array.from(name.trim())[0] ?? ''}*`;

/** Writes the household a settled case implies (idempotent: a case is applied once). */
export async function applyHousehold(ctx: HandlerContext, c: CaseDoc): Promise<boolean> {
  const at = ctx.now.toISOString();
  if (c.type === 'aid' && c.status === 'archived') {
    const id = householdIdOf(c.idHash);
    const before = await householdOf(ctx.store, id);
    if (before?.caseIds?.includes(c._id)) return false;
    const doc: HouseholdDoc = {
      _id: id,
      idHash: c.idHash,
      userId: c.userId,
      name: c.name,
      nameMasked: maskName(c.name),
      surnameMasked: surnameMasked(c.name),
      birthYear: c.birthYear,
      orgId: c.orgId,
      orgPath: c.orgPath,
      orgName: c.orgName,
      category: c.category ?? 'relative',
      status: 'archived',
      caseId: c._id,
      archivedAt: c.archivedAt ?? at,
      recheckDueOn: c.recheckDueOn ?? addLocalMonths(localDateOf(ctx.now), 12),
      closedAt: null,
      closedReason: null,
      updatedAt: at,
      caseIds: [...(before?.caseIds ?? []), c._id].slice(-20),
      recheckCaseId: null,
    };
    await ctx.store.set(HOUSEHOLDS, doc);
    return true;
  }
  if (c.type === 'recheck' && c.status === 'concluded' && c.householdId && c.recheck) {
    const before = await householdOf(ctx.store, c.householdId);
    if (!before || before.caseIds?.includes(c._id)) return false;
    const exit = c.recheck.outcome === 'exit';
    const doc: HouseholdDoc = {
      ...before,
      category: c.recheck.category ?? before.category,
      status: exit ? 'closed' : 'archived',
      recheckDueOn: exit ? before.recheckDueOn : c.recheckDueOn ?? before.recheckDueOn,
      closedAt: exit ? c.decidedAt ?? at : null,
      closedReason: exit ? c.recheck.reason : null,
      updatedAt: at,
      caseIds: [...(before.caseIds ?? []), c._id].slice(-20),
      recheckCaseId: null,
    };
    await ctx.store.set(HOUSEHOLDS, doc);
    return true;
  }
  return false;
}

function didThis(c: CaseDoc, ctx: HandlerContext, event: string): boolean {
  return !!ctx.requestId && c.history.some((h) => h.requestId === ctx.requestId && h.event === event && h.by === (ctx.caller.user?._id ?? null));
}

export async function archive(ctx: MemberContext, input: Input<'hardship', 'archive'>) {
  const c = await getCase(ctx, input.caseId);
  if (didThis(c, ctx, 'archive')) {
    await applyHousehold(ctx, c);
    return { case: summaryOf(c, ctx.caller, ctx.now), message: stepTextOf(c) };
  }
  await authorize(ctx, caseWorkflow, c, 'archive');
  if (c.type !== 'aid') throw new AppError('wrong_state', '年度复核不需要建档');
  const { config } = await configFor(ctx, c.orgPath, c.year);
  const dueOn = addLocalMonths(localDateOf(ctx.now), config.recheckMonths);
  const after = await move(ctx, caseWorkflow, C.cases, c, 'archive', {
    set: { archivedAt: ctx.now.toISOString(), recheckDueOn: dueOn },
    ...(input.note ? { note: input.note } : {}),
    summary: `建档：${CATEGORY_LABELS[c.category ?? 'relative']}，${config.recheckMonths} 个月后复核`,
    notify: notify.archived(c, dueOn),
    wrongState: () => new AppError('wrong_state', `这份申请是“${stepTextOf(c)}”，发放后才能建档`),
  });
  await applyHousehold(ctx, after);
  return { case: summaryOf(after, ctx.caller, ctx.now), message: '已建档' };
}

export async function closeCase(ctx: MemberContext, input: Input<'hardship', 'closeCase'>) {
  const c = await getCase(ctx, input.caseId);
  if (didThis(c, ctx, 'close')) return { case: summaryOf(c, ctx.caller, ctx.now), message: stepTextOf(c) };
  await authorize(ctx, caseWorkflow, c, 'close');
  const after = await move(ctx, caseWorkflow, C.cases, c, 'close', {
    ...(input.note ? { note: input.note } : {}),
    summary: '发放后结案（不建档）',
    notify: notify.closed(c),
    wrongState: () => new AppError('wrong_state', `这份申请是“${stepTextOf(c)}”，发放后才能结案`),
  });
  return { case: summaryOf(after, ctx.caller, ctx.now), message: '已结案' };
}

export function householdViewOf(h: HouseholdDoc, today: string) {
  return {
    id: h._id,
    name: h.name,
    orgName: h.orgName ?? '',
    category: h.category,
    categoryText: CATEGORY_LABELS[h.category],
    status: h.status,
    archivedAt: h.archivedAt,
    recheckDueOn: h.recheckDueOn,
    recheckDue: h.status === 'archived' && h.recheckDueOn <= addLocalDays(today, RECHECK_LEAD_DAYS),
    recheckCaseId: h.recheckCaseId ?? null,
    closedReason: h.closedReason,
  };
}

export async function households(ctx: MemberContext, input: Input<'hardship', 'households'>) {
  const today = localDateOf(ctx.now);
  const soon = addLocalDays(today, RECHECK_LEAD_DAYS);
  const scope = scopeFilter(ctx.caller, 'orgPath');
  const filter: Filter = input.due ? { ...scope, status: 'archived', recheckDueOn: { $lte: soon } } : scope;
  const docs = await ctx.store.find<HouseholdDoc>(HOUSEHOLDS, filter, { sort: { recheckDueOn: 1 }, limit: 200 });
  const dueCount = await ctx.store.count(HOUSEHOLDS, { ...scope, status: 'archived', recheckDueOn: { $lte: soon } });
  return { items: docs.map((h) => householdViewOf(h, today)), dueCount };
}

/** Opens the re-check of a household (staff, or the timer with `system`). Answers the re-check case. */
export async function openRecheck(ctx: HandlerContext, h: HouseholdDoc, system: boolean): Promise<CaseDoc> {
  const id = recheckIdOf(h._id, h.recheckDueOn);
  const existing = await ctx.store.get<CaseDoc>(C.cases, id);
  if (existing) {
    if (h.recheckCaseId !== id) await ctx.store.update(HOUSEHOLDS, { _id: h._id, recheckDueOn: h.recheckDueOn }, { $set: { recheckCaseId: id } });
    return existing;
  }
  const org = await getOrg(ctx.store, h.orgId);
  if (!org) throw notFound('没有找到这户所在的工会');
  const base = await ctx.store.get<CaseDoc>(C.cases, h.caseId);
  const year = Number(h.recheckDueOn.slice(0, 4));
  const { config } = await configFor(ctx, org.path, year);
  const subject = h.userId ? await ctx.store.get<UserDoc>('users', h.userId) : null;
  const steps = await recheckStepsFor(ctx, org.path, config, postOf(subject));
  const person = { userId: h.userId, idHash: h.idHash, idLast4: base?.idLast4 ?? '****', idRegion: base?.idRegion ?? '****', birthYear: h.birthYear, name: h.name, phone: base?.phone ?? null, org, postOrgId: postOf(subject) };
  const fields = blankCase(ctx, id, person, {
    type: 'recheck',
    origin: 'recheck',
    year,
    householdId: h._id,
    category: h.category,
    form: base?.form ?? null,
    filedAt: ctx.now.toISOString(),
    routeOrgIds: routeOf(steps),
    ...(arriveAt(ctx, steps, 0, config) as unknown as Partial<CaseDoc>),
  });
  let c: CaseDoc;
  try {
    c = await create<string, string, CaseDoc>(ctx, caseWorkflow, C.cases, fields, 'open_recheck', {
      system,
      summary: `开始年度复核（到期：${h.recheckDueOn}）`,
      notify: notify.recheck({ _id: id, userId: h.userId, filerId: null }, h.recheckDueOn),
    });
  } catch (e) {
    if (!isStoreError(e, 'duplicate')) throw e;
    c = (await ctx.store.get<CaseDoc>(C.cases, id))!;
  }
  await ctx.store.update(HOUSEHOLDS, { _id: h._id, recheckDueOn: h.recheckDueOn }, { $set: { recheckCaseId: id } });
  return c;
}

export async function startRecheck(ctx: MemberContext, input: Input<'hardship', 'startRecheck'>) {
  const h = await householdOf(ctx.store, input.householdId);
  if (!h) throw notFound('没有找到这户档案');
  if (!covers(ctx.caller, h.orgPath)) throw forbidden('这户档案不在您所在工会的管理范围内');
  if (h.userId) {
    const user = await ctx.store.get<UserDoc>('users', h.userId);
    if (user) {
      const verdict = await authorityOf(ctx).mayActOnPerson(user);
      if (!verdict.ok) throw forbidden(verdict.message);
    }
  }
  if (h.status !== 'archived') throw new AppError('wrong_state', '这户已退出档案，不需要复核');
  const c = await openRecheck(ctx, h, false);
  return { case: summaryOf(c, ctx.caller, ctx.now), message: `已开始复核：${stepTextOf(c)}` };
}

/** The timer: households due within a month get their re-check case (and the person a notice). */
export async function openDueRechecks(ctx: HandlerContext): Promise<number> {
  const soon = addLocalDays(localDateOf(ctx.now), RECHECK_LEAD_DAYS);
  const due = await ctx.store.find<HouseholdDoc>(HOUSEHOLDS, { status: 'archived', recheckDueOn: { $lte: soon } }, { sort: { recheckDueOn: 1 }, limit: 200 });
  let opened = 0;
  for (const h of due) {
    if (h.recheckCaseId === recheckIdOf(h._id, h.recheckDueOn)) continue;
    await openRecheck(ctx, h, true);
    opened++;
  }
  return opened;
}

/** Re-applies households for archived and concluded cases changed since `since` (a crash between the two writes). */
export async function repairHouseholds(ctx: HandlerContext, since: string): Promise<number> {
  const settled = await ctx.store.find<CaseDoc>(C.cases, { status: { $in: ['archived', 'concluded'] }, updatedAt: { $gte: since } }, { limit: 500 });
  let n = 0;
  for (const c of settled) if (await applyHousehold(ctx, c)) n++;
  return n;
}
