/**
 * The staff workspace's shared shapes (ADR 0017). Features never import each other, so each feature answers the
 * same three questions with its own actions, in these shapes, and the staff pages compose them:
 * - `figures` — what a union reports upward for a period and an org within the caller's scope: headline numbers and
 *   tables (each drawn as a chart, with its numbers beside it and an Excel export);
 * - `todo` — the caller's open tasks in that feature, with counts, oldest first;
 * - `trail` — one record's history (who, when, what, why), and for a hardship case who viewed it.
 * A new feature (hardship, wishes) adds one `figures`, one `todo` and one `trail` action in these shapes and one line
 * in the staff pages' list of sources (src/pkg-staff/lib/sources.ts).
 */
import { z } from 'zod';
import { docId } from './common';

export const monthString = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 年-月');

export const figuresInput = z
  .object({
    /** The org whose subtree is counted (default: the caller's own org); must lie within the caller's scope. */
    orgId: docId.optional(),
    from: monthString,
    to: monthString,
  })
  .strict()
  .refine((v) => v.from <= v.to, { message: '开始月份不能晚于结束月份', path: ['to'] })
  .refine((v) => monthsBetween(v.from, v.to) <= 24, { message: '一次最多统计 24 个月', path: ['from'] });

export const CHART_KINDS = ['column', 'bar', 'line', 'pie', 'none'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

export const figureTable = z.object({
  key: z.string(),
  title: z.string(),
  /** How the numbers were counted, in a sentence (shown under the table). */
  note: z.string(),
  /** The name of the rows (the first column's header). */
  rowLabel: z.string(),
  /** The value columns' headers. */
  columns: z.array(z.string()),
  rows: z.array(z.object({ label: z.string(), values: z.array(z.number()) })),
  chart: z.enum(CHART_KINDS),
  unit: z.string(),
});
export type FigureTable = z.infer<typeof figureTable>;

export const headline = z.object({ label: z.string(), value: z.number(), unit: z.string() });

export const figuresOutput = z.object({
  feature: z.string(),
  title: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  from: z.string(),
  to: z.string(),
  headlines: z.array(headline),
  tables: z.array(figureTable),
});
export type FiguresOutput = z.infer<typeof figuresOutput>;

export const todoInput = z.object({ orgId: docId.optional() }).strict();

export const todoItem = z.object({
  key: z.string(),
  title: z.string(),
  count: z.number().int(),
  /** The oldest open item's time (what has waited longest); null when none. */
  oldestAt: z.string().nullable(),
  /** How many are past their time limit (the workflow state's maxHours, or a deadline). */
  overdue: z.number().int(),
  /** Plain words on what to do. */
  note: z.string(),
  /** The staff page where it is done. */
  link: z.string().nullable(),
});
export type TodoItem = z.infer<typeof todoItem>;

export const todoOutput = z.object({ feature: z.string(), title: z.string(), items: z.array(todoItem) });
export type TodoOutput = z.infer<typeof todoOutput>;

export const trailEntry = z.object({
  at: z.string(),
  /** Who: a staff member's name and union, 本人 for the person the record is about, 系统 for timers. */
  who: z.string(),
  /** What was done, in plain words. */
  what: z.string(),
  /** Why, when a reason was given. */
  why: z.string().nullable(),
});

export const trailOutput = z.object({
  title: z.string(),
  /** The person the record is about, masked (王*明). */
  subject: z.string(),
  status: z.string(),
  entries: z.array(trailEntry),
  /** Who opened the record (hardship cases); null where views are not recorded. */
  views: z.array(z.object({ at: z.string(), who: z.string() })).nullable(),
});
export type TrailOutput = z.infer<typeof trailOutput>;

export const exportTablesInput = z
  .object({
    title: z.string().min(1).max(60),
    tables: z
      .array(
        z.object({
          title: z.string().min(1).max(60),
          rowLabel: z.string().max(30),
          columns: z.array(z.string().max(30)).max(30),
          rows: z.array(z.object({ label: z.string().max(80), values: z.array(z.number()).max(30) }).strict()).max(2000),
          unit: z.string().max(10),
          note: z.string().max(300),
        }).strict(),
      )
      .min(1)
      .max(20),
  })
  .strict();

export const exportFile = z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int() });

/** Months from `from` to `to` inclusive, as `YYYY-MM`. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    if (out.length > 120) break;
  }
  return out;
}

export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

export const FIGURES_EXAMPLE = { orgId: 'org_jx', from: '2026-01', to: '2026-12' };
