/**
 * The lifecycles of 疗休养, declared once: a trip (draft → published → closed) and a sign-up. The functions move
 * records only through these tables and the pages read their labels and steps from them.
 *
 * A sign-up starts from `none` (and starts again from any ended state: one record per person per trip). `placing`
 * is kept only so that a sign-up interrupted in that state by an older version is resumed. Holding a place:
 * pending_review, confirmed, offered, attended.
 */
import { defineWorkflow, type EventOf, type StateOf } from './workflow';

const ORGANISER = { staff: { covers: ['tripOrgPath'] } } as const;
const SELF = { person: 'userId' } as const;

const START = ['none', 'placing', 'cancelled', 'rejected', 'declined', 'offer_expired'] as const;

export const signupWorkflow = defineWorkflow({
  name: 'trip_signup',
  subject: 'userId',
  initial: ['none'],
  historyLimit: 20,
  states: {
    none: { label: '未报名', tone: 'muted' },
    placing: { label: '正在处理', tone: 'info' },
    applied: { label: '已报名，等待抽签', tone: 'info' },
    pending_review: { label: '已占名额，等待审核', tone: 'warning', maxHours: 72 },
    confirmed: { label: '报名成功', tone: 'success' },
    waiting: { label: '候补中', tone: 'info' },
    offered: { label: '有空出名额，请确认', tone: 'warning' },
    attended: { label: '已签到出发', tone: 'success', terminal: true },
    cancelled: { label: '已取消', tone: 'muted' },
    rejected: { label: '审核未通过', tone: 'danger' },
    declined: { label: '已放弃名额', tone: 'muted' },
    offer_expired: { label: '未按时确认，名额已顺延', tone: 'muted' },
  },
  events: {
    place: { label: '报名成功', from: START, to: 'confirmed', who: [SELF] },
    place_for_review: { label: '报名占得名额，待审核', from: START, to: 'pending_review', who: [SELF] },
    wait: { label: '名额已满，进入候补', from: START, to: 'waiting', who: [SELF] },
    apply: { label: '报名抽签', from: START, to: 'applied', who: [SELF] },
    win: { label: '抽签中签', from: ['applied'], to: 'confirmed', who: ['system'] },
    win_for_review: { label: '抽签中签，待审核', from: ['applied'], to: 'pending_review', who: ['system'] },
    lose: { label: '抽签未中签，候补', from: ['applied'], to: 'waiting', who: ['system'] },
    approve: { label: '审核通过', from: ['pending_review'], to: 'confirmed', who: [ORGANISER] },
    reject: { label: '审核不通过', from: ['pending_review'], to: 'rejected', who: [ORGANISER], reason: 'required', decides: true, danger: true },
    offer: { label: '空出名额顺延', from: ['waiting'], to: 'offered', who: ['system'] },
    accept: { label: '接受顺延的名额', from: ['offered'], to: 'confirmed', who: [SELF] },
    accept_for_review: { label: '接受顺延的名额，待审核', from: ['offered'], to: 'pending_review', who: [SELF] },
    decline: { label: '放弃顺延的名额', from: ['offered'], to: 'declined', who: [SELF], danger: true },
    expire: { label: '候补名额超时未确认', from: ['offered'], to: 'offer_expired', who: ['system'] },
    cancel: { label: '本人取消报名', from: ['applied', 'pending_review', 'confirmed', 'waiting', 'offered'], to: 'cancelled', who: [SELF], reason: 'optional', danger: true },
    check_in: { label: '出发签到', from: ['confirmed'], to: 'attended', who: [ORGANISER] },
  },
});

export type SignupEvent = EventOf<typeof signupWorkflow>;
export type SignupState = StateOf<typeof signupWorkflow>;

export const tripWorkflow = defineWorkflow({
  name: 'trip',
  initial: ['draft'],
  historyLimit: 20,
  states: {
    draft: { label: '草稿', tone: 'muted' },
    published: { label: '已发布', tone: 'success' },
    closed: { label: '已关闭', tone: 'muted', terminal: true },
  },
  events: {
    publish: { label: '发布疗休养', from: ['draft'], to: 'published', who: [{ staff: { covers: ['orgPath'] } }] },
    close: { label: '关闭报名', from: ['published'], to: 'closed', who: [{ staff: { covers: ['orgPath'] } }], reason: 'optional', danger: true },
  },
});

export type TripEvent = EventOf<typeof tripWorkflow>;
