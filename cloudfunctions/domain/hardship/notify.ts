/**
 * The notices a case's steps send (core/notices.ts drafts, carried in the move that makes the step): to the person
 * concerned, and to the filer when someone else filed. Plain Chinese, short, no illness or income details.
 */
import { AID_KIND_LABELS, DOC_LABELS, type DocKind } from '../../../types/hardship.model';
import { formatDate } from '../../../types/time';
import type { NoticeDraft } from '../../core/notices';
import type { CaseDoc } from './model';

export const CASE_PAGE = '/pkg-hardship/case/index';

export type HardshipNoticeKind = 'hardship_step' | 'hardship_returned' | 'hardship_approved' | 'hardship_notice' | 'hardship_paid' | 'hardship_recheck' | 'hardship_remind';

type Person = Pick<CaseDoc, '_id' | 'userId' | 'filerId'>;

/** One notice to the person and (when different) to the filer. */
export function toPeople(c: Person, kind: HardshipNoticeKind, title: string, body: string): NoticeDraft[] {
  const ids = [...new Set([c.userId, c.filerId].filter((x): x is string => !!x))];
  return ids.map((userId) => ({ userId, kind, title, body, link: `${CASE_PAGE}?caseId=${c._id}`, fields: { thing1: title.slice(0, 20) } }));
}

export const notify = {
  filed: (c: Person, next: string) => toPeople(c, 'hardship_step', '帮扶申请已提交', `申请已受理，下一步：${next}。每一步办理都会通知您。`),
  reached: (c: Person, next: string) => toPeople(c, 'hardship_step', '帮扶申请有新进展', `您的申请已进入下一步：${next}。`),
  returned: (c: Person, reason: string, missing: readonly DocKind[]) =>
    toPeople(c, 'hardship_returned', '帮扶申请需补充材料', `${reason}${missing.length ? `（缺少：${missing.map((d) => DOC_LABELS[d]).join('、')}）` : ''}。请补充后重新提交，原有内容都已保留。`),
  approved: (c: Person & Pick<CaseDoc, 'awards' | 'totalAmount'>) =>
    toPeople(c, 'hardship_approved', '帮扶申请已批准', `已批准${c.awards.map((a) => `${AID_KIND_LABELS[a.aidKind]} ${a.amount} 元`).join('、')}，合计 ${c.totalAmount ?? 0} 元，公示期满后发放。`),
  notice: (c: Person, from: string, until: string) => toPeople(c, 'hardship_notice', '帮扶结果公示中', `公示时间：${formatDate(from)}至${formatDate(until)}，公示只显示隐去一字的姓名、工会、类别和金额。`),
  objected: (c: Person) => toPeople(c, 'hardship_step', '公示期收到异议', '公示期间收到异议，已退回审批工会复核，请留意后续通知。'),
  noticeEnded: (c: Person) => toPeople(c, 'hardship_step', '公示期满', '公示期已满，等待发放救助金。'),
  paid: (c: Person, amount: number, paidOn: string) => toPeople(c, 'hardship_paid', '救助金已发放', `救助金 ${amount} 元已于${formatDate(paidOn)}发放，请注意查收。`),
  rejected: (c: Person, reason: string) => toPeople(c, 'hardship_step', '帮扶申请未通过', `未通过的原因：${reason}。如有疑问请联系所在基层工会。`),
  archived: (c: Person, dueOn: string) => toPeople(c, 'hardship_step', '已纳入困难职工档案', `已建档，下次复核时间约为${formatDate(dueOn)}，情况变化请及时告诉工会。`),
  recheck: (c: Person, dueOn: string) => toPeople(c, 'hardship_recheck', '困难档案年度复核', `您的困难档案将于${formatDate(dueOn)}到期复核，基层工会会与您联系入户了解情况。`),
};

/** A reminder to the staff of the org that holds a case. */
export function remindStaff(staffIds: readonly string[], caseId: string, byOrgName: string, dueAt: string | null): NoticeDraft[] {
  return staffIds.map((userId) => ({
    userId,
    kind: 'hardship_remind',
    title: '困难帮扶催办',
    body: `${byOrgName}提醒您尽快办理一份困难帮扶申请${dueAt ? `（时限：${formatDate(dueAt)}）` : ''}。`,
    link: `${CASE_PAGE}?caseId=${caseId}`,
    fields: { thing1: '困难帮扶催办' },
  }));
}
