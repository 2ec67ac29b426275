/**
 * The one registry of every cloud function and action: input and output schemas and who may call it.
 * The app's call service, the functions' wrapper, the local server's catalog and the generic test suite
 * all read it. A feature adds one line here.
 */
import { accountActions } from './account.schema';
import { staffActions } from './staff.schema';
import { tripsActions } from './trips.schema';
import { greencardActions } from './greencard.schema';

export const registry = {
  account: accountActions,
  staff: staffActions,
  trips: tripsActions,
  greencard: greencardActions,
} as const;

export type Registry = typeof registry;
export type FunctionName = keyof Registry;
export type ActionName<F extends FunctionName> = keyof Registry[F] & string;
export const FUNCTION_NAMES = Object.keys(registry) as FunctionName[];
