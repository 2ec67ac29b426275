/**
 * The notices a case's steps send (core/notices.ts drafts, carried in the move that makes the step): to the person
 * concerned, and to the filer when someone else filed. Plain Chinese, short, no illness or income details.
 */
import { AID_KIND_LABELS, DOC_LABELS, type DocKind } from '../../../types/hardship.model';
import { formatDate } from '../../../types/time';
import type { NoticeDraft } from '../../core/notices';
import type { Store } from '../../core/store/port';
import type { UserDoc } from '../../core/users';
import type { CaseDoc } from './model';

/** The person's (and the filer's) view of a case, and the staff's page to act on it (src/pkg-hardship). */
export const CASE_PAGE = '/pkg-hardship/detail/index';
export const STAFF_CASE_PAGE = '/pkg-hardship/review/index';

export type HardshipNoticeKind =
  | 'hardship_step' | 'hardship_returned' | 'hardship_approved' | 'hardship_rejected' | 'hardship_notice' | 'hardship_paid' | 'hardship_recheck'
  | 'hardship_remind' | 'hardship_dispatched' | 'hardship_sent_back';

type Person = Pick<CaseDoc, '_id' | 'userId' | 'filerId'>;

/** Values for the subscribe-message templates (types/notice-templates.ts `FieldSource`): the sender formats them. */
interface Fields {
  outcome: string;
  note?: string;
  date?: string;
  deadline?: string;
}

const SUBJECT = '困难帮扶申请';

/** One notice to the person and (when different) to the filer. */
export function toPeople(c: Person, kind: HardshipNoticeKind, title: string, body: string, fields: Fields): NoticeDraft[] {
  const ids = [...new Set([c.userId, c.filerId].filter((x): x is string => !!x))];
  return ids.map((userId) => ({ userId, kind, title, body, link: `${CASE_PAGE}?caseId=${c._id}`, fields: { subject: SUBJECT, ...clean(fields) } }));
}

function clean(fields: Fields): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;
}

export const notify = {
  filed: (c: Person, next: string) => toPeople(c, 'hardship_step', '帮扶申请已提交', `申请已受理，下一步：${next}。每一步办理都会通知您。`, { outcome: '已受理', note: `下一步：${next}` }),
  reached: (c: Person, next: string) => toPeople(c, 'hardship_step', '帮扶申请有新进展', `您的申请已进入下一步：${next}。`, { outcome: '办理中', note: `下一步：${next}` }),
  returned: (c: Person, reason: string, missing: readonly DocKind[]) =>
    toPeople(c, 'hardship_returned', '帮扶申请需补充材料', `${reason}${missing.length ? `（缺少：${missing.map((d) => DOC_LABELS[d]).join('、')}）` : ''}。请补充后重新提交，原有内容都已保留。`, {
      outcome: '退回补充',
      note: missing.length ? `请补充：${missing.map((d) => DOC_LABELS[d]).join('、')}` : reason,
    }),
  approved: (c: Person & Pick<CaseDoc, 'awards' | 'totalAmount'>) =>
    toPeople(c, 'hardship_approved', '帮扶申请已批准', `已批准${c.awards.map((a) => `${AID_KIND_LABELS[a.aidKind]} ${a.amount} 元`).join('、')}，合计 ${c.totalAmount ?? 0} 元，公示期满后发放。`, {
      outcome: '已批准',
      note: `合计${c.totalAmount ?? 0}元，公示期满后发放`,
    }),
  notice: (c: Person, from: string, until: string) =>
    toPeople(c, 'hardship_notice', '帮扶结果公示中', `公示时间：${formatDate(from)}至${formatDate(until)}，公示只显示隐去一字的姓名、工会、类别和金额。`, { outcome: '公示中', note: `公示至${formatDate(until)}`, date: until }),
  objected: (c: Person) => toPeople(c, 'hardship_step', '公示期收到异议', '公示期间收到异议，已退回审批工会复核，请留意后续通知。', { outcome: '复核中', note: '公示期收到异议，退回复核' }),
  noticeEnded: (c: Person) => toPeople(c, 'hardship_step', '公示期满', '公示期已满，等待发放救助金。', { outcome: '待发放', note: '公示期满，等待发放' }),
  paid: (c: Person, amount: number, paidOn: string) =>
    toPeople(c, 'hardship_paid', '救助金已发放', `救助金 ${amount} 元已于${formatDate(paidOn)}发放，请注意查收。`, { outcome: '已发放', note: `${amount}元已发放，请注意查收`, date: paidOn }),
  rejected: (c: Person, reason: string) => toPeople(c, 'hardship_rejected', '帮扶申请未通过', `未通过的原因：${reason}。如有疑问请联系所在基层工会。`, { outcome: '未通过', note: reason }),
  archived: (c: Person, dueOn: string) =>
    toPeople(c, 'hardship_step', '已纳入困难职工档案', `已建档，下次复核时间约为${formatDate(dueOn)}，情况变化请及时告诉工会。`, { outcome: '已建档', note: `下次复核约${formatDate(dueOn)}` }),
  closed: (c: Person) => toPeople(c, 'hardship_step', '帮扶申请已结案', '救助金已发放，这次临时救助已经结案。情况有变化请及时告诉所在基层工会。', { outcome: '已结案', note: '救助金已发放，已结案' }),
  concluded: (c: Person, text: string) => toPeople(c, 'hardship_step', '帮扶申请有新进展', `您的申请已进入下一步：${text}。`, { outcome: '复核完成', note: text }),
  recheck: (c: Person, dueOn: string) =>
    toPeople(c, 'hardship_recheck', '困难档案年度复核', `您的困难档案将于${formatDate(dueOn)}到期复核，基层工会会与您联系入户了解情况。`, { outcome: '待复核', note: '基层工会会与您联系入户了解情况', date: dueOn }),
};

