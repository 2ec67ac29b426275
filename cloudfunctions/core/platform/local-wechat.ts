/**
 * The local stand-in for WeChat's subscribe-message API: every message lands in the `wechat_outbox` collection of the
 * store it is given (the real store, never a call's crashing view of it: it is WeChat's side), where the H5 app's
 * message centre and the tests read it. Tests script its answers: a person who refused (43101), a run of 5xx or
 * network failures.
 */
import { newId } from '../ids';
import type { Store } from '../store/port';
import { type WechatAnswer, type WechatMessage, type WechatPort, WechatUnavailable } from '../wechat';

export const WECHAT_OUTBOX = 'wechat_outbox';

export interface OutboxDoc {
  _id: string;
  key: string;
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  at: string;
  /** WeChat's answer; only errcode 0 reached the person. */
  errcode: number;
}

export type FakeAnswer = number | 'network' | 'http500';

export interface FakeWechat extends WechatPort {
  /** The next sends answer these, in order (then 0). */
  queue(...answers: FakeAnswer[]): void;
  /** Every send to this openid answers with this code (43101: the person refused) until cleared with null. */
  answerFor(openid: string, errcode: number | null): void;
  /** Messages WeChat accepted, oldest first. */
  sent(filter?: { touser?: string }): Promise<OutboxDoc[]>;
  reset(): void;
}

export function localWechat(store: Store, now: () => Date = () => new Date()): FakeWechat {
  let queued: FakeAnswer[] = [];
  const perUser = new Map<string, number>();
  return {
    kind: 'local',
    queue: (...answers) => void queued.push(...answers),
    answerFor: (openid, errcode) => void (errcode === null ? perUser.delete(openid) : perUser.set(openid, errcode)),
    reset: () => {
      queued = [];
      perUser.clear();
    },
    async send(message: WechatMessage): Promise<WechatAnswer> {
      const scripted = queued.shift();
      if (scripted === 'network') throw new WechatUnavailable('network unreachable (fake)');
      if (scripted === 'http500') throw new WechatUnavailable('HTTP 500 (fake)', 500);
      const errcode = scripted ?? perUser.get(message.touser) ?? 0;
      const doc: OutboxDoc = { _id: newId('wx'), ...message, at: now().toISOString(), errcode };
      await store.insert(WECHAT_OUTBOX, doc);
      return { errcode, errmsg: errcode === 0 ? 'ok' : errcode === 43101 ? 'user refuse to accept the msg' : 'fake error' };
    },
    async delivered(key: string): Promise<boolean> {
      return (await store.count(WECHAT_OUTBOX, { key, errcode: 0 })) > 0;
    },
    async sent(filter = {}) {
      const out: OutboxDoc[] = [];
      for (let skip = 0; ; skip += 1000) {
        const page = await store.find<OutboxDoc>(WECHAT_OUTBOX, { errcode: 0, ...(filter.touser ? { touser: filter.touser } : {}) }, { sort: { at: 1 }, limit: 1000, skip });
        out.push(...page);
        if (page.length < 1000) return out;
      }
    },
  };
}
