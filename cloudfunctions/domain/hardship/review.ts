/**
 * The steps of a case, each one workflow move (one conditional update with its audit entry and notices): grassroots
 * verification with the home-visit record, review up a level (with the household income check at the first review),
 * the decision in tiers (category and amount within the tier's bounds, a reason when off the suggestion) that starts
 * 公示, a re-check's conclusion, sending back to any earlier step or returning to the filer (deadlines restart, nothing
 * is lost), rejection, and reminders sent down from above. The workflow's `at: stepOrgId` means only the staff of the
 * union holding the case act on it; nobody acts on their own case or on a superior's.
 */
import { AID_KIND_LABELS, CATEGORY_LABELS, DOC_LABELS, type Category } from '../../../types/hardship.model';
import { incomeOfForm, noticePeriod, suggestions, type CostFacts } from '../../../types/hardship.rules';
import { caseWorkflow, type CaseEvent } from '../../../types/hardship.workflow';
import { addLocalMonths, endOfLocalDay, formatDate, localDateOf } from '../../../types/time';
import { CONSENT_VERSION, type HardshipConfig } from '../../../types/hardship.model';
import { isAdmin } from '../../core/authority';
import type { HandlerContext, Input, MemberContext } from '../../core/context';
import { AppError } from '../../core/errors';
import type { DocValue } from '../../core/store/port';
import { authorize, move } from '../../core/workflow';
import { householdOf } from '../account/households';
import { applyHousehold } from './archive';
import { configFor } from './config';
import { attachTo, checkFiles, releaseSlots } from './filing';
import { C, type CaseDoc, getCase } from './model';
import { notify, remindStaff, sentBackStaff, staffOf } from './notify';
import { arriveAt, cityStepFor, routeOf, rulesAt, stepLabel } from './route';
import { stepTextOf, summaryOf } from './views';

/** A retry of this caller's own request (the move is in the case's history). */
export function didThis(c: CaseDoc, ctx: HandlerContext, event: CaseEvent): boolean {
  return !!ctx.requestId && c.history.some((h) => h.requestId === ctx.requestId && h.event === event && h.by === (ctx.caller.user?._id ?? null));
}

const answer = (ctx: MemberContext, c: CaseDoc, message?: string) => ({ case: summaryOf(c, ctx.caller, ctx.now), message: message ?? stepTextOf(c) });

/** Loads the case and asks the workflow whether the caller may fire the event (before any check of state or input). */
async function staffCase(ctx: MemberContext, caseId: string, event: CaseEvent): Promise<{ c: CaseDoc; retried: boolean }> {
  const c = await getCase(ctx, caseId);
  if (didThis(c, ctx, event)) return { c, retried: true };
  await authorize(ctx, caseWorkflow, c, event);
  return { c, retried: false };
}

function wrongStep(c: CaseDoc, what: string): AppError {
  return new AppError('hardship.not_at_step', `这份申请现在是“${stepTextOf(c)}”，不能${what}`);
}

export async function verify(ctx: MemberContext, input: Input<'hardship', 'verify'>) {
  const { c, retried } = await staffCase(ctx, input.caseId, 'verify');
  if (retried) return answer(ctx, c);
  if (c.status !== 'reviewing' || c.stepKind !== 'verify') throw wrongStep(c, '入户核实');
  const { config } = await configFor(ctx, c.orgPath, c.year);
  const set: Record<string, DocValue> = {};
  let fileIds = [...input.visit.photoIds];
  if (input.form) {
    if (c.form && c.type === 'aid') throw new AppError('hardship.locked', '申请内容由提交人填写，核实时不能修改；如有出入请写在走访情况中或退回补充');
    if (c.type === 'aid' && [...input.form.aidKinds].sort().join() !== [...c.aidKinds].sort().join()) {
      throw new AppError('hardship.locked', `下派的救助项目是${c.aidKinds.map((k) => AID_KIND_LABELS[k]).join('、')}，请按下派的项目填写`, [{ path: ['form', 'aidKinds'], message: '救助项目与下派的不同' }]);
    }
    await checkFiles(ctx, input.form.attachments.map((a) => a.fileId), c._id, ['hardship_attachment']);
    fileIds = [...fileIds, ...input.form.attachments.map((a) => a.fileId)];
    set.form = input.form as unknown as DocValue;
    set.income = { ...incomeOfForm(input.form), dibao: config.dibao } as unknown as DocValue;
    set.consent = { version: CONSENT_VERSION, at: ctx.now.toISOString(), byUserId: ctx.caller.user._id, onPaper: true } as unknown as DocValue;
  } else if (!c.form && c.type === 'aid') {
    throw new AppError('hardship.no_form', '下派的家庭还没有申请信息，请在核实时一并填写', [{ path: ['form'], message: '请填写申请信息' }]);
  }
  await checkFiles(ctx, input.visit.photoIds, c._id, ['visit_photo'], true);
  const next = c.steps[c.stepIndex + 1];
  const after = await move(ctx, caseWorkflow, C.cases, c, 'verify', {
    set: {
      ...set,
      ...arriveAt(ctx, c.steps, c.stepIndex + 1, config),
      visits: [...c.visits, input.visit] as unknown as DocValue,
      files: [...new Set([...c.files, ...fileIds])],
    },
    ...(input.note ? { note: input.note } : {}),
    summary: `${c.steps[c.stepIndex].orgName}入户核实通过（${input.visit.visitors.length} 人走访），报${next.orgName}`,
    notify: notify.reached(c, stepLabel(next, c.stepIndex + 1 === c.steps.length - 1)),
  });
  await attachTo(ctx, after, input.visit.photoIds, ['visit_photo'], true);
  if (input.form) await attachTo(ctx, after, input.form.attachments.map((a) => a.fileId), ['hardship_attachment']);
  return answer(ctx, after, `已核实，报${next.orgName}`);
}

