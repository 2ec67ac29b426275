/** Field errors: the server's `issues` (and the client's checks) per field. No zod here: safe for the main package. */
import type { ValidationIssue } from '../../types/result';

export type FieldErrors = Record<string, string>;

/**
 * The first message per field. A field is named by the issue's first path element (after `prefix`, when the
 * function nests the form, e.g. issues under `form.`) and also by its whole dotted path (`sessions.0.places`).
 * Issues without a path (or only the prefix) go under `_form`.
 */
export function issuesToFieldErrors(issues: readonly ValidationIssue[] | undefined, prefix?: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues ?? []) {
    const path = prefix && issue.path[0] === prefix ? issue.path.slice(1) : issue.path;
    if (path.length === 0) {
      if (!errors._form) errors._form = issue.message;
      continue;
    }
    const top = String(path[0]);
    if (!errors[top]) errors[top] = issue.message;
    const full = path.join('.');
    if (!errors[full]) errors[full] = issue.message;
  }
  return errors;
}

/** Field errors from a failed call, with the overall message under `_form` when no field-less issue gives one. */
export function errorToFieldErrors(error: { code?: string; message: string; issues?: ValidationIssue[] }, prefix?: string): FieldErrors {
  const errors = issuesToFieldErrors(error.issues, prefix);
  if (!errors._form) errors._form = error.message;
  return errors;
}
