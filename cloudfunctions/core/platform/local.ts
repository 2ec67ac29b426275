/**
 * The runtime the local server and tests use: any Store, local secrets, and the caller's openid taken from
 * the local context `{ localOpenId }` that the local server fills from the `X-Demo-OpenId` header.
 * Production never uses this: its identity comes from the CloudBase context (platform/cloudbase.ts).
 */
import type { Runtime, Secrets } from '../runtime';
import { consoleSink, type LogSink } from '../log';
import type { Store } from '../store/port';
import { appendOnly } from '../store/append-only';
import type { FileStorage } from '../files';
import { memoryFileStorage } from './local-files';
import type { WechatPort } from '../wechat';
import { localWechat } from './local-wechat';

export interface LocalContext {
  localOpenId?: string | null;
}

export function localIdentify(_event: unknown, context: unknown): string | null {
  const id = (context as LocalContext | undefined)?.localOpenId;
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}

/**
 * `wechat`: the fake subscribe-message API; by default one that writes its outbox to this runtime's store (pass a
 * shared one when the store is a per-call view, as the crash suite's is).
 */
export function localRuntime(options: { store: Store; secrets: Secrets; now?: () => Date; log?: LogSink; files?: FileStorage; wechat?: WechatPort }): Runtime {
  const now = options.now ?? (() => new Date());
  return {
    wechat: options.wechat ?? localWechat(options.store, now),
    files: options.files ?? memoryFileStorage(now),
    store: appendOnly(options.store),
    secrets: options.secrets,
    now,
    log: options.log ?? consoleSink,
    identify: localIdentify,
  };
}
