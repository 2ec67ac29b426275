/**
 * Reading cases. A case's details are seen by the person concerned, the filer, and staff of the unions on its path
 * (its steps, and a dispatcher) — nobody else (others are told it does not exist). Every opening of the full details
 * by staff is recorded (`hardship_views`). Lists (my cases, the staff queues) carry summaries only.
 */
import {
  CATEGORIES,
  DOC_LABELS,
  AID_KIND_LABELS,
  type CaseDetail,
  type DocKind,
} from '../../../types/hardship.model';
import { flagsOf, likelyCategory, missingDocs, requiredDocs, suggestions } from '../../../types/hardship.rules';
import { caseWorkflow, OPEN_STATES } from '../../../types/hardship.workflow';
import { maskIdNumber } from '../../../types/mask';
import { localDateOf } from '../../../types/time';
import type { QueueKey } from '../../../types/hardship.schema';
import { QUEUES } from '../../../types/hardship.schema';
import { authorityOf, isAdmin } from '../../core/authority';
import type { AuditEntry } from '../../core/audit';
import type { HandlerContext, Input, MemberContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { fileViews } from '../../core/files';
import { newId } from '../../core/ids';
import type { Filter, SortSpec } from '../../core/store/port';
import type { UserDoc } from '../../core/users';
import { available } from '../../core/workflow';
import { HOUSEHOLDS, type HouseholdDoc } from '../account/households';
import { getOrg } from '../account/orgs';
import { householdViewOf } from './archive';
import { configFor } from './config';
import { C, type CaseDoc, FILE_OWNER, type ViewDoc } from './model';
import { endDueNotices } from './notice';
import { costsOf, householdCapLeft } from './review';
import { rulesAt, stepLabel } from './route';
import { summaryOf } from './views';

type Role = 'person' | 'filer' | 'staff';

/** How the caller is entitled to a case's details, or null. */
export async function viewerRole(ctx: MemberContext, c: CaseDoc): Promise<Role | null> {
  const me = ctx.caller.user;
  if (c.userId === me._id) return 'person';
  if (c.filerId === me._id) return 'filer';
  if (isAdmin(ctx.caller)) return 'staff';
  const org = ctx.caller.roles.includes('staff') ? ctx.caller.staffOrg : null;
  if (!org || !c.routeOrgIds.includes(org._id)) return null;
  if (c.userId) {
    const subject = await ctx.store.get<UserDoc>('users', c.userId);
    if (subject && !(await authorityOf(ctx).outranks(subject)).ok) return null;
  }
  return 'staff';
}

async function timelineOf(ctx: MemberContext, c: CaseDoc, role: Role): Promise<CaseDetail['timeline']> {
  const entries = (await ctx.store.find<AuditEntry>('audit', { targetId: c._id }, { sort: { at: 1 }, limit: 300 })).filter((e) => !e._id.endsWith(':objector'));
  const actorIds = [...new Set(entries.map((e) => e.actorId).filter((x): x is string => !!x && x !== c.userId))];
  const users = actorIds.length ? await ctx.store.find<UserDoc>('users', { _id: { $in: actorIds } }, { limit: 100, projection: { name: 1, staffOrgId: 1, roles: 1 } }) : [];
  const byId = new Map(users.map((u) => [u._id, u]));
  const orgNames = new Map<string, string>();
  for (const u of users) if (u.staffOrgId && !orgNames.has(u.staffOrgId)) orgNames.set(u.staffOrgId, (await getOrg(ctx.store, u.staffOrgId))?.name ?? '');
  return entries.map((e) => {
    const u = e.actorId ? byId.get(e.actorId) : undefined;
    let who = '系统';
    if (e.actorId && e.actorId === c.userId) who = '本人';
    else if (u?.staffOrgId && u.roles.includes('staff')) who = role === 'staff' ? `${orgNames.get(u.staffOrgId) ?? ''} ${u.name}` : orgNames.get(u.staffOrgId) ?? '工会工作人员';
    else if (e.actorRoles.includes('admin')) who = '系统管理员';
    else if (u) who = role === 'staff' ? u.name : '提交人';
    return { at: e.at, what: e.summary, who, why: e.reason ?? null };
  });
}

function stepsView(c: CaseDoc): CaseDetail['steps'] {
  const moving = c.status === 'reviewing';
  const past = !['draft', 'reviewing', 'returned'].includes(c.status);
  return c.steps.map((s, i) => ({
    kind: s.kind,
    level: s.level,
    orgId: s.orgId,
    orgName: s.orgName,
    label: stepLabel(s, s.kind === 'review' && i === c.steps.length - 1),
    state: past || i < c.stepIndex ? 'done' : moving && i === c.stepIndex ? 'current' : 'next',
  }));
}

function filerText(c: CaseDoc, filerOrgName: string | null): string {
  if (c.origin === 'self') return '本人申请';
  if (c.origin === 'behalf') return `${filerOrgName ?? '工会'}代为申请`;
  if (c.origin === 'dispatch') return `${c.dispatch?.byOrgName ?? '上级工会'}下派核实`;
  return '年度复核';
}

export async function detail(ctx: MemberContext, input: Input<'hardship', 'detail'>): Promise<CaseDetail> {
  const c0 = await ctx.store.get<CaseDoc>(C.cases, input.caseId);
  const role = c0 ? await viewerRole(ctx, c0) : null;
  if (!c0 || !role) throw notFound('没有找到这份申请，或您无权查看');
  if (c0.status === 'notice' && c0.noticeEndsAt && Date.parse(c0.noticeEndsAt) <= ctx.now.getTime()) await endDueNotices(ctx);
  const c = (await ctx.store.get<CaseDoc>(C.cases, input.caseId)) ?? c0;
  const me = ctx.caller.user;
  const staff = role === 'staff' || (ctx.caller.roles.includes('staff') && !!ctx.caller.staffOrg && c.routeOrgIds.includes(ctx.caller.staffOrg._id)) || isAdmin(ctx.caller);
  if (role === 'staff') await ctx.store.insert<ViewDoc>(C.views, { _id: newId('hv', 16), caseId: c._id, userId: me._id, orgId: ctx.caller.staffOrg?._id ?? null, at: ctx.now.toISOString() });

  const { config } = await configFor(ctx, c.orgPath, c.year);
  const rules = rulesAt(c, config);
  // What the caller may do: the workflow's who (state, step org, never about oneself) and the step's rules.
  const actions: CaseDetail['actions'] = [];
  const isFiler = c.filerId === me._id;
  if (isFiler && c.status === 'draft') actions.push('edit');
  if (isFiler && c.status === 'returned') actions.push('resubmit');
  if (isFiler && OPEN_STATES.includes(c.status)) actions.push('withdraw');
  let subjectOk = true;
  if (c.userId && staff && c.userId !== me._id) {
    const subject = await ctx.store.get<UserDoc>('users', c.userId);
    subjectOk = !subject || (await authorityOf(ctx).outranks(subject)).ok;
  }
  if (staff && subjectOk) {
    for (const ev of available(ctx.caller, caseWorkflow, c)) {
      if (ev === 'verify' && c.stepKind === 'verify') actions.push('verify');
      if (ev === 'forward' && c.stepKind === 'review' && rules.canForward) actions.push('forward');
      if (ev === 'decide' && c.stepKind === 'review' && rules.canDecide && c.type === 'aid') actions.push('decide');
      if (ev === 'conclude' && c.stepKind === 'review' && rules.canDecide && c.type === 'recheck') actions.push('conclude');
      if (ev === 'send_back' && c.stepIndex > 0) actions.push('send_back');
      if (ev === 'return' && c.filerId && c.type === 'aid') actions.push('return');
      if (ev === 'reject') actions.push('reject');
      if (ev === 'remind' && (isAdmin(ctx.caller) || ctx.caller.staffOrg?._id !== c.stepOrgId)) actions.push('remind');
      if (ev === 'pay') actions.push('pay');
      if ((ev === 'archive' || ev === 'close') && c.type === 'aid') actions.push(ev);
    }
  }
  if (c.status === 'notice' && c.decidingOrgId && me.orgPath.includes(c.decidingOrgId) && c.userId !== me._id && !isFiler) actions.push('object');

  let suggestion: CaseDetail['suggestion'] = null;
  if (actions.includes('decide') && c.income) {
    const capLeft = await householdCapLeft(ctx, c, config);
    const costs = costsOf(c, config);
    suggestion = {
      category: likelyCategory(c.income, config.dibao),
      byCategory: CATEGORIES.map((category) => ({ category, items: suggestions(config, category, c.aidKinds, costs, capLeft) })),
      householdCapLeft: capLeft,
      limit: rules.limit,
    };
  }

  const docOf = new Map<string, string>();
  for (const f of [...c.previousForms.map((p) => p.form), c.form]) for (const a of f?.attachments ?? []) docOf.set(a.fileId, DOC_LABELS[a.doc]);
  for (const v of c.visits) for (const id of v.photoIds) docOf.set(id, '入户走访照片');
  const files = (await fileViews(ctx, c.files, { kind: FILE_OWNER, id: c._id })).map((f) => ({ ...f, doc: docOf.get(f.id) ?? '材料' }));
  const required = c.form ? requiredDocs([c.form.primaryCause, ...(c.form.secondaryCauses ?? [])], c.aidKinds) : [];
  const filerOrg = c.filerOrgId ? await getOrg(ctx.store, c.filerOrgId) : null;

  return {
    ...summaryOf(c, ctx.caller, ctx.now),
    personMasked: { idMasked: maskIdNumber(c.idLast4, c.idRegion), phone: c.phone, birthYear: c.birthYear },
    filerText: filerText(c, filerOrg?.name ?? null),
    dispatch: c.dispatch ? { byOrgName: c.dispatch.byOrgName, reason: c.dispatch.reason, dueOn: c.dispatch.dueOn } : null,
    form: c.form,
    income: c.income,
    missingDocs: missingDocs(required, c.form?.attachments ?? []).map((d: DocKind) => ({ doc: d, label: DOC_LABELS[d] })),
    flags: c.form ? flagsOf(c.form) : [],
    files,
    steps: stepsView(c),
    visit: c.visits[c.visits.length - 1] ?? null,
    incomeCheck: c.incomeChecks[c.incomeChecks.length - 1] ?? null,
    category: c.category,
    awards: c.awards.map((a) => ({ aidKind: a.aidKind, label: AID_KIND_LABELS[a.aidKind], amount: a.amount, suggested: a.suggested, reason: a.reason })),
    notice: c.noticeFrom && c.noticeUntil ? { from: c.noticeFrom, until: c.noticeUntil } : null,
    payments: c.payment ? [{ payee: c.payment.payee, amount: c.payment.amount, paidOn: c.payment.paidOn, method: c.payment.method, voucherNo: c.payment.voucherNo, batch: c.payment.batch }] : [],
    objections: staff ? c.objections.map((o) => ({ at: o.at, reason: o.reason })) : [],
    recheck: c.type === 'recheck' && c.householdId ? { householdId: c.householdId, outcome: c.recheck?.outcome ?? null, category: c.recheck?.category ?? c.category } : null,
    timeline: await timelineOf(ctx, c, staff ? 'staff' : role),
    actions: [...new Set(actions)],
    suggestion,
    backTo: actions.includes('send_back') ? c.steps.slice(0, c.stepIndex).map((s, index) => ({ index, label: stepLabel(s) })) : [],
    canForward: actions.includes('forward'),
    canDecide: actions.includes('decide') || actions.includes('conclude'),
    consent: c.consent ? { version: c.consent.version, at: c.consent.at } : null,
  };
}

export async function myCases(ctx: MemberContext) {
  const me = ctx.caller.user;
  await endDueNotices(ctx);
  const docs = await ctx.store.find<CaseDoc>(C.cases, { $or: [{ userId: me._id }, { filerId: me._id }] }, { sort: { updatedAt: -1 }, limit: 50 });
  const [h] = await ctx.store.find<HouseholdDoc>(HOUSEHOLDS, { userId: me._id }, { sort: { updatedAt: -1 }, limit: 1 });
  return { cases: docs.map((c) => summaryOf(c, ctx.caller, ctx.now)), household: h ? householdViewOf(h, localDateOf(ctx.now)) : null };
}

/** The filter of one staff queue, for the caller's union (an administrator sees every union). */
function queueFilter(ctx: HandlerContext, queue: QueueKey): Filter {
  const org = isAdmin(ctx.caller) ? null : ctx.caller.staffOrg;
  const on = (field: string): Filter => (org ? { [field]: org._id } : {});
  const now = ctx.now.toISOString();
  switch (queue) {
    case 'verify':
      return { ...on('stepOrgId'), status: 'reviewing', stepKind: 'verify' };
    case 'review':
      return { ...on('stepOrgId'), status: 'reviewing', stepKind: 'review' };
    case 'overdue':
      return { ...on('routeOrgIds'), status: 'reviewing', dueAt: { $lt: now } };
    case 'returned':
      return { ...on('routeOrgIds'), status: 'returned' };
    case 'notice':
      return { ...on('routeOrgIds'), status: 'notice' };
    case 'pay':
      return { ...on('decidingOrgPath'), status: 'paying' };
    case 'dispatched':
      return { ...on('routeOrgIds'), origin: 'dispatch', status: { $in: ['reviewing', 'returned'] }, stepIndex: 0 };
    case 'all':
      return { ...on('routeOrgIds'), status: { $ne: 'draft' } };
  }
}

export async function queues(ctx: MemberContext, input: Input<'hardship', 'queues'>) {
  if (!isAdmin(ctx.caller) && !ctx.caller.staffOrg) throw notFound('您的工作人员身份尚未绑定工会组织');
  await endDueNotices(ctx);
  const counts = {} as Record<QueueKey, number>;
  for (const q of QUEUES) counts[q] = await ctx.store.count(C.cases, queueFilter(ctx, q));
  const sort: SortSpec = input.queue === 'verify' || input.queue === 'review' || input.queue === 'overdue' || input.queue === 'dispatched' ? { dueAt: 1 } : { updatedAt: -1 };
  const docs = await ctx.store.find<CaseDoc>(C.cases, queueFilter(ctx, input.queue), { sort, limit: input.limit, skip: input.offset });
  // Cases about someone who holds a post at the caller's union or above are handled by the union above.
  const items = [];
  for (const c of docs) {
    if (c.userId && !isAdmin(ctx.caller)) {
      const subject = await ctx.store.get<UserDoc>('users', c.userId);
      if (subject && !(await authorityOf(ctx).outranks(subject, { allowSelf: false })).ok) continue;
    }
    items.push(summaryOf(c, ctx.caller, ctx.now));
  }
  return { counts, items, total: counts[input.queue] };
}
