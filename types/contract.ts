/**
 * How an action is declared. Every function and action lives in one registry (types/registry.ts);
 * the app's call service and the functions' wrapper are both typed from it.
 */
import type { z } from 'zod';
import type { Access } from './roles';

export interface ActionSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** Plain-Chinese summary for the catalog. */
  summary: string;
  input: I;
  output: O;
  access: Access;
  /** Mutating actions honour requestId and are never run twice for the same caller and id. */
  mutates: boolean;
  /** A valid input, used by the catalog and by the generic registry suite to derive hostile variants. */
  example: z.input<I>;
  /**
   * Run this action on a CloudBase timer trigger (named after the action) with this cron expression
   * (CloudBase's seven fields: second minute hour day month weekday year). The trigger calls it with `{}`
   * and no caller, so such an action is `public` and safe to repeat.
   */
  timer?: string;
}

export function defineAction<I extends z.ZodType, O extends z.ZodType>(spec: ActionSpec<I, O>): ActionSpec<I, O> {
  return spec;
}

export type FunctionSpec = Record<string, ActionSpec>;

export type InputOf<A> = A extends ActionSpec<infer I, z.ZodType> ? z.input<I> : never;
export type ParsedInputOf<A> = A extends ActionSpec<infer I, z.ZodType> ? z.output<I> : never;
export type OutputOf<A> = A extends ActionSpec<z.ZodType, infer O> ? z.output<O> : never;
