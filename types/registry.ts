/**
 * The one registry of every cloud function and action: input and output schemas and who may call it.
 * The app's call service, the functions' wrapper, the local server's catalog and the generic test suite
 * all read it. A feature adds one line here.
 */
import { accountActions, accountErrors } from './account.schema';
import { staffActions, staffErrors } from './staff.schema';
import { tripsActions, tripsErrors } from './trips.schema';
import { greencardActions, greencardErrors } from './greencard.schema';
import { filesActions, filesErrors } from './files.schema';
import { noticesActions, noticesErrors } from './notices.schema';
import { hardshipActions, hardshipErrors } from './hardship.schema';
import { wishesActions, wishesErrors } from './wishes.schema';
import { ERROR_MESSAGES } from './result';

export const registry = {
  account: accountActions,
  staff: staffActions,
  trips: tripsActions,
  greencard: greencardActions,
  files: filesActions,
  notices: noticesActions,
  hardship: hardshipActions,
  wishes: wishesActions,
} as const;

export type Registry = typeof registry;
export type FunctionName = keyof Registry;
export type ActionName<F extends FunctionName> = keyof Registry[F] & string;
export const FUNCTION_NAMES = Object.keys(registry) as FunctionName[];

/** Every error code a function may answer with, and its default plain-Chinese message. */
export const ERRORS = {
  ...ERROR_MESSAGES,
  ...accountErrors,
  ...staffErrors,
  ...tripsErrors,
  ...greencardErrors,
  ...filesErrors,
  ...noticesErrors,
  ...hardshipErrors,
  ...wishesErrors,
} as const;

export type ErrorCode = keyof typeof ERRORS;
