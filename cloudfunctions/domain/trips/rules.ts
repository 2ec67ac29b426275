/**
 * The pure rules of 疗休养: eligibility in plain words, age at departure and dates in Asia/Shanghai,
 * cancellation deadlines, offer expiry, the sign-up status machine and the reproducible weighted draw.
 * No store, no clock of its own: every function takes what it needs.
 */
import { createHash } from 'node:crypto';
import { HONOUR_LEVEL_LABELS, type HonourLevel } from '../../../types/account.schema';
import type { EligibilityRules, SignupStatus, TripMode } from '../../../types/trips.schema';
import { signupWorkflow } from '../../../types/trips.workflow';
import { addLocalDays, addLocalYears, startOfLocalDay } from '../../../types/time';

/**
 * Age at departure. Only the birth year is kept (the ID number itself is never stored), so the age is the
 * one reached in the departure year: departure year − birth year, the way union notices state "年满 X 周岁（按年份）".
 */
export function ageAtDeparture(birthYear: number, departDate: string): number {
  return Number(departDate.slice(0, 4)) - birthYear;
}

/** Cancelling is possible until 0:00 Asia/Shanghai, `daysBefore` days before departure. */
export function cancelDeadlineOf(departDate: string, daysBefore: number): Date {
  return startOfLocalDay(addLocalDays(departDate, -daysBefore));
}

export function offerDeadline(now: Date, hours: number): Date {
  return new Date(now.getTime() + hours * 3600_000);
}

export function isOfferExpired(offerExpiresAt: string | null | undefined, now: Date): boolean {
  return !!offerExpiresAt && Date.parse(offerExpiresAt) <= now.getTime();
}

// ---------------------------------------------------------------------------------------------------------
// Eligibility

export interface PersonFacts {
  orgPath: readonly string[];
  birthYear: number;
  /** Levels of the person's confirmed honours. */
  honourLevels: readonly HonourLevel[];
  /** Departure dates of trips the person went on (or holds a confirmed place on). */
  pastTripDates: readonly string[];
  /** Years in which the person already holds a trip claim, with that trip's id. */
  yearClaims: readonly { year: number; tripId: string }[];
}

export interface TripFacts {
  tripId: string;
  orgId: string;
  orgName: string;
  rules: EligibilityRules;
}

export interface Eligibility {
  eligible: boolean;
  reasons: string[];
  priority: boolean;
}

/** True when the person has not been on a trip in the `years` years before `today` (Asia/Shanghai dates). */
export function hasPriority(rules: EligibilityRules, pastTripDates: readonly string[], today: string): boolean {
  if (rules.priorityYears <= 0) return false;
  const since = addLocalYears(today, -rules.priorityYears);
  return !pastTripDates.some((d) => d >= since && d <= today);
}

export function checkEligibility(trip: TripFacts, person: PersonFacts, departDate: string, today: string): Eligibility {
  const r = trip.rules;
  const reasons: string[] = [];
  if (!person.orgPath.includes(trip.orgId)) reasons.push(`这次疗休养只面向${trip.orgName}所属的职工，您的工会不在其中`);
  if (r.audience === 'model_workers' && person.honourLevels.length === 0) {
    reasons.push('这次疗休养只面向劳模工匠，您还没有经确认的荣誉记录');
  }
  if (r.audience === 'honour_levels' && !person.honourLevels.some((l) => r.honourLevels.includes(l))) {
    reasons.push(`这次疗休养只面向${levelsText(r.honourLevels)}荣誉获得者，您的荣誉级别不在其中`);
  }
  const age = ageAtDeparture(person.birthYear, departDate);
  if (r.maxAge !== null && age > r.maxAge) reasons.push(`出发时年龄不能超过 ${r.maxAge} 岁，按出发年份计算您为 ${age} 岁`);
  if (r.minAge !== null && age < r.minAge) reasons.push(`出发时年龄不能小于 ${r.minAge} 岁，按出发年份计算您为 ${age} 岁`);
  const year = Number(departDate.slice(0, 4));
  if (r.onePerYear) {
    const other = person.yearClaims.find((c) => c.year === year && c.tripId !== trip.tripId);
    if (other) reasons.push(`每人每年只能参加一次疗休养，您 ${year} 年已报名了其他疗休养（含候补）`);
  }
  return { eligible: reasons.length === 0, reasons, priority: hasPriority(r, person.pastTripDates, today) };
}

function levelsText(levels: readonly HonourLevel[]): string {
  return levels.map((l) => HONOUR_LEVEL_LABELS[l]).join('、');
}

