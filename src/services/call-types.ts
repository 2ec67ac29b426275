/**
 * The shape of the one call service, typed from the registry. Platform files (cloud.weapp.ts, cloud.h5.ts)
 * implement `CallFn`; pages import `@/services/cloud` and Taro picks the platform file at build time.
 */
import type { InputOf, OutputOf } from '../../types/contract';
import type { ActionName, ErrorCode, FunctionName, Registry } from '../../types/registry';
import type { AppErrorBody, ValidationIssue } from '../../types/result';

export type ActionInput<F extends FunctionName, A extends ActionName<F>> = InputOf<Registry[F][A]>;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = OutputOf<Registry[F][A]>;

/** Every code a function may answer with, and `network` when no answer arrived. */
export type CallErrorCode = ErrorCode | 'network';

/** A failed call as the app sees it: the code is checked by tsc (`r.error.code === 'trips.already_signed_up'`). */
export interface CallError {
  code: CallErrorCode;
  message: string;
  issues?: ValidationIssue[];
}

export type CallResult<T> = { ok: true; data: T } | { ok: false; error: CallError };

export interface CallOptions {
  /** Mutating actions: repeat a request with the same id and the function answers once. */
  requestId?: string;
}

export type CallFn = <F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
  options?: CallOptions,
) => Promise<CallResult<ActionOutput<F, A>>>;

export const NETWORK_ERROR: CallError = { code: 'network', message: '网络连接失败，请检查网络后重试' };
export const BAD_RESPONSE_ERROR: CallError = { code: 'internal', message: '系统繁忙，请稍后再试' };

/** Accepts only a well-formed Result envelope; anything else becomes a plain-Chinese failure. */
export function asResult<T>(value: unknown): CallResult<T> {
  if (value && typeof value === 'object' && 'ok' in value) {
    const v = value as { ok: unknown; data?: unknown; error?: unknown };
    if (v.ok === true) return { ok: true, data: v.data as T };
    const error = v.error as Partial<AppErrorBody> | undefined;
    if (v.ok === false && error && typeof error.code === 'string' && typeof error.message === 'string') {
      // The code is one the registry declares (or a newer one this build does not know yet: still shown by message).
      return { ok: false, error: error as CallError };
    }
  }
  return { ok: false, error: BAD_RESPONSE_ERROR };
}

/** A request id the functions accept (`^[A-Za-z0-9_-]{8,64}$`): time + randomness, unique per attempt. */
export function newRequestId(): string {
  let random = '';
  for (let i = 0; i < 12; i++) random += Math.floor(Math.random() * 36).toString(36);
  return `r${Date.now().toString(36)}${random}`;
}
