/**
 * The Result envelope every cloud function returns, and the stable error codes.
 * No platform imports: this file is shared by the mini-program and the functions.
 */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

export interface AppErrorBody {
  code: string;
  message: string;
  issues?: ValidationIssue[];
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody };

/** Stable, dotted error codes with the plain-Chinese message shown when no more specific one is given. */
export const ERROR_MESSAGES = {
  validation: '填写的内容有误，请检查后再试',
  'auth.required': '请先登录后再使用',
  'auth.forbidden': '您没有权限进行此操作',
  'auth.not_registered': '请先完善个人信息（实名登记）',
  'not_found': '没有找到相关记录',
  conflict: '操作冲突，请刷新后重试',
  wrong_state: '当前状态不能进行这个操作，请刷新后查看',
  'request.reused': '这次提交的内容与之前不同，请重新提交',
  'rate_limited': '操作太频繁，请稍后再试',
  internal: '系统繁忙，请稍后再试',
} as const satisfies Record<string, string>;

export type CoreErrorCode = keyof typeof ERROR_MESSAGES;


export function fail(code: string, message?: string, issues?: ValidationIssue[]): { ok: false; error: AppErrorBody } {
  const body: AppErrorBody = {
    code,
    message: message ?? (ERROR_MESSAGES as Record<string, string>)[code] ?? ERROR_MESSAGES.internal,
  };
  if (issues && issues.length > 0) body.issues = issues;
  return { ok: false, error: body };
}
