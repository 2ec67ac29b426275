/**
 * What a function instance runs with: the store, the clock, secrets and how to read the caller's openid.
 * Created once per instance (never per call). The local server and tests install their own with setRuntime.
 */
import type { Store } from './store/port';
import type { LogSink } from './log';
import type { FileStorage } from './files';
import type { WechatPort } from './wechat';

export interface Secrets {
  /** HMAC key for ID-number hashes. */
  idHashKey: string;
  /** Other named secrets features need (signing keys …), read from configuration. */
  [name: string]: string | undefined;
}

export interface Runtime {
  store: Store;
  now: () => Date;
  secrets: Secrets;
  log: LogSink;
  /** The caller's openid from the platform context; null for anonymous. Never from event.data. */
  identify: (event: unknown, context: unknown) => string | null;
  /** Where uploaded files live (the data directory locally, cloud storage in production). */
  files?: FileStorage;
  /** WeChat's subscribe-message API (a local fake outside production); none: the message centre only. */
  wechat?: WechatPort;
  /** The share of request-bearing calls that also remove a batch of expired request records (default 2 %; the tests
   * set 0 so that store writes and round trips are the same on every run — the purge has its timer and tests). */
  requestPurgeShare?: number;
}

let current: Runtime | null = null;
let factory: (() => Runtime) | null = null;

export function setRuntime(runtime: Runtime | null): void {
  current = runtime;
}

/** Registers how to build the runtime lazily (production entry points use the CloudBase factory). */
export function setRuntimeFactory(make: () => Runtime): void {
  factory = make;
}

export function getRuntime(): Runtime {
  if (!current) {
    if (!factory) throw new Error('no runtime configured');
    current = factory();
  }
  return current;
}

export function secretsFromEnv(env: NodeJS.ProcessEnv = process.env): Secrets {
  const idHashKey = env.ID_HASH_KEY;
  if (!idHashKey || idHashKey.length < 16) throw new Error('ID_HASH_KEY is not configured (at least 16 characters)');
  const secrets: Secrets = { idHashKey };
  for (const [k, v] of Object.entries(env)) if (k.startsWith('SECRET_') && v) secrets[k] = v;
  return secrets;
}