/** Staff of one union (who act there): the people a dispatch, a send-back or a reminder is for. */
export async function staffOf(store: Store, orgId: string): Promise<string[]> {
  const staff = await store.find<UserDoc>('users', { staffOrgId: orgId }, { limit: 20, projection: { roles: 1, status: 1 } });
  return staff.filter((u) => u.roles?.includes('staff') && u.status !== 'deceased').map((u) => u._id);
}

/** A task for a union's staff: no name, no ID, no illness — the case number and where to act. */
function toStaff(staffIds: readonly string[], kind: HardshipNoticeKind, caseId: string, title: string, body: string, fields: { note: string; deadline?: string | null }): NoticeDraft[] {
  return staffIds.map((userId) => ({
    userId,
    kind,
    title,
    body,
    link: `${STAFF_CASE_PAGE}?caseId=${caseId}`,
    fields: { subject: title, note: fields.note, ...(fields.deadline ? { deadline: fields.deadline } : {}) },
  }));
}

/** A reminder to the staff of the org that holds a case. */
export function remindStaff(staffIds: readonly string[], caseId: string, byOrgName: string, dueAt: string | null, caseNo?: string): NoticeDraft[] {
  return toStaff(staffIds, 'hardship_remind', caseId, '困难帮扶催办', `${byOrgName}提醒您尽快办理一份困难帮扶申请${caseNo ? `（编号 ${caseNo}）` : ''}${dueAt ? `（时限：${formatDate(dueAt)}）` : ''}。`, {
    note: `${byOrgName}催办${dueAt ? `，时限${formatDate(dueAt)}` : ''}`,
    deadline: dueAt,
  });
}

/** A case dispatched down to a grassroots union for a home visit. */
export function dispatchedStaff(staffIds: readonly string[], c: Pick<CaseDoc, '_id' | 'caseNo'>, byOrgName: string, dueAt: string | null): NoticeDraft[] {
  return toStaff(staffIds, 'hardship_dispatched', c._id, '困难帮扶下派核实', `${byOrgName}下派一份困难帮扶核实（编号 ${c.caseNo}），请入户走访核实${dueAt ? `，期限${formatDate(dueAt)}` : ''}。`, {
    note: `${byOrgName}下派，请入户核实`,
    deadline: dueAt,
  });
}

/** A case sent back to an earlier step (an org below) to be done again. */
export function sentBackStaff(staffIds: readonly string[], c: Pick<CaseDoc, '_id' | 'caseNo'>, byOrgName: string, reason: string, dueAt: string | null): NoticeDraft[] {
  return toStaff(staffIds, 'hardship_sent_back', c._id, '困难帮扶申请退回重办', `${byOrgName}退回一份困难帮扶申请（编号 ${c.caseNo}）请重新办理：${reason}`, { note: `${byOrgName}退回：${reason}`, deadline: dueAt });
}
