/**
 * The CloudBase SDK, loaded on first use rather than when a function's bundle is loaded: a cold start pays for the
 * SDK only when a call needs the platform (ADR 0013, cold-start budget). The adapter and the platform modules are
 * the only users.
 */
import type Tcb from '@cloudbase/node-sdk';

let sdk: typeof Tcb | null = null;

export function cloudbaseSdk(): typeof Tcb {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  sdk ??= require('@cloudbase/node-sdk') as typeof Tcb;
  return sdk;
}
