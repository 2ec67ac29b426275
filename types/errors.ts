/**
 * Error codes: stable, dotted, declared once with their plain-Chinese default message. Core codes live in
 * result.ts; each feature's schema file declares its own table with `defineErrors` and the registry collects them
 * (ERRORS in registry.ts). The functions may give a more specific message; the code is what the app branches on.
 */
import { ERROR_MESSAGES, type CoreErrorCode } from './result';

/**
 * Every declared code's default message, filled as the schema files that declare them load: a function's bundle
 * carries (and loads) only its own feature's schemas, so it knows exactly the codes it can answer with.
 */
const MESSAGES = new Map<string, string>(Object.entries(ERROR_MESSAGES));

export function errorMessage(code: string): string | undefined {
  return MESSAGES.get(code);
}

export type ErrorTable = Record<`${string}.${string}`, string>;

/** Declares a feature's error codes; every key must start with the feature's name and a dot. */
export function defineErrors<const P extends string, const T extends Record<string, string>>(
  feature: P,
  table: T,
): { readonly [K in keyof T & string as `${P}.${K}`]: T[K] } {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(table)) {
    out[`${feature}.${key}`] = message;
    MESSAGES.set(`${feature}.${key}`, message);
  }
  return out as { readonly [K in keyof T & string as `${P}.${K}`]: T[K] };
}

export type { CoreErrorCode };
