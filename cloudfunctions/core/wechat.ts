/**
 * The port to WeChat's subscribe-message API (ADR 0014). Production: CloudBase's open API from the function
 * (core/platform/cloudbase-wechat.ts, `subscribeMessage.send`); locally and in tests: a fake that keeps what it was
 * sent in an outbox the H5 app and the tests read, and can be told to refuse (43101) or fail (5xx, network).
 */

export interface WechatMessage {
  /** The notice id: the idempotency key of this send. */
  key: string;
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

/** WeChat's answer: errcode 0 is sent. */
export interface WechatAnswer {
  errcode: number;
  errmsg: string;
}

/** A send that did not get an answer from WeChat (network, timeout, HTTP 5xx): worth trying again later. */
export class WechatUnavailable extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'WechatUnavailable';
  }
}

export interface WechatPort {
  kind: 'cloud' | 'local';
  /** Sends one message; throws WechatUnavailable when there is no answer. */
  send(message: WechatMessage): Promise<WechatAnswer>;
  /**
   * Whether a message with this key reached WeChat — for a sender that died between the call and recording it. The
   * fake knows; WeChat cannot be asked (null), so such a message is not sent again (the message centre has it).
   */
  delivered(key: string): Promise<boolean | null>;
}

export type SendVerdict = 'sent' | 'refused' | 'permanent' | 'transient';

/**
 * 43101: the person refused (or cancelled the subscription). 40003 (openid), 40037 (template), 47003 (data) and 41030
 * (page) will not get better by retrying. -1 (busy) and 45009/45011 (limits) do.
 */
export function verdictOf(answer: WechatAnswer): SendVerdict {
  if (answer.errcode === 0) return 'sent';
  if (answer.errcode === 43101) return 'refused';
  if (answer.errcode === -1 || answer.errcode === 45009 || answer.errcode === 45011 || answer.errcode >= 500 && answer.errcode < 600) return 'transient';
  return 'permanent';
}
