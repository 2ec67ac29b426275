/**
 * The production runtime factory. Until the CloudBase adapter lands (platform/cloudbase.ts), a deployed
 * function refuses to start rather than run on something else.
 */
import type { Runtime } from '../runtime';

export function productionRuntime(): Runtime {
  throw new Error('the CloudBase runtime is not configured');
}
