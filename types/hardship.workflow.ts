/**
 * The lifecycle of a 困难帮扶 case, declared once. A case is filed (by the worker, or by grassroots staff for a member,
 * or dispatched down by a county or town for verification) and then passes its steps — grassroots verification with
 * a home visit, then the review levels its org's configuration names (town, county, and the city for large medical
 * aid). The case records which org acts now (`stepOrgId`): only that org's staff move it (`at`), which is how a town
 * reviewer never acts on another town's case. At every step: approve up (verify / forward), decide (the deciding
 * level: category and amount → 公示), send back to an earlier step or return to the filer with a reason, or reject.
 * 公示 ends by the clock (→ to pay); an objection during it brings the case back to the deciding level. Payment is
 * recorded by the deciding org or above; then the household is archived (日常) or the case closed (临时). A re-check is
 * a case of its own on the same table (verify, one approval, concluded).
 *
 * Nobody fires a staff event on a case about themselves or about someone who holds a post at their org or above.
 */
import { defineWorkflow, type EventOf, type StateOf } from './workflow';

const FILER = { person: 'filerId' } as const;
const AT_STEP = { staff: { at: 'stepOrgId' } } as const;
/** A county or town (or above) covering the member's union. */
const DISPATCHER = { staff: { covers: ['orgPath'], minLevel: 'town' } } as const;
/** Staff on the path at or above the acting org (the feature allows strictly above only). */
const ABOVE_STEP = { staff: { covers: ['stepOrgPath'] } } as const;
/** The deciding org or an org above it (it pays). */
const PAYER = { staff: { covers: ['decidingOrgPath'] } } as const;
/** Staff covering the member's union (archive, close, open a re-check). */
const KEEPER = { staff: { covers: ['orgPath'] } } as const;

export const caseWorkflow = defineWorkflow({
  name: 'hardship_case',
  subject: 'userId',
  initial: ['none'],
  historyLimit: 40,
  states: {
    none: { label: '未申请', tone: 'muted' },
    draft: { label: '草稿', tone: 'muted' },
    reviewing: { label: '办理中', tone: 'info' },
    returned: { label: '退回补充材料', tone: 'warning' },
    notice: { label: '公示中', tone: 'info' },
    paying: { label: '待发放', tone: 'info' },
    paid: { label: '已发放', tone: 'success' },
    archived: { label: '已建档', tone: 'success', terminal: true },
    closed: { label: '已结案', tone: 'success', terminal: true },
    concluded: { label: '复核完成', tone: 'success', terminal: true },
    rejected: { label: '未通过', tone: 'danger', terminal: true },
    withdrawn: { label: '已撤回', tone: 'muted', terminal: true },
  },
  events: {
    save: { label: '保存草稿', from: ['none', 'draft'], to: 'draft', who: [FILER] },
    file: { label: '提交申请', from: ['none', 'draft'], to: 'reviewing', who: [FILER] },
    dispatch: { label: '下派核实', from: ['none'], to: 'reviewing', who: [DISPATCHER] },
    open_recheck: { label: '开始年度复核', from: ['none'], to: 'reviewing', who: [KEEPER, 'system'] },
    withdraw: { label: '撤回申请', from: ['draft', 'reviewing', 'returned'], to: 'withdrawn', who: [FILER], reason: 'optional', danger: true },
    verify: { label: '入户核实通过', from: ['reviewing'], to: 'reviewing', who: [AT_STEP] },
    forward: { label: '审核通过，报上级', from: ['reviewing'], to: 'reviewing', who: [AT_STEP] },
    send_back: { label: '退回下级重新办理', from: ['reviewing'], to: 'reviewing', who: [AT_STEP], reason: 'required' },
    return: { label: '退回补充材料', from: ['reviewing'], to: 'returned', who: [AT_STEP], reason: 'required' },
    resubmit: { label: '补充后重新提交', from: ['returned'], to: 'reviewing', who: [FILER] },
    decide: { label: '审批通过', from: ['reviewing'], to: 'notice', who: [AT_STEP], decides: true },
    conclude: { label: '复核完成', from: ['reviewing'], to: 'concluded', who: [AT_STEP], decides: true },
    reject: { label: '不予通过', from: ['reviewing'], to: 'rejected', who: [AT_STEP], reason: 'required', decides: true, danger: true },
    remind: { label: '催办', from: ['reviewing'], to: 'reviewing', who: [ABOVE_STEP], reason: 'optional' },
    object: { label: '公示期收到异议', from: ['notice'], to: 'reviewing', who: ['system'], reason: 'required' },
    notice_end: { label: '公示期满', from: ['notice'], to: 'paying', who: ['system'] },
    pay: { label: '发放救助金', from: ['paying'], to: 'paid', who: [PAYER] },
    archive: { label: '建档', from: ['paid'], to: 'archived', who: [KEEPER] },
    close: { label: '结案', from: ['paid'], to: 'closed', who: [KEEPER] },
  },
});

export type CaseEvent = EventOf<typeof caseWorkflow>;
export type CaseState = StateOf<typeof caseWorkflow>;

/** States in which a case holds its one-per-person-and-aid-kind slots (everything filed that did not end without aid). */
export const HOLDS_SLOTS: readonly CaseState[] = ['reviewing', 'returned', 'notice', 'paying', 'paid', 'archived', 'closed'];
/** States from which the filer may still withdraw ("until decided"). */
export const OPEN_STATES: readonly CaseState[] = ['draft', 'reviewing', 'returned'];
