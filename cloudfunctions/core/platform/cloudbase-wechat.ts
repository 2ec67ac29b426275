/**
 * Subscribe messages in production: WeChat's `subscribeMessage.send` through CloudBase's open API from the function
 * (no access token to keep: the platform authenticates the call). The permission is declared for the deployed
 * functions (`permissions.openapi` in each function's config.json, written by scripts/build-functions.ts).
 */
import type Tcb from '@cloudbase/node-sdk';
import { cloudbaseSdk } from './cloudbase-sdk';
import { type WechatAnswer, type WechatMessage, type WechatPort, WechatUnavailable } from '../wechat';

/** The open API's path for subscribeMessage.send. */
export const SUBSCRIBE_SEND_API = '/cgi-bin/message/subscribe/send';

interface OpenApiAnswer {
  code?: string;
  message?: string;
  result?: { errcode?: number; errmsg?: string } | string;
}

export function cloudbaseWechat(state: 'formal' | 'trial' | 'developer' = 'formal'): WechatPort {
  let app: ReturnType<typeof Tcb.init> | null = null;
  const cloud = () => (app ??= cloudbaseSdk().init({ env: cloudbaseSdk().SYMBOL_CURRENT_ENV }));
  return {
    kind: 'cloud',
    async send(message: WechatMessage): Promise<WechatAnswer> {
      let r: OpenApiAnswer;
      try {
        r = (await cloud().callWxOpenApi({
          apiName: SUBSCRIBE_SEND_API,
          requestData: { touser: message.touser, template_id: message.templateId, page: message.page, data: message.data, miniprogram_state: state, lang: 'zh_CN' },
        })) as OpenApiAnswer;
      } catch (e) {
        throw new WechatUnavailable(e instanceof Error ? e.message.slice(0, 200) : 'open API call failed');
      }
      // The SDK answers its own failures (network, gateway) with a code and no result.
      if (r.code) throw new WechatUnavailable(`${r.code}: ${r.message ?? ''}`.slice(0, 200));
      const result = typeof r.result === 'string' ? (JSON.parse(r.result) as { errcode?: number; errmsg?: string }) : r.result ?? {};
      return { errcode: Number(result.errcode ?? 0), errmsg: String(result.errmsg ?? 'ok') };
    },
    // WeChat cannot be asked whether a message arrived.
    delivered: async () => null,
  };
}
