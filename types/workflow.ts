/**
 * State machines declared as data: the states a record (a sign-up, a card, a case, a wish) passes through, the events
 * that move it, who may fire each event relative to the record's place on the org tree, what input it needs and how
 * long a state may last. The functions move records only through these declarations (cloudfunctions/core/workflow.ts);
 * the app renders a record's steps and labels from the same declarations. No platform imports.
 */
import type { OrgLevel } from './org';

export type Tone = 'info' | 'success' | 'warning' | 'danger' | 'muted';

export interface StateSpec {
  label: string;
  /** No event leaves it. */
  terminal?: boolean;
  /** How long a record may stay here before it is overdue (hours); timers and queues read it. */
  maxHours?: number;
  tone?: Tone;
}

/**
 * Who may fire an event:
 * - `{ person: field }` — the person whose user id is at that field of the record (holder, applicant, claimer);
 * - `{ staff: … }` — union staff (and admin): `covers` lists record fields holding org paths the caller's org must lie
 *   on (the org itself or one above it); `within` names a field holding an org id whose subtree the caller's org must
 *   lie in (a card is managed by staff inside its issuing org's subtree); `at` names a field holding the one org id whose staff act (a review step);
 *   `minLevel` requires the caller's org to be at that level or above; `lifts` requires the caller to be the org that
 *   made the record's recorded decision, or above it;
 * - `'system'` — timers and recovery passes, never a caller.
 * Staff never fire an event on a record about themselves (the workflow's `subject`).
 */
export type Who =
  | { person: string }
  | { staff: { covers?: readonly string[]; within?: string; at?: string; minLevel?: OrgLevel; lifts?: boolean } }
  | 'system';

export interface EventSpec<S extends string> {
  label: string;
  from: readonly S[];
  to: S;
  who: readonly Who[];
  /** Whether the caller must give a reason (shown in the history and the audit). */
  reason?: 'required' | 'optional';
  /** Records the caller's org as the record's decision (so only it or an org above lifts it). */
  decides?: boolean;
  /** Shown as a destructive action (red, asks for confirmation). */
  danger?: boolean;
}

export interface WorkflowSpec<S extends string = string, E extends string = string> {
  /** Names the audit's target type and the error codes. */
  name: string;
  /** The record field holding the user id of the person the record is about (none for a trip, a hospital …). */
  subject?: string;
  initial: readonly S[];
  states: Record<S, StateSpec>;
  events: Record<E, EventSpec<S>>;
  /** History entries kept on the record (the audit trail keeps them all). */
  historyLimit?: number;
}

export function defineWorkflow<const S extends string, const E extends string>(spec: WorkflowSpec<S, E>): WorkflowSpec<S, E> {
  return spec;
}

export type StateOf<W> = W extends WorkflowSpec<infer S, string> ? S : never;
export type EventOf<W> = W extends WorkflowSpec<string, infer E> ? E : never;

/** Events that may leave a state, in declaration order. */
export function eventsFrom<S extends string, E extends string>(wf: WorkflowSpec<S, E>, state: S): E[] {
  return (Object.keys(wf.events) as E[]).filter((e) => wf.events[e].from.includes(state));
}

/** The states on the main road from an initial state, following each state's first event that is not `danger`. */
export function mainRoad<S extends string, E extends string>(wf: WorkflowSpec<S, E>, from: S = wf.initial[0]): S[] {
  const road: S[] = [from];
  for (let i = 0; i < 20; i++) {
    const next = eventsFrom(wf, road[road.length - 1]).map((e) => wf.events[e]).find((e) => !e.danger && !road.includes(e.to));
    if (!next) break;
    road.push(next.to);
  }
  return road;
}
