/**
 * Business time, one module for the app and the functions: every date a person sees or a rule counts
 * (sign-up windows, deadlines, "one trip a year", validity, 公示 periods) is in Asia/Shanghai.
 *
 * Asia/Shanghai has had a fixed offset of UTC+8 with no daylight saving since 1991, so the offset is applied
 * directly (dayjs with its utc plugin): the result is the same in Node (functions run in UTC), in the browser and in
 * the mini-program's JS engine, whose Intl time-zone support varies.
 */
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

export const TIME_ZONE = 'Asia/Shanghai';
const OFFSET_MINUTES = 8 * 60;
const OFFSET_MS = OFFSET_MINUTES * 60_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type Instant = Date | string | number;

/** The instant as a dayjs in Shanghai wall-clock time. */
function wall(at: Instant): Dayjs {
  return dayjs(at).utcOffset(OFFSET_MINUTES);
}

/** A Shanghai business date `YYYY-MM-DD` as a dayjs at 0:00 Shanghai. */
function day(date: string): Dayjs {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return dayjs.utc(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - OFFSET_MS).utcOffset(OFFSET_MINUTES);
}

export function isLocalDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

// ---- Reading an instant in Shanghai

/** The business date (YYYY-MM-DD) of an instant. */
export function localDateOf(at: Instant): string {
  return wall(at).format('YYYY-MM-DD');
}

export function localYearOf(at: Instant): number {
  return wall(at).year();
}

/** YYYY-MM of an instant (statistics by month). */
export function localMonthOf(at: Instant): string {
  return wall(at).format('YYYY-MM');
}

/** HH:mm of an instant. */
export function localTimeOf(at: Instant): string {
  return wall(at).format('HH:mm');
}

/** The Shanghai date and time of an instant, for editing forms. */
export function splitInstant(at: Instant): { date: string; time: string } {
  return { date: localDateOf(at), time: localTimeOf(at) };
}

// ---- Business dates back to instants

/** 0:00 Shanghai of a business date, as an instant. */
export function startOfLocalDay(date: string): Date {
  return day(date).toDate();
}

/** The instant a period that runs through `date` (inclusive) ends: 0:00 Shanghai of the next day. */
export function endOfLocalDay(date: string): Date {
  return day(date).add(1, 'day').toDate();
}

/** A Shanghai date and time (`HH:mm`) as an ISO instant; '' when either is malformed. */
export function joinInstant(date: string, time: string): string {
  const t = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!isLocalDate(date.trim()) || !t || Number(t[1]) > 23 || Number(t[2]) > 59) return '';
  return day(date.trim()).add(Number(t[1]), 'hour').add(Number(t[2]), 'minute').toDate().toISOString();
}

// ---- Date arithmetic on business dates

export function addLocalDays(date: string, days: number): string {
  return day(date).add(days, 'day').format('YYYY-MM-DD');
}

/** Calendar months, clamped at the end of a shorter month (1月31日 + 1 个月 = 2月28日). */
export function addLocalMonths(date: string, months: number): string {
  return day(date).add(months, 'month').format('YYYY-MM-DD');
}

export function addLocalYears(date: string, years: number): string {
  return day(date).add(years, 'year').format('YYYY-MM-DD');
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((day(to).valueOf() - day(from).valueOf()) / 86_400_000);
}

/** The business date `days` days after an instant (negative: before). */
export function localDateFrom(at: Instant, days: number): string {
  return addLocalDays(localDateOf(at), days);
}

// ---- Working days (公示 periods, deadlines in working days)

/**
 * Which dates are not working days beyond weekends, and which weekend dates are (调休). Configured per year by the
 * union; an empty calendar means Monday–Friday.
 */
export interface WorkCalendar {
  holidays: readonly string[];
  workdays: readonly string[];
}

export const WEEKDAYS_ONLY: WorkCalendar = { holidays: [], workdays: [] };

export function isWorkingDay(date: string, calendar: WorkCalendar = WEEKDAYS_ONLY): boolean {
  if (calendar.workdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const weekday = day(date).day();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The last date of a period of `count` working days that starts on `from` (counted when it is a working day):
 * a 公示 of 5 working days from a Friday runs through the next Thursday.
 */
export function workingDaysEnd(from: string, count: number, calendar: WorkCalendar = WEEKDAYS_ONLY): string {
  if (count < 1) throw new RangeError('count must be at least 1');
  let date = from;
  let counted = 0;
  for (let i = 0; i < 400; i++) {
    if (isWorkingDay(date, calendar)) counted++;
    if (counted === count) return date;
    date = addLocalDays(date, 1);
  }
  throw new RangeError('working-day period too long');
}

/** Working days from `from` through `to`, both included. */
export function workingDaysBetween(from: string, to: string, calendar: WorkCalendar = WEEKDAYS_ONLY): number {
  let n = 0;
  for (let date = from; date <= to; date = addLocalDays(date, 1)) if (isWorkingDay(date, calendar)) n++;
  return n;
}

// ---- What people read

/** 2026年6月1日 09:00 */
export function formatInstant(at: Instant | null | undefined): string {
  if (at === null || at === undefined || at === '') return '';
  return wall(at).format('YYYY年M月D日 HH:mm');
}

/** 2026-07-01 (or an instant) → 2026年7月1日 */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  return (isLocalDate(date) ? day(date) : wall(date)).format('YYYY年M月D日');
}

/** 2026-06 → 2026年6月 */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** 7月1日—7月3日 (one date when both are the same) */
export function formatDateRange(from: string, to: string): string {
  const a = day(from);
  const b = day(to);
  const short = (d: Dayjs) => d.format('M月D日');
  return from === to ? short(a) : `${short(a)}—${short(b)}`;
}

/** 6月1日 09:00 — short form for lists within the current year. */
export function formatShortInstant(at: Instant): string {
  return wall(at).format('M月D日 HH:mm');
}
