/**
 * Changing data: `const signUp = useMutation('trips', 'signUp', { issuePrefix: 'form' })`, then
 * `await signUp.run(input)`.
 *
 * - Owns the busy state: a second tap while a call is in flight does nothing (`run` resolves null).
 * - One requestId per attempt: retrying the same input after a network failure sends the same id (the function
 *   answers once); once the function has answered, or when the input changes, the next run gets a new id (the
 *   functions refuse a known id with different data).
 * - Maps the function's `issues` onto field errors (`fieldErrors.phone`, with `issuePrefix` stripped, e.g. issues
 *   under `form.`) and gives the message for the form (`formError`). Client-side checks report through
 *   `setFieldErrors`; `clearFieldError` (or useFields) clears a field's message as soon as it is edited.
 */
import { useCallback, useRef, useState } from 'react';
import { call, newRequestId, type ActionInput, type ActionOutput, type CallError, type CallResult } from '../services/cloud';
import type { ActionName, FunctionName } from '../../types/registry';
import { errorToFieldErrors, type FieldErrors } from './form-errors';

export type { FieldErrors } from './form-errors';

/** JSON with sorted keys, so the same input always compares equal. */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The request id of the current attempt, apart from React (unit-tested). */
export function createAttempts(makeId: () => string = newRequestId) {
  let current: { key: string; id: string } | null = null;
  return {
    /** The id to send for this input: the pending attempt's when the input is the same, else a new one. */
    idFor(input: unknown): string {
      const key = stableKey(input);
      if (!current || current.key !== key) current = { key, id: makeId() };
      return current.id;
    },
    /** After an answer: only a network failure (no answer) keeps the attempt open for a retry. */
    settle(result: CallResult<unknown>): void {
      if (result.ok || result.error.code !== 'network') current = null;
    },
    reset(): void {
      current = null;
    },
  };
}

export interface MutationOptions<O> {
  /** The function names form fields under this key (e.g. `form` for trips.signUp). */
  issuePrefix?: string;
  onSuccess?: (data: O) => void;
}

export interface Mutation<I, O> {
  busy: boolean;
  /** Sends the input; null when a call is already in flight. */
  run: (input: I) => Promise<CallResult<O> | null>;
  error: CallError | null;
  fieldErrors: FieldErrors;
  /** The message for the form as a whole (the failed call's message, or a path-less issue). */
  formError: string | undefined;
  setFieldErrors: (errors: FieldErrors) => void;
  clearFieldError: (key: string) => void;
  reset: () => void;
}

type Send<I, O> = (input: I, requestId: string) => Promise<CallResult<O>>;

export function useMutation<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  options?: MutationOptions<ActionOutput<F, A>>,
): Mutation<ActionInput<F, A>, ActionOutput<F, A>>;
export function useMutation<I, O>(send: Send<I, O>, options?: MutationOptions<O>): Mutation<I, O>;
export function useMutation(
  fnOrSend: FunctionName | Send<unknown, unknown>,
  actionOrOptions?: string | MutationOptions<unknown>,
  maybeOptions?: MutationOptions<unknown>,
): Mutation<unknown, unknown> {
  const options = (typeof fnOrSend === 'function' ? actionOrOptions : maybeOptions) as MutationOptions<unknown> | undefined;
  const send: Send<unknown, unknown> =
    typeof fnOrSend === 'function'
      ? fnOrSend
      : (input, requestId) => (call as (f: string, a: string, i: unknown, o: { requestId: string }) => Promise<CallResult<unknown>>)(fnOrSend, actionOrOptions as string, input, { requestId });
  const sendRef = useRef(send);
  sendRef.current = send;
  const optionsRef = useRef(options);
  optionsRef.current = options;
  const attempts = useRef(createAttempts());
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});

  const run = useCallback(async (input: unknown) => {
    if (inFlight.current) return null;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setFieldErrors({});
    const requestId = attempts.current.idFor(input);
    let r: CallResult<unknown>;
    try {
      r = await sendRef.current(input, requestId);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
    attempts.current.settle(r);
    if (r.ok) optionsRef.current?.onSuccess?.(r.data);
    else {
      setError(r.error);
      setFieldErrors(errorToFieldErrors(r.error, optionsRef.current?.issuePrefix));
    }
    return r;
  }, []);

  const clearFieldError = useCallback((key: string) => {
    setFieldErrors((e) => {
      if (!e[key] && !Object.keys(e).some((k) => k.startsWith(`${key}.`))) return e;
      const next: FieldErrors = {};
      for (const [k, v] of Object.entries(e)) if (k !== key && !k.startsWith(`${key}.`)) next[k] = v;
      return next;
    });
  }, []);

  const reset = useCallback(() => {
    attempts.current.reset();
    setError(null);
    setFieldErrors({});
  }, []);

  return { busy, run, error, fieldErrors, formError: fieldErrors._form, setFieldErrors, clearFieldError, reset };
}

/**
 * Form values whose field errors clear as soon as the field is edited:
 * `<Field label="手机号" {...form.field('phone')} />`.
 */
export function useFields<V extends Record<string, unknown>>(initial: V | (() => V), errors?: Pick<Mutation<unknown, unknown>, 'fieldErrors' | 'clearFieldError'>) {
  const [values, setValues] = useState<V>(initial);
  const set = useCallback(
    <K extends keyof V & string>(key: K, value: V[K]) => {
      setValues((s) => ({ ...s, [key]: value }));
      errors?.clearFieldError(key);
    },
    [errors],
  );
  const field = <K extends keyof V & string>(key: K) => ({
    name: key,
    value: values[key] as V[K],
    onChange: (value: V[K]) => set(key, value),
    error: errors?.fieldErrors[key],
  });
  return { values, set, setValues, field };
}
