/**
 * The production runtime factory: deployed functions run on CloudBase (platform/cloudbase.ts).
 */
import type { Runtime } from '../runtime';
import { cloudbaseRuntime } from './cloudbase';

export function productionRuntime(): Runtime {
  return cloudbaseRuntime();
}
