/**
 * The one cloud-call service: `call('account', 'me', {})`, typed from types/registry.ts.
 *
 * This file only declares the interface for TypeScript. At build time Taro's multi-platform resolver turns
 * `import … from '@/services/cloud'` into `cloud.weapp.ts` (Taro.cloud.callFunction) or `cloud.h5.ts` (fetch to
 * the local server), so nothing here is ever bundled.
 */
import type { CallFn } from './call-types';

export type { CallFn, CallOptions, ActionInput, ActionOutput, CallError, CallErrorCode, CallResult } from './call-types';
export { newRequestId } from './call-types';

export declare const call: CallFn;
