import { errorMessage } from '../../types/errors';
import type { ErrorCode } from '../../types/registry';
import { ERROR_MESSAGES } from '../../types/result';
import type { ValidationIssue } from '../../types/result';

/** A failure the caller should see: a declared, dotted code and a plain-Chinese message (the code's default if none). */
export class AppError extends Error {
  readonly userMessage: string;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly issues?: ValidationIssue[],
  ) {
    super(message ?? code);
    this.name = 'AppError';
    this.userMessage = message ?? errorMessage(code) ?? ERROR_MESSAGES.internal;
  }
}

export const forbidden = (message: string = ERROR_MESSAGES['auth.forbidden']) => new AppError('auth.forbidden', message);
export const notFound = (message: string = ERROR_MESSAGES.not_found) => new AppError('not_found', message);
