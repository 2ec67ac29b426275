/**
 * How an action is declared. Every function and action lives in one registry (types/registry.ts);
 * the app's call service and the functions' wrapper are both typed from it.
 */
import type { z } from 'zod';
import type { Access } from './roles';

/**
 * What an action acts on, declared for the authority suite (cloudfunctions/authority.test.ts). For an action on one
 * record, the suite builds a record of that kind in every relation to a staff caller — self, same union, child org,
 * parent org, sibling subtree, a superior's account, an administrator, another hospital's clerk — puts its id at
 * `field` of the example input and checks the outcome declared for that kind (and `allow`, where it differs).
 */
export type TargetKind = 'person' | 'honour' | 'card' | 'hospital' | 'org' | 'trip' | 'session' | 'signup' | 'transfer' | 'case' | 'wish' | 'household';
export type Relation =
  | 'self'
  | 'sameUnion'
  | 'childOrg'
  | 'parentOrg'
  | 'siblingSubtree'
  | 'superiorAccount'
  | 'peerAccount'
  | 'admin'
  | 'otherHospitalClerk';

export type Target =
  /** Only the caller's own records (my profile, my card, my sign-ups). */
  | { kind: 'self' }
  /** Nothing personal: catalogues, the org tree, published lists, timers. */
  | { kind: 'open' }
  /** Lists or figures within the caller's subtree; `lists` names the kind of record a list shows (checked by the suite). */
  | { kind: 'scope'; lists?: TargetKind }
  /** One record, named by the id at `field` of the input; `allow` overrides the kind's declared outcomes. */
  | { kind: TargetKind; field: string; allow?: readonly Relation[] };

export interface ActionSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, A extends Access = Access> {
  /** Plain-Chinese summary for the catalog. */
  summary: string;
  input: I;
  output: O;
  access: A;
  target: Target;
  /** Mutating actions honour requestId and are never run twice for the same caller and id. */
  mutates: boolean;
  /**
   * Safe to repeat as it is: its writes are keyed by their input (a visit per code, window and hospital), so a retry
   * answers from the current state and no request record is kept — one store round trip less each way on a hot path.
   */
  idempotent?: boolean;
  /** A valid input, used by the catalog and by the generic registry suite to derive hostile variants. */
  example: z.input<I>;
  /**
   * Run this action on a CloudBase timer trigger (named after the action) with this cron expression
   * (CloudBase's seven fields: second minute hour day month weekday year). The trigger calls it with `{}`
   * and no caller, so such an action is `public` and safe to repeat.
   */
  timer?: string;
}

/** Every cloud function's timeout on CloudBase (cloudbaserc.json); a call still running after it has been killed. */
export const FUNCTION_TIMEOUT_SECONDS = 10;

export function defineAction<I extends z.ZodType, O extends z.ZodType, const A extends Access>(spec: ActionSpec<I, O, A>): ActionSpec<I, O, A> {
  return spec;
}

export type InputOf<A> = A extends ActionSpec<infer I, z.ZodType, Access> ? z.input<I> : never;
export type ParsedInputOf<A> = A extends ActionSpec<infer I, z.ZodType, Access> ? z.output<I> : never;
export type OutputOf<A> = A extends ActionSpec<z.ZodType, infer O, Access> ? z.output<O> : never;
