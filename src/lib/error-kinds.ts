/**
 * What a person can do about a failed call, by its code. Only real failures (no network, the system busy) offer
 * 重新加载; situations a person can act on get that action (去登记); the rest — a record that does not exist, a
 * permission, a draw not held yet — are explained and offer the way back. Used by the shared error state.
 */
import type { CallErrorCode } from '../services/cloud';

export type ErrorKind = 'retry' | 'register' | 'signin' | 'back';

const KINDS: Partial<Record<CallErrorCode, ErrorKind>> = {
  network: 'retry',
  internal: 'retry',
  rate_limited: 'retry',
  conflict: 'retry',
  'auth.not_registered': 'register',
  'auth.required': 'signin',
};

const TITLES: Partial<Record<CallErrorCode, string>> = {
  network: '网络连接失败',
  internal: '系统繁忙',
  rate_limited: '操作太频繁',
  conflict: '内容已变化',
  'auth.not_registered': '请先完成实名登记',
  'auth.required': '请先登录',
  'auth.forbidden': '没有权限',
  not_found: '没有找到',
  validation: '无法打开',
  'trips.not_drawn': '还没有抽签',
};

export function errorKind(code: CallErrorCode | string): ErrorKind {
  return KINDS[code as CallErrorCode] ?? 'back';
}

/** A short heading above the function's own message. */
export function errorTitle(code: CallErrorCode | string): string {
  return TITLES[code as CallErrorCode] ?? (errorKind(code) === 'retry' ? '出错了' : '暂时无法办理');
}
