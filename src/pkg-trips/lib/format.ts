/**
 * Dates for 疗休养 pages. Business time is Asia/Shanghai (UTC+8, no daylight saving), computed by hand so it
 * works the same in the mini-program's JS engine (whose Intl time-zone support varies) and in the browser.
 */
const SH = 8 * 3600_000;

function parts(iso: string) {
  const d = new Date(Date.parse(iso) + SH);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026年6月1日 09:00 */
export function fmtInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parts(iso);
  return `${p.y}年${p.m}月${p.d}日 ${pad(p.h)}:${pad(p.mi)}`;
}

/** 2026-07-01 → 2026年7月1日 */
export function fmtDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 7月1日—7月3日 */
export function fmtRange(from: string, to: string): string {
  const [, m1, d1] = from.split('-').map(Number);
  const [, m2, d2] = to.split('-').map(Number);
  return from === to ? `${m1}月${d1}日` : `${m1}月${d1}日—${m2}月${d2}日`;
}

/** Shanghai date (YYYY-MM-DD) and time (HH:mm) of an instant, for editing. */
export function splitInstant(iso: string): { date: string; time: string } {
  const p = parts(iso);
  return { date: `${p.y}-${pad(p.m)}-${pad(p.d)}`, time: `${pad(p.h)}:${pad(p.mi)}` };
}

/** A Shanghai date and time back to an ISO instant; '' when either is malformed. */
export function joinInstant(date: string, time: string): string {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const tm = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!dm || !tm) return '';
  const ms = Date.UTC(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(tm[1]), Number(tm[2])) - SH;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : '';
}

/** The Shanghai date N days from now. */
export function dateFromNow(days: number): string {
  return splitInstant(new Date(Date.now() + days * 86_400_000).toISOString()).date;
}
