/** What lists show of a case: where it is, in plain words — never family members, attachments, illness or income. */
import { RECHECK_LABELS, type CaseSummary } from '../../../types/hardship.model';
import { caseWorkflow } from '../../../types/hardship.workflow';
import { formatDate } from '../../../types/time';
import { isAdmin } from '../../core/authority';
import type { Caller } from '../../core/users';
import type { CaseDoc } from './model';
import { stepLabel } from './route';

export function stepTextOf(c: CaseDoc): string {
  switch (c.status) {
    case 'draft':
      return '草稿，尚未提交';
    case 'reviewing': {
      const step = c.steps[c.stepIndex];
      if (!step) return '办理中';
      const deciding = c.stepIndex === c.steps.length - 1 && step.kind === 'review';
      return `待${stepLabel(step, deciding)}`;
    }
    case 'returned':
      return '已退回，请补充材料后重新提交';
    case 'notice':
      return `公示中（至${formatDate(c.noticeUntil)}）`;
    case 'paying':
      return '公示期满，等待发放';
    case 'paid':
      return `已发放 ${c.totalAmount ?? 0} 元`;
    case 'archived':
      return `已发放 ${c.totalAmount ?? 0} 元，已建档`;
    case 'closed':
      return `已发放 ${c.totalAmount ?? 0} 元，已结案`;
    case 'concluded':
      return c.recheck ? `复核结论：${RECHECK_LABELS[c.recheck.outcome]}` : '复核完成';
    case 'rejected':
      return '未通过';
    case 'withdrawn':
      return '已撤回';
    default:
      return caseWorkflow.states[c.status].label;
  }
}

/** Whether the caller's union acts on the case now. */
export function actsNow(caller: Caller, c: CaseDoc): boolean {
  const org = caller.staffOrg;
  if (c.status === 'reviewing') return isAdmin(caller) || (!!org && c.stepOrgId === org._id);
  if (c.status === 'paying') return isAdmin(caller) || (!!org && c.decidingOrgPath.includes(org._id));
  return false;
}

export function summaryOf(c: CaseDoc, caller: Caller, now: Date): CaseSummary {
  const overdue = c.status === 'reviewing' && !!c.dueAt && Date.parse(c.dueAt) < now.getTime();
  return {
    id: c._id,
    caseNo: c.caseNo,
    type: c.type,
    origin: c.origin,
    status: c.status,
    statusText: caseWorkflow.states[c.status].label,
    stepText: stepTextOf(c),
    name: c.name,
    orgName: c.orgName,
    aidKinds: c.aidKinds,
    totalAmount: c.totalAmount,
    dueAt: c.status === 'reviewing' ? c.dueAt : null,
    overdue,
    reminders: c.reminders.length,
    updatedAt: c.updatedAt,
    mine: actsNow(caller, c),
  };
}
