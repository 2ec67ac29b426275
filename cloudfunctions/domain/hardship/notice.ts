/**
 * 公示: approved cases listed for the configured working days to everyone registered in the deciding org's subtree,
 * with the masked name (王*明), union, category, aid kinds and amount — no ID, phone, address, illness or other
 * hardship details. An objection during the period brings the case back to the deciding level (a move made by the
 * system on the objector's behalf; the objector is recorded on the case and in the audit trail, never shown in the
 * list). When the period ends the case moves to payment, on the timer and lazily wherever the list is read.
 */
import { AID_KIND_LABELS, CATEGORY_LABELS, type NoticeItem } from '../../../types/hardship.model';
import { caseWorkflow } from '../../../types/hardship.workflow';
import { auditOnce } from '../../core/audit';
import type { HandlerContext, Input, MemberContext } from '../../core/context';
import { AppError, forbidden, notFound } from '../../core/errors';
import type { DocValue } from '../../core/store/port';
import { auditIdOf, move } from '../../core/workflow';
import { configFor } from './config';
import { C, type CaseDoc } from './model';
import { notify } from './notify';
import { arriveAt } from './route';

/** Moves every case whose 公示 has ended to payment. Returns how many it moved. */
export async function endDueNotices(ctx: HandlerContext): Promise<number> {
  const due = await ctx.store.find<CaseDoc>(C.cases, { status: 'notice', noticeEndsAt: { $lte: ctx.now.toISOString() } }, { sort: { noticeEndsAt: 1 }, limit: 200 });
  let n = 0;
  for (const c of due) {
    try {
      await move(ctx, caseWorkflow, C.cases, c, 'notice_end', { system: true, summary: '公示期满，无异议，转入待发放', notify: notify.noticeEnded(c), where: { noticeEndsAt: c.noticeEndsAt } });
      n++;
    } catch (e) {
      if (!(e instanceof AppError && (e.code === 'conflict' || e.code === 'wrong_state'))) throw e;
    }
  }
  return n;
}

export function noticeItemOf(c: CaseDoc): NoticeItem {
  return {
    caseId: c._id,
    nameMasked: c.nameMasked,
    orgName: c.orgName,
    categoryText: c.category ? CATEGORY_LABELS[c.category] : '',
    aidKindsText: c.aidKinds.map((k) => AID_KIND_LABELS[k]).join('、'),
    amount: c.totalAmount ?? 0,
    from: c.noticeFrom ?? '',
    until: c.noticeUntil ?? '',
    decidedBy: c.decidedStep !== null ? c.steps[c.decidedStep]?.orgName ?? '' : '',
  };
}

/** The notices a person sees: decided by their own union or one above it. */
export async function notices(ctx: MemberContext) {
  await endDueNotices(ctx);
  const path = ctx.caller.user.orgPath;
  const docs = await ctx.store.find<CaseDoc>(C.cases, { status: 'notice', decidingOrgId: { $in: path } }, { sort: { noticeUntil: 1 }, limit: 200 });
  return { items: docs.map(noticeItemOf) };
}

export async function object(ctx: MemberContext, input: Input<'hardship', 'object'>) {
  const c = await ctx.store.get<CaseDoc>(C.cases, input.caseId);
  const me = ctx.caller.user;
  const mine = c?.objections.find((o) => o.byUserId === me._id && !!ctx.requestId && o.requestId === ctx.requestId);
  if (c && mine) return { caseId: c._id, message: '已收到您的异议，审批工会将复核' };
  if (!c || c.status !== 'notice' || !c.decidingOrgId || !me.orgPath.includes(c.decidingOrgId)) throw notFound('没有找到这项公示，可能已经结束');
  if (c.userId === me._id || c.filerId === me._id) throw forbidden('不能对自己的申请提出异议');
  if (!c.noticeEndsAt || Date.parse(c.noticeEndsAt) <= ctx.now.getTime()) throw new AppError('hardship.notice_closed');
  const { config } = await configFor(ctx, c.orgPath, c.year);
  const back = c.decidedStep ?? c.steps.length - 1;
  const after = await move(ctx, caseWorkflow, C.cases, c, 'object', {
    system: true,
    reason: input.reason,
    set: {
      objections: [...c.objections, { at: ctx.now.toISOString(), byUserId: me._id, reason: input.reason, requestId: ctx.requestId ?? null }] as unknown as DocValue,
      ...arriveAt(ctx, c.steps, back, config),
      noticeFrom: null,
      noticeUntil: null,
      noticeEndsAt: null,
    },
    summary: `公示期收到异议，退回${c.steps[back]?.orgName ?? '审批工会'}复核`,
    notify: notify.objected(c),
  });
  // Who objected, in the audit trail (the move itself is the system's).
  await auditOnce(ctx, { id: `${auditIdOf(C.cases, c._id, after.version)}:objector`, targetType: 'hardship_case', targetId: c._id, summary: '提出公示异议', reason: input.reason });
  return { caseId: c._id, message: '已收到您的异议，审批工会将复核。您的身份不会公开。' };
}
