/**
 * Error codes: stable, dotted, declared once with their plain-Chinese default message. Core codes live in
 * result.ts; each feature's schema file declares its own table with `defineErrors` and the registry collects them
 * (ERRORS in registry.ts). The functions may give a more specific message; the code is what the app branches on.
 */
import type { CoreErrorCode } from './result';

export type ErrorTable = Record<`${string}.${string}`, string>;

/** Declares a feature's error codes; every key must start with the feature's name and a dot. */
export function defineErrors<const P extends string, const T extends Record<string, string>>(
  feature: P,
  table: T,
): { readonly [K in keyof T & string as `${P}.${K}`]: T[K] } {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(table)) out[`${feature}.${key}`] = message;
  return out as { readonly [K in keyof T & string as `${P}.${K}`]: T[K] };
}

export type { CoreErrorCode };
