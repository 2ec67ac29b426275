/**
 * Every deployable function's `main`, by name: what the local server and the integration tests call.
 * A feature adds one line here (and one in types/registry.ts).
 */
import type { FunctionName } from '../types/registry';
import { main as account } from './account';
import { main as staff } from './staff';
import { main as trips } from './trips';
import { main as greencard } from './greencard';
import { main as files } from './files';
import { main as notices } from './notices';
import { main as hardship } from './hardship';
import { main as wishes } from './wishes';

export type FunctionMain = (event: unknown, context?: unknown) => Promise<import('../types/result').Result<unknown>>;

export const FUNCTIONS: Record<FunctionName, FunctionMain> = {
  account,
  staff,
  trips,
  greencard,
  files,
  notices,
  hardship,
  wishes,
};
