/**
 * The life of a 微心愿, declared once: collected (for an archived household, by its union's staff or by the archived
 * worker), vetted by the town or county (as the org configures), published to an area's pool, claimed by one
 * volunteer with a delivery deadline (given back, or released by the system when the deadline passes), delivered with
 * photos, confirmed (or disputed) by the household's union or the household, and completed. The functions move
 * wishes only through this table; the pages read its labels and steps.
 *
 * `claim` is fired by the volunteer the claim names: the claim step writes `claim.volunteerId` in the same conditional
 * update that moves the wish, after checking that the caller volunteers in the wish's area and is not of its
 * household (cloudfunctions/domain/wishes/claim.ts).
 */
import { defineWorkflow, type EventOf, type StateOf } from './workflow';

/** Staff of the household's union or any union above it (grassroots staff collect on a home visit). */
const UNION = { staff: { covers: ['orgPath'] } } as const;
/** Staff of the vetting org (town or county, by policy) or above it. */
const VETTER = { staff: { covers: ['vetPath'] } } as const;
/** The archived worker, when they have an account. */
const HOUSEHOLD = { person: 'householdUserId' } as const;
/** The volunteer holding the claim. */
const CLAIMER = { person: 'claim.volunteerId' } as const;

export const wishWorkflow = defineWorkflow({
  name: 'wish',
  subject: 'householdUserId',
  initial: ['none'],
  historyLimit: 30,
  states: {
    none: { label: '未登记', tone: 'muted' },
    submitted: { label: '待审核', tone: 'info', maxHours: 7 * 24 },
    returned: { label: '已退回修改', tone: 'warning' },
    rejected: { label: '未通过', tone: 'danger', terminal: true },
    published: { label: '待认领', tone: 'info' },
    claimed: { label: '已认领，待送达', tone: 'warning' },
    delivered: { label: '已送达，待确认', tone: 'warning', maxHours: 7 * 24 },
    completed: { label: '已完成', tone: 'success' },
    withdrawn: { label: '已撤回', tone: 'muted', terminal: true },
  },
  events: {
    submit: { label: '登记心愿', from: ['none'], to: 'submitted', who: [UNION, HOUSEHOLD] },
    resubmit: { label: '修改后重新提交', from: ['returned'], to: 'submitted', who: [UNION, HOUSEHOLD] },
    approve: { label: '审核通过并发布', from: ['submitted'], to: 'published', who: [VETTER], decides: true },
    return: { label: '退回修改', from: ['submitted'], to: 'returned', who: [VETTER], reason: 'required', decides: true },
    reject: { label: '不予通过', from: ['submitted'], to: 'rejected', who: [VETTER], reason: 'required', decides: true, danger: true },
    claim: { label: '认领心愿', from: ['published'], to: 'claimed', who: [CLAIMER] },
    give_back: { label: '放弃认领', from: ['claimed'], to: 'published', who: [CLAIMER], reason: 'required', danger: true },
    release: { label: '超过送达期限，自动释放', from: ['claimed'], to: 'published', who: ['system'] },
    deliver: { label: '送达心愿', from: ['claimed'], to: 'delivered', who: [CLAIMER] },
    confirm: { label: '确认收到', from: ['delivered'], to: 'completed', who: [UNION, HOUSEHOLD] },
    dispute: { label: '未收到，退回志愿者', from: ['delivered'], to: 'claimed', who: [UNION, HOUSEHOLD], reason: 'required', danger: true },
    fulfil: { label: '由工会直接帮助完成', from: ['published'], to: 'completed', who: [UNION], reason: 'optional' },
    withdraw: { label: '撤回心愿', from: ['submitted', 'returned', 'published'], to: 'withdrawn', who: [UNION, HOUSEHOLD], reason: 'required', danger: true },
    thank: { label: '留下感谢的话', from: ['completed'], to: 'completed', who: [HOUSEHOLD, UNION] },
  },
});

export type WishEvent = EventOf<typeof wishWorkflow>;
export type WishStatus = Exclude<StateOf<typeof wishWorkflow>, 'none'>;