function incomeChecksWith(c: CaseDoc, check: Input<'hardship', 'forward'>['incomeCheck']): CaseDoc['incomeChecks'] {
  const step = c.steps[c.stepIndex];
  if (step.incomeCheck && !check && c.incomeChecks.length === 0) {
    throw new AppError('validation', '请填写家庭经济状况核对结果（核对日期和结果）', [{ path: ['incomeCheck'], message: '请填写核对结果' }]);
  }
  return check ? [...c.incomeChecks, check] : c.incomeChecks;
}

export async function forward(ctx: MemberContext, input: Input<'hardship', 'forward'>) {
  const { c, retried } = await staffCase(ctx, input.caseId, 'forward');
  if (retried) return answer(ctx, c);
  if (c.status !== 'reviewing' || c.stepKind !== 'review') throw wrongStep(c, '审核上报');
  const { config } = await configFor(ctx, c.orgPath, c.year);
  if (!rulesAt(c, config).canForward) throw new AppError('hardship.step_rule', '按本地帮扶规定，这份申请由本级审批，请直接审批');
  const incomeChecks = incomeChecksWith(c, input.incomeCheck);
  let steps = c.steps;
  if (c.stepIndex === steps.length - 1) {
    const city = await cityStepFor(ctx, c);
    if (!city) throw new AppError('hardship.step_rule', '没有可以上报的上级工会，请直接审批');
    steps = [...steps, city];
  }
  const next = steps[c.stepIndex + 1];
  const after = await move(ctx, caseWorkflow, C.cases, c, 'forward', {
    set: { ...arriveAt(ctx, steps, c.stepIndex + 1, config), incomeChecks: incomeChecks as unknown as DocValue, routeOrgIds: routeOf(steps, c.routeOrgIds) },
    ...(input.note ? { note: input.note } : {}),
    summary: `${c.steps[c.stepIndex].orgName}审核通过，报${next.orgName}`,
    notify: notify.reached(c, stepLabel(next, c.stepIndex + 1 === steps.length - 1)),
  });
  return answer(ctx, after, `已报${next.orgName}`);
}

export function costsOf(c: CaseDoc, config: HardshipConfig): CostFacts {
  const f = c.form ?? {};
  return {
    dibao: config.dibao,
    medicalCosts: f.medicalCosts ?? 0,
    schoolingCosts: f.schoolingCosts ?? 0,
    rigidExpenses: c.income?.rigidExpenses ?? (f.medicalCosts ?? 0) + (f.schoolingCosts ?? 0) + (f.otherCosts ?? 0),
    aidReceived: f.aidReceived ?? 0,
  };
}

/** What the household has left of its yearly cap: other cases of the same person this year that were granted aid. */
export async function householdCapLeft(ctx: HandlerContext, c: CaseDoc, config: HardshipConfig): Promise<number> {
  const others = await ctx.store.find<CaseDoc>(C.cases, { idHash: c.idHash, year: c.year }, { limit: 100, projection: { status: 1, totalAmount: 1 } });
  const granted = others.filter((o) => o._id !== c._id && ['notice', 'paying', 'paid', 'archived', 'closed'].includes(o.status)).reduce((s, o) => s + (o.totalAmount ?? 0), 0);
  return Math.max(0, config.householdYearCap - granted);
}

