/**
 * H5 implementation of the call service, for the local server (`npm start`):
 * `POST /api/functions/<fn>` with the production event as JSON and the demo identity in `X-Demo-OpenId`.
 * (Taro's H5 `Taro.cloud` is a stub that resolves with nothing, so it is never used.)
 */
import { asResult, NETWORK_ERROR, type CallFn } from './call-types';
import { getDemoOpenId } from './demo-identity';

export type { CallFn, CallOptions, ActionInput, ActionOutput, CallError, CallErrorCode, CallResult } from './call-types';
export { newRequestId } from './call-types';

export const call: CallFn = async (fn, action, input, options) => {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const openId = getDemoOpenId();
  if (openId) headers['X-Demo-OpenId'] = openId;
  let response: Response;
  try {
    response = await fetch(`/api/functions/${fn}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ action, data: input, ...(options?.requestId ? { requestId: options.requestId } : {}) }),
    });
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
  try {
    return asResult(await response.json());
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
};