/** The rules of a trip, as plain sentences for its detail page (a first-come trip says nothing of a draw). */
export function rulesText(rules: EligibilityRules, orgName: string, mode: TripMode = 'lottery'): string[] {
  const out: string[] = [];
  if (rules.audience === 'all') out.push(`面向${orgName}所属的全体职工`);
  else if (rules.audience === 'model_workers') out.push(`面向${orgName}所属的劳模工匠（须有经确认的荣誉记录）`);
  else out.push(`面向${orgName}所属的${levelsText(rules.honourLevels)}荣誉获得者`);
  if (rules.maxAge !== null && rules.minAge !== null) out.push(`出发时年龄在 ${rules.minAge}–${rules.maxAge} 岁之间（按出发年份计算）`);
  else if (rules.maxAge !== null) out.push(`出发时年龄不超过 ${rules.maxAge} 岁（按出发年份计算）`);
  else if (rules.minAge !== null) out.push(`出发时年龄不小于 ${rules.minAge} 岁（按出发年份计算）`);
  if (rules.onePerYear) out.push('每人每年只能报名参加一次疗休养（各级工会合计，含候补）');
  if (rules.priorityYears > 0) {
    const how = [
      rules.priorityHeadStartHours > 0 ? `可提前 ${rules.priorityHeadStartHours} 小时报名` : '',
      mode === 'lottery' && rules.priorityWeight > 1 ? `抽签时中签机会是其他人的 ${rules.priorityWeight} 倍` : '',
    ].filter(Boolean);
    out.push(`近 ${rules.priorityYears} 年没有参加过疗休养的职工优先${how.length ? '：' + how.join('，') : ''}`);
  }
  return out;
}

/** When this person may sign up: priority people get the head start, others wait for it to pass. */
export function opensAtFor(opensAt: string, rules: EligibilityRules, priority: boolean): Date {
  const base = new Date(opensAt);
  if (rules.priorityYears <= 0 || rules.priorityHeadStartHours <= 0 || priority) return base;
  return new Date(base.getTime() + rules.priorityHeadStartHours * 3600_000);
}

// ---------------------------------------------------------------------------------------------------------
// The status machine

export const HOLDS_PLACE: readonly SignupStatus[] = ['pending_review', 'confirmed', 'offered', 'attended'];
export const ACTIVE: readonly SignupStatus[] = ['placing', 'applied', 'pending_review', 'confirmed', 'waiting', 'offered', 'attended'];
export const ENDED: readonly SignupStatus[] = ['cancelled', 'rejected', 'declined', 'offer_expired'];

/** Freeing a place when leaving this status means the next waiting person is offered it. */
export function freesPlace(status: SignupStatus): boolean {
  return HOLDS_PLACE.includes(status) && status !== 'attended';
}

export function canCancelAt(status: SignupStatus, deadline: Date, now: Date): boolean {
  if (!(signupWorkflow.events.cancel.from as readonly string[]).includes(status)) return false;
  // Leaving a queue (no place held) is always possible; giving back a place only before the deadline.
  if (status === 'waiting' || status === 'applied') return true;
  return now.getTime() < deadline.getTime();
}

// ---------------------------------------------------------------------------------------------------------
// The draw

export const DRAW_ALGORITHM =
  '加权无放回抽签（Efraimidis–Spirakis）：对每位报名者计算 u = SHA-256(种子 + ":" + 签号) 的前 52 位 / 2^52，' +
  '排序键 = u^(1/权重)，按排序键从大到小排列；前 N 位中签，其余按此顺序候补。权重：优先人员为设定倍数，其他人为 1。';

export interface DrawEntry {
  ticket: string;
  weight: number;
}

/** A uniform number in (0, 1) from the seed and the ticket, the same on every machine. */
export function drawUniform(seed: string, ticket: string): number {
  const hex = createHash('sha256').update(`${seed}:${ticket}`).digest('hex').slice(0, 13); // 52 bits
  return (parseInt(hex, 16) + 0.5) / 2 ** 52;
}

export function drawKey(seed: string, entry: DrawEntry): number {
  return Math.log(drawUniform(seed, entry.ticket)) / entry.weight; // log(u^(1/w)): same order, no underflow
}

/** The draw order: independent of the order the entries are given in; ties broken by ticket. */
export function drawOrder<T extends DrawEntry>(seed: string, entries: readonly T[]): T[] {
  return entries
    .map((e) => ({ e, k: drawKey(seed, e) }))
    .sort((a, b) => b.k - a.k || (a.e.ticket < b.e.ticket ? -1 : a.e.ticket > b.e.ticket ? 1 : 0))
    .map((x) => x.e);
}

/** The public ticket of a sign-up: an opaque, stable code derived from its id. */
export function ticketOf(signupId: string): string {
  return createHash('sha256').update(`ticket:${signupId}`).digest('hex').slice(0, 12);
}
