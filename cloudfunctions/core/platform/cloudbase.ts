/**
 * The production runtime: a CloudbaseStore on the function's own environment, secrets from the function's
 * environment variables, and the caller's openid from the CloudBase context of each invocation.
 *
 * Identity: `tcb.getCloudbaseContext(context).WX_OPENID` (the mini-program caller, filled by the platform for
 * `wx.cloud.callFunction`) when the invocation's own context carries it, falling back to `event.userInfo.openId`
 * (the older event field). Never `auth().getUserInfo()`, which reads process-wide environment variables, and never
 * anything in `event.data`.
 */
import type Tcb from '@cloudbase/node-sdk';
import { cloudbaseSdk } from './cloudbase-sdk';
import { consoleSink } from '../log';
import { type Runtime, secretsFromEnv } from '../runtime';
import { CloudbaseStore } from '../store/cloudbase';
import { appendOnly } from '../store/append-only';
import { cloudbaseFileStorage } from './cloudbase-files';

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

type ContextParam = NonNullable<Parameters<typeof Tcb.getCloudbaseContext>[0]>;

export function cloudbaseIdentify(event: unknown, context: unknown): string | null {
  if (context && typeof context === 'object') {
    try {
      const param = context as ContextParam;
      const fromContext = cloudbaseSdk().getCloudbaseContext(param).WX_OPENID;
      // getCloudbaseContext also fills keys listed in WX_CONTEXT_KEYS from process.env; only trust an openid that
      // this invocation's own context carries, so a trigger without a caller never inherits an earlier caller.
      const parsed = cloudbaseSdk().parseContext(param);
      const own = (parsed.environment ?? parsed.environ)?.WX_OPENID;
      if (typeof fromContext === 'string' && fromContext === own && OPENID.test(fromContext)) return fromContext;
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
    store: appendOnly(new CloudbaseStore()),
    secrets: secretsFromEnv(env),
    now: () => new Date(),
    log: consoleSink,
    identify: cloudbaseIdentify,
    files: cloudbaseFileStorage(),
  };
}