export async function decide(ctx: MemberContext, input: Input<'hardship', 'decide'>) {
  const { c, retried } = await staffCase(ctx, input.caseId, 'decide');
  if (retried) return answer(ctx, c);
  if (c.status !== 'reviewing' || c.stepKind !== 'review') throw wrongStep(c, '审批');
  if (c.type === 'recheck') throw new AppError('hardship.step_rule', '年度复核请填写复核结论');
  const { config } = await configFor(ctx, c.orgPath, c.year);
  const rules = rulesAt(c, config);
  if (!rules.canDecide) throw new AppError('hardship.step_rule', '按本地帮扶规定，这份申请需要报上级审批');
  const incomeChecks = incomeChecksWith(c, input.incomeCheck);
  const wanted = [...c.aidKinds].sort().join();
  if ([...input.awards.map((a) => a.aidKind)].sort().join() !== wanted) {
    throw new AppError('validation', `请为申请的每个救助项目填写金额：${c.aidKinds.map((k) => AID_KIND_LABELS[k]).join('、')}`, [{ path: ['awards'], message: '救助项目与申请不一致' }]);
  }
  const capLeft = await householdCapLeft(ctx, c, config);
  const items = suggestions(config, input.category, c.aidKinds, costsOf(c, config), capLeft);
  const awards = input.awards.map((a, i) => {
    const item = items.find((x) => x.aidKind === a.aidKind)!;
    if (a.amount < item.min || a.amount > item.max) {
      throw new AppError('hardship.out_of_bounds', `${item.label}金额应在 ${item.min}–${item.max} 元之间（${item.rule}）`, [{ path: ['awards', i, 'amount'], message: `应在 ${item.min}–${item.max} 元之间` }]);
    }
    if (Math.round(a.amount) !== item.suggested && !a.reason) {
      throw new AppError('validation', `${item.label}金额与建议金额 ${item.suggested} 元不同，请说明原因`, [{ path: ['awards', i, 'reason'], message: '请说明调整金额的原因' }]);
    }
    return { aidKind: a.aidKind, amount: Math.round(a.amount * 100) / 100, suggested: item.suggested, reason: a.reason ?? null };
  });
  const total = Math.round(awards.reduce((s, a) => s + a.amount, 0) * 100) / 100;
  const step = c.steps[c.stepIndex];
  if (rules.limit !== null && c.stepIndex < c.steps.length - 1 && total > rules.limit) {
    throw new AppError('hardship.step_rule', `合计 ${total} 元，超过乡镇审批限额 ${rules.limit} 元，请报上级审批`, [{ path: ['awards'], message: `超过乡镇审批限额 ${rules.limit} 元` }]);
  }
  const period = noticePeriod(localDateOf(ctx.now), config.noticeWorkingDays, { holidays: config.holidays, workdays: config.workdays });
  const decided = { ...c, awards, totalAmount: total };
  const after = await move(ctx, caseWorkflow, C.cases, c, 'decide', {
    set: {
      category: input.category,
      awards: awards as unknown as DocValue,
      totalAmount: total,
      incomeChecks: incomeChecks as unknown as DocValue,
      decidedStep: c.stepIndex,
      decidingOrgId: step.orgId,
      decidingOrgPath: step.orgPath,
      noticeFrom: period.from,
      noticeUntil: period.until,
      noticeEndsAt: endOfLocalDay(period.until).toISOString(),
      decidedAt: ctx.now.toISOString(),
      stepKind: null,
      dueAt: null,
    },
    ...(input.note ? { note: input.note } : {}),
    summary: `${step.orgName}审批通过：${CATEGORY_LABELS[input.category]}，合计 ${total} 元，公示至${formatDate(period.until)}`,
    notify: [...notify.approved(decided), ...notify.notice(c, period.from, period.until)],
  });
  return answer(ctx, after, `已批准，合计 ${total} 元，公示至${formatDate(period.until)}`);
}

export async function conclude(ctx: MemberContext, input: Input<'hardship', 'conclude'>) {
  const { c, retried } = await staffCase(ctx, input.caseId, 'conclude');
  if (retried) {
    await applyHousehold(ctx, c);
    return answer(ctx, c);
  }
  if (c.type !== 'recheck') throw new AppError('hardship.step_rule', '只有年度复核填写复核结论');
  if (c.status !== 'reviewing' || c.stepKind !== 'review') throw wrongStep(c, '填写复核结论');
  const { config } = await configFor(ctx, c.orgPath, c.year);
  if (!rulesAt(c, config).canDecide) throw new AppError('hardship.step_rule', '复核结论由审批工会填写');
  const household = c.householdId ? await householdOf(ctx.store, c.householdId) : null;
  const category: Category | null = input.outcome === 'change' ? input.category ?? null : household?.category ?? c.category;
  const step = c.steps[c.stepIndex];
  const after = await move(ctx, caseWorkflow, C.cases, c, 'conclude', {
    set: {
      recheck: { outcome: input.outcome, category, reason: input.reason ?? null },
      category,
      decidedStep: c.stepIndex,
      decidingOrgId: step.orgId,
      decidingOrgPath: step.orgPath,
      decidedAt: ctx.now.toISOString(),
      recheckDueOn: addLocalMonths(localDateOf(ctx.now), config.recheckMonths),
      stepKind: null,
      dueAt: null,
    },
    ...(input.reason ? { reason: input.reason } : {}),
    summary: `${step.orgName}复核：${input.outcome === 'continue' ? '继续建档' : input.outcome === 'change' ? `调整为${CATEGORY_LABELS[category ?? 'relative']}` : '脱困，退出档案'}`,
    notify: notify.reached(c, input.outcome === 'exit' ? '复核完成，已脱困退出档案' : '复核完成，继续建档'),
  });
  await applyHousehold(ctx, after);
  return answer(ctx, after, '复核已完成');
}

