/**
 * Where the staff workspace's figures, to-dos and trails come from: one line per feature, each calling that feature's
 * own action in the shared shape (types/dashboard.ts). Features never import each other; the pages compose them here.
 * A feature joins with one line each in FIGURE_SOURCES, TODO_SOURCES and TRAIL_SOURCES.
 */
import type { FiguresOutput, TodoOutput, TrailOutput } from '../../../types/dashboard';
import { call, type CallResult } from '../../services/cloud';

export interface FiguresInput {
  orgId?: string;
  from: string;
  to: string;
}

export interface Source<I, O> {
  key: string;
  title: string;
  load: (input: I) => Promise<CallResult<O>>;
}

export const FIGURE_SOURCES: Source<FiguresInput, FiguresOutput>[] = [
  { key: 'greencard', title: '医疗绿通', load: (i) => call('greencard', 'figures', i) },
  { key: 'trips', title: '疗休养', load: (i) => call('trips', 'figures', i) },
  { key: 'hardship', title: '困难帮扶', load: (i) => call('hardship', 'figures', i) },
  { key: 'wishes', title: '微心愿', load: (i) => call('wishes', 'figures', i) },
];

export const TODO_SOURCES: Source<{ orgId?: string }, TodoOutput>[] = [
  { key: 'greencard', title: '医疗绿通', load: (i) => call('greencard', 'todo', i) },
  { key: 'trips', title: '疗休养', load: (i) => call('trips', 'todo', i) },
  { key: 'hardship', title: '困难帮扶', load: (i) => call('hardship', 'todo', i) },
  { key: 'wishes', title: '微心愿', load: (i) => call('wishes', 'todo', i) },
];

/** A record's trail, by the feature that owns it: `/pkg-staff/trail/index?feature=trips&id=…`. */
export const TRAIL_SOURCES: Record<string, (id: string) => Promise<CallResult<TrailOutput>>> = {
  trips: (id) => call('trips', 'trail', { signupId: id }),
  greencard: (id) => call('greencard', 'trail', { cardId: id }),
  hardship: (id) => call('hardship', 'trail', { caseId: id }),
  wishes: (id) => call('wishes', 'trail', { wishId: id }),
};

export const trailUrl = (feature: keyof typeof TRAIL_SOURCES, id: string) => `/pkg-staff/trail/index?feature=${feature}&id=${encodeURIComponent(id)}`;

/** Answers of several sources as one: every source's answer, or the first error when all failed. */
export async function loadAll<I, O>(sources: Source<I, O>[], input: I): Promise<CallResult<{ key: string; title: string; result: CallResult<O> }[]>> {
  const results = await Promise.all(sources.map(async (s) => ({ key: s.key, title: s.title, result: await s.load(input) })));
  const failed = results.filter((r) => !r.result.ok);
  if (failed.length === results.length && failed[0] && !failed[0].result.ok) return { ok: false, error: failed[0].result.error };
  return { ok: true, data: results };
}
