/**
 * The production runtime: a CloudbaseStore on the function's own environment, secrets from the function's
 * environment variables, and the caller's openid from the CloudBase context of each invocation.
 *
 * Identity: `tcb.getCloudbaseContext(context).WX_OPENID` (the mini-program caller, filled by the platform for
 * `wx.cloud.callFunction`), falling back to `event.userInfo.openId` (the older event field). Never
 * `auth().getUserInfo()`, which reads process-wide environment variables, and never anything in `event.data`.
 */
import tcb from '@cloudbase/node-sdk';
import { consoleSink } from '../log';
import { type Runtime, secretsFromEnv } from '../runtime';
import { CloudbaseStore } from '../store/cloudbase';

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

export function cloudbaseIdentify(event: unknown, context: unknown): string | null {
  if (context && typeof context === 'object') {
    try {
      const fromContext = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0]).WX_OPENID;
      if (typeof fromContext === 'string' && OPENID.test(fromContext)) return fromContext;
    } catch {
      // An unparsable context carries no identity.
    }
  }
  if (event && typeof event === 'object' && 'userInfo' in event) {
    const userInfo = (event as { userInfo?: unknown }).userInfo;
    if (userInfo && typeof userInfo === 'object' && 'openId' in userInfo) {
      const openId = (userInfo as { openId?: unknown }).openId;
      if (typeof openId === 'string' && OPENID.test(openId)) return openId;
    }
  }
  return null;
}

export function cloudbaseRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  return {
    store: new CloudbaseStore(),
    secrets: secretsFromEnv(env),
    now: () => new Date(),
    log: consoleSink,
    identify: cloudbaseIdentify,
  };
}