export async function sendBack(ctx: MemberContext, input: Input<'hardship', 'sendBack'>) {
  const { c, retried } = await staffCase(ctx, input.caseId, 'send_back');
  if (retried) return answer(ctx, c);
  if (c.status !== 'reviewing') throw wrongStep(c, '退回');
  if (input.toStep >= c.stepIndex) throw new AppError('validation', '只能退回到之前的环节', [{ path: ['toStep'], message: '只能退回到之前的环节' }]);
  const { config } = await configFor(ctx, c.orgPath, c.year);
  const to = c.steps[input.toStep];
  const arrive = arriveAt(ctx, c.steps, input.toStep, config);
  const after = await move(ctx, caseWorkflow, C.cases, c, 'send_back', {
    set: { ...arrive },
    reason: input.reason,
    summary: `${c.steps[c.stepIndex].orgName}退回${stepLabel(to)}重新办理`,
    notify: sentBackStaff(await staffOf(ctx.store, to.orgId), c, c.steps[c.stepIndex].orgName, input.reason, (arrive as { dueAt?: string | null }).dueAt ?? null),
  });
  return answer(ctx, after, `已退回${to.orgName}`);
}

export async function returnCase(ctx: MemberContext, input: Input<'hardship', 'returnCase'>) {
  const { c, retried } = await staffCase(ctx, input.caseId, 'return');
  if (retried) return answer(ctx, c);
  if (c.status !== 'reviewing') throw wrongStep(c, '退回');
  if (!c.filerId) throw new AppError('hardship.step_rule', '这份申请是下派核实的，没有提交人，请退回基层工会入户核实环节');
  const missing = [...new Set(input.missing)];
  const after = await move(ctx, caseWorkflow, C.cases, c, 'return', {
    set: { returnedFrom: c.stepIndex, returnMissing: missing, dueAt: null },
    reason: input.reason,
    note: missing.length ? `缺少：${missing.map((d) => DOC_LABELS[d]).join('、')}` : undefined,
    summary: `${c.steps[c.stepIndex].orgName}退回提交人补充材料`,
    notify: notify.returned(c, input.reason, missing),
  });
  return answer(ctx, after, '已退回提交人补充材料');
}

export async function reject(ctx: MemberContext, input: Input<'hardship', 'reject'>) {
  const { c, retried } = await staffCase(ctx, input.caseId, 'reject');
  const after = retried
    ? c
    : await move(ctx, caseWorkflow, C.cases, c, 'reject', {
        reason: input.reason,
        set: { dueAt: null, stepKind: null },
        summary: `${c.steps[c.stepIndex]?.orgName ?? ''}不予通过`,
        notify: notify.rejected(c, input.reason),
        wrongState: () => wrongStep(c, '作出决定'),
      });
  await releaseSlots(ctx, after);
  return answer(ctx, after, '已作出不予通过的决定');
}

export async function remind(ctx: MemberContext, input: Input<'hardship', 'remind'>) {
  const { c, retried } = await staffCase(ctx, input.caseId, 'remind');
  if (retried) return answer(ctx, c);
  if (c.status !== 'reviewing' || !c.stepOrgId) throw wrongStep(c, '催办');
  const mine = ctx.caller.staffOrg;
  if (!isAdmin(ctx.caller) && mine?._id === c.stepOrgId) throw new AppError('hardship.step_rule', '这份申请在本级办理，请直接办理；催办用于提醒下级工会');
  const to = await staffOf(ctx.store, c.stepOrgId);
  const byOrgName = mine?.name ?? '系统管理员';
  const reminder = { at: ctx.now.toISOString(), byOrgId: mine?._id ?? null, byOrgName, toOrgId: c.stepOrgId, note: input.note ?? null };
  const after = await move(ctx, caseWorkflow, C.cases, c, 'remind', {
    set: { reminders: [...c.reminders, reminder].slice(-20) as unknown as DocValue },
    ...(input.note ? { reason: input.note } : {}),
    summary: `${byOrgName}催办${c.steps[c.stepIndex].orgName}`,
    notify: remindStaff(to, c._id, byOrgName, c.dueAt, c.caseNo),
  });
  return answer(ctx, after, `已提醒${c.steps[c.stepIndex].orgName}尽快办理`);
}
