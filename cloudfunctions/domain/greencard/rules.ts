/**
 * Pure green-channel rules: who is eligible (and why not, in plain words), the card's state machine, and its
 * validity period in Asia/Shanghai business dates. No store, no clock: everything comes in as arguments.
 */
import { HONOUR_LEVEL_LABELS, type HonourLevel } from '../../../types/account.schema';
import type { CardStatus } from '../../../types/greencard.schema';
import { type CardEvent, cardWorkflow } from '../../../types/greencard.workflow';
import { addLocalDays, addLocalMonths, endOfLocalDay, localDateOf, localMonthOf } from '../../../types/time';
import { AppError } from '../../core/errors';


/** The default for 嘉兴市总工会: the national honours. */
export const DEFAULT_TITLES = ['全国劳动模范', '全国先进工作者', '享受全国劳模待遇', '全国五一劳动奖章'];
export const DEFAULT_VALIDITY_MONTHS = 36;

export interface PolicyRule {
  orgId: string;
  titles: string[];
  levels: HonourLevel[];
  validityMonths: number;
}

export interface HonourLike {
  _id: string;
  title: string;
  level: HonourLevel;
  year: number;
  linkStatus: string;
}

const LEVEL_RANK: Record<HonourLevel, number> = { national: 0, provincial: 1, city: 2, county: 3 };

/** 全国五一劳动奖章获得者 and 全国五一劳动奖章 are the same title; so are 享受全国劳模待遇人员 and 享受全国劳模待遇. */
export function normaliseTitle(title: string): string {
  return title.replace(/\s+/g, '').replace(/(获得者|人员|称号)$/u, '');
}

export function honourQualifies(h: Pick<HonourLike, 'title' | 'level'>, policy: PolicyRule): boolean {
  if (policy.levels.includes(h.level)) return true;
  const t = normaliseTitle(h.title);
  return policy.titles.some((p) => normaliseTitle(p) === t);
}

/** The qualifying confirmed honour of highest level (then most recent). */
export function bestQualifyingHonour<H extends HonourLike>(confirmed: H[], policy: PolicyRule): H | null {
  const ok = confirmed.filter((h) => h.linkStatus === 'confirmed' && honourQualifies(h, policy));
  ok.sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || b.year - a.year);
  return ok[0] ?? null;
}

export function policyScopeText(policy: PolicyRule): string {
  const parts: string[] = [];
  if (policy.titles.length > 0) parts.push(policy.titles.join('、'));
  if (policy.levels.length > 0) parts.push(`${policy.levels.map((l) => HONOUR_LEVEL_LABELS[l]).join('、')}荣誉获得者`);
  return parts.join('，以及');
}

export interface EligibilityInput<H extends HonourLike> {
  status: 'active' | 'deceased';
  /** The nearest organisation in the person's path that has a policy, and that policy. */
  issuer: { orgId: string; orgName: string; policy: PolicyRule } | null;
  /** All honour records linked to the person (confirmed or waiting). */
  honours: H[];
}

export interface Eligibility<H> {
  eligible: boolean;
  honour: H | null;
  reasons: string[];
}

export function eligibilityOf<H extends HonourLike>(input: EligibilityInput<H>): Eligibility<H> {
  if (input.status !== 'active') return { eligible: false, honour: null, reasons: ['该人员已登记去世，不能申领绿通卡。'] };
  if (!input.issuer) {
    return { eligible: false, honour: null, reasons: ['您所在的工会还没有开通医疗绿通卡。如有需要，请联系所在工会。'] };
  }
  const { policy, orgName } = input.issuer;
  const confirmed = input.honours.filter((h) => h.linkStatus === 'confirmed');
  const waiting = input.honours.filter((h) => h.linkStatus === 'suggested');
  const honour = bestQualifyingHonour(confirmed, policy);
  if (honour) return { eligible: true, honour, reasons: [] };
  const reasons: string[] = [];
  const scope = `${orgName}的医疗绿通卡目前发给：${policyScopeText(policy)}。`;
  if (confirmed.length === 0) {
    reasons.push('您还没有经工会确认的劳模工匠荣誉。');
  } else {
    const list = confirmed.map((h) => `“${h.title}”（${HONOUR_LEVEL_LABELS[h.level]}）`).join('、');
    reasons.push(`您的荣誉${list}暂不在发卡范围内。`);
  }
  reasons.push(scope);
  const waitingQualifying = waiting.filter((h) => honourQualifies(h, policy));
  if (waitingQualifying.length > 0) {
    reasons.push(`您的荣誉“${waitingQualifying[0].title}”正在等待工会确认，确认后即可申领。`);
  } else {
    reasons.push('如果您获得过上述荣誉但这里没有显示，请联系所在工会登记确认。');
  }
  return { eligible: false, honour: null, reasons };
}

// ---------------------------------------------------------------------------------------------- state machine

const WHY_NOT: Record<CardStatus, string> = {
  pending: '这张卡的申领还在审核中',
  active: '这张卡正在使用中',
  suspended: '这张卡已暂停',
  revoked: '这张卡已注销',
  rejected: '这张卡的申领未通过',
};

/** The status after the event (from the declared workflow), or AppError('greencard.bad_transition') in plain words. */
export function nextStatus(status: CardStatus, event: CardEvent): CardStatus {
  const spec = cardWorkflow.events[event];
  if (!(spec.from as readonly CardStatus[]).includes(status)) throw badTransition(status, event);
  return spec.to;
}

export function badTransition(status: CardStatus, event: CardEvent): AppError {
  return new AppError('greencard.bad_transition', `${WHY_NOT[status]}，不能${cardWorkflow.events[event].label}。`);
}

/** A person holds at most one card in these states at a time. */
export function isOpen(status: CardStatus): boolean {
  return status === 'pending' || status === 'active' || status === 'suspended';
}

// ---------------------------------------------------------------------------------------------- validity

export function localToday(now: Date): string {
  return localDateOf(now);
}

export function localMonth(at: Date | string): string {
  return localMonthOf(at);
}

/** The last valid business date of a period of `months` starting on `from` (inclusive). */
export function periodEnd(from: string, months: number): string {
  return addLocalDays(addLocalMonths(from, months), -1);
}

/** The instant a card valid through `until` (a Shanghai date, inclusive) stops being valid. */
export function endInstant(until: string): string {
  return endOfLocalDay(until).toISOString();
}

export function validityOf(now: Date, months: number): { validFrom: string; validUntil: string; validUntilAt: string } {
  const validFrom = localToday(now);
  const validUntil = periodEnd(validFrom, months);
  return { validFrom, validUntil, validUntilAt: endInstant(validUntil) };
}

/** Renewal adds a full period after the current end (or from today, when the card has already lapsed). */
export function renewedUntil(now: Date, currentUntil: string | null, months: number): { validUntil: string; validUntilAt: string } {
  const today = localToday(now);
  const start = currentUntil && currentUntil >= today ? addLocalDays(currentUntil, 1) : today;
  const validUntil = periodEnd(start, months);
  return { validUntil, validUntilAt: endInstant(validUntil) };
}
