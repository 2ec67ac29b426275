/** Form helpers shared by every page: zod checks on the client and the server's `issues`, both per field. */
import type { z } from 'zod';
import type { AppErrorBody, ValidationIssue } from '../../types/result';

export type FieldErrors = Record<string, string>;

/** The first message per top-level field; issues without a path go under `_form`. */
export function issuesToFieldErrors(issues: readonly ValidationIssue[] | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues ?? []) {
    const key = issue.path.length > 0 ? String(issue.path[0]) : '_form';
    if (!errors[key]) errors[key] = issue.message;
  }
  return errors;
}

export type Checked<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Runs a zod schema on form values and returns parsed data or per-field Chinese messages. */
export function check<S extends z.ZodType>(schema: S, values: unknown): Checked<z.output<S>> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data };
  return {
    ok: false,
    errors: issuesToFieldErrors(
      parsed.error.issues.map((i) => ({ path: i.path.filter((p): p is string | number => typeof p !== 'symbol'), message: i.message })),
    ),
  };
}

/** Field errors from a failed call, with the overall message under `_form` when no field is named. */
export function errorToFieldErrors(error: AppErrorBody): FieldErrors {
  const errors = issuesToFieldErrors(error.issues);
  if (!errors._form) errors._form = error.message;
  return errors;
}
