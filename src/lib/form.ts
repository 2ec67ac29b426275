/**
 * Form helpers shared by every page: zod checks on the client and the server's `issues`, both per field.
 * Only type information comes from zod here; the schema a page passes brings zod into that page's subpackage.
 */
import type { z } from 'zod';
import { issuesToFieldErrors, type FieldErrors } from './form-errors';
import '../zod-setup';

export { errorToFieldErrors, issuesToFieldErrors, type FieldErrors } from './form-errors';

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

