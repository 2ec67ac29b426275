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

export interface LocalContext {
  localOpenId?: string | null;
}

export function localIdentify(_event: unknown, context: unknown): string | null {
  const id = (context as LocalContext | undefined)?.localOpenId;
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}

export function localRuntime(options: { store: Store; secrets: Secrets; now?: () => Date; log?: LogSink; files?: FileStorage }): Runtime {
  const now = options.now ?? (() => new Date());
  return {
    files: options.files ?? memoryFileStorage(now),
    store: appendOnly(options.store),
    secrets: options.secrets,
    now,
    log: options.log ?? consoleSink,
    identify: localIdentify,
  };
}
