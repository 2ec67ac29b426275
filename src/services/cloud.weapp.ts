/**
 * WeChat implementation of the call service: `Taro.cloud.callFunction` with the production event
 * `{ action, data, requestId }`; the function's Result is `res.result`.
 *
 * The CloudBase environment comes from `TARO_APP_CLOUD_ENV` (set it in `.env.production` or the shell when building);
 * when unset, `Taro.cloud.init` uses the environment chosen in WeChat DevTools.
 */
import Taro from '@tarojs/taro';
import { asResult, NETWORK_ERROR, type CallFn } from './call-types';

export type { CallFn, CallOptions, ActionInput, ActionOutput, CallError, CallErrorCode, CallResult } from './call-types';
export { newRequestId } from './call-types';

let initialised = false;

function ensureInit(): void {
  if (initialised) return;
  const env = process.env.TARO_APP_CLOUD_ENV;
  Taro.cloud.init(env ? { env, traceUser: true } : { traceUser: true });
  initialised = true;
}

export const call: CallFn = async (fn, action, input, options) => {
  try {
    ensureInit();
    const res = await Taro.cloud.callFunction({
      name: fn,
      data: { action, data: input, ...(options?.requestId ? { requestId: options.requestId } : {}) },
    });
    return asResult(res.result);
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
};
