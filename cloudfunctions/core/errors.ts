import type { ValidationIssue } from '../../types/result';

/** A failure the caller should see: a stable dotted code and a plain-Chinese message. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message?: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }
  get userMessage(): string | undefined {
    return this.message === this.code ? undefined : this.message;
  }
}

export const forbidden = (message = '您没有权限进行此操作') => new AppError('auth.forbidden', message);
export const notFound = (message = '没有找到相关记录') => new AppError('not_found', message);
