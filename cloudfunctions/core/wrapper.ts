/**
 * The one wrapper that turns a registry entry and its handlers into a cloud function `main(event, context)`:
 * parse the event, resolve the caller, authorise, validate, honour requestId, run, and always answer
 * with the Result envelope — never a thrown error, never a stack trace.
 */
import { z } from 'zod';
import type { ActionSpec } from '../../types/contract';
import type { FunctionName, Registry } from '../../types/registry';
import { fail, type Result, type ValidationIssue } from '../../types/result';
import type { Role } from '../../types/roles';
import type { HandlerContext, Handlers } from './context';
import { AppError } from './errors';
import { claimRequest, inputDigest, purgeExpiredRequests, requestKey, settleRequest } from './requests';
import { getRuntime, type Runtime } from './runtime';
import { promptSend } from './sender';
import { isStoreError } from './store/port';
import { type Caller, resolveCaller } from './users';

/** Largest event accepted, in bytes of JSON (the honour import carries a 2 MB file as base64). */
export const MAX_EVENT_BYTES = 3_000_000;
/** The share of request-bearing calls that also remove a batch of expired request records. */
const PURGE_SHARE = 0.02;

export type { HandlerContext, Handler, Handlers, MemberContext } from './context';

const eventSchema = z
  .object({
    action: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,63}$/, '未知的操作'),
    data: z.unknown().optional(),
    requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 格式不正确').optional(),
    // CloudBase adds userInfo (and sometimes tcbContext) to events from the mini-program.
    userInfo: z.unknown().optional(),
    tcbContext: z.unknown().optional(),
  })
  .strict();

/**
 * A CloudBase timer trigger sends `{ Type: 'Timer', TriggerName, Time, Message }`; the trigger is named after
 * the action it runs (see `timer` in the registry and cloudbaserc.json). It carries no caller.
 */
export function fromTimerEvent(event: unknown): unknown {
  if (!event || typeof event !== 'object') return event;
  const e = event as Record<string, unknown>;
  if (e.Type !== 'Timer' || typeof e.TriggerName !== 'string') return event;
  return { action: e.TriggerName, data: {} };
}

export function zodIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.slice(0, 20).map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: i.code === 'unrecognized_keys' ? '包含不允许的字段' : i.message,
  }));
}

function allowed(access: ActionSpec['access'], caller: Caller): 'ok' | 'auth.required' | 'auth.forbidden' | 'auth.not_registered' {
  if (access === 'public') return 'ok';
  if (!caller.openid) return 'auth.required';
  if (access === 'signedIn') return 'ok';
  if (!caller.user) return 'auth.not_registered';
  return (access as readonly Role[]).some((r) => caller.roles.includes(r)) ? 'ok' : 'auth.forbidden';
}

/**
 * `actions` is the function's own registry entry (`registry[name]`), passed by its entry file rather than read from
 * the registry here, so a deployed bundle carries only its feature's schemas (the cold-start budget).
 */
export function createFunction<F extends FunctionName>(name: F, actions: Registry[F], handlers: Handlers<F>) {
  const spec = actions as unknown as Record<string, ActionSpec>;

  return async function main(rawEvent: unknown, context?: unknown): Promise<Result<unknown>> {
    const started = Date.now();
    const timer = fromTimerEvent(rawEvent) !== rawEvent;
    const event = timer ? fromTimerEvent(rawEvent) : rawEvent;
    let runtime: Runtime;
    try {
      runtime = getRuntime();
    } catch {
      return fail('internal');
    }
    let actionName = '-';
    let role = 'anonymous';
    let requestId: string | undefined;
    /** Why an unexpected failure happened, for the call's one log line (never shown to the caller). */
    let failure: string | undefined;
    const finish = (result: Result<unknown>, detail?: string) => {
      runtime.log({
        fn: name,
        action: actionName,
        role,
        code: result.ok ? 'ok' : result.error.code,
        ms: Date.now() - started,
        ...(requestId ? { requestId } : {}),
        ...(detail ? { detail } : {}),
      });
      return result;
    };

    try {
      let size = 0;
      try {
        size = Buffer.byteLength(JSON.stringify(event ?? null));
      } catch {
        return finish(fail('validation', '请求格式不正确'));
      }
      if (size > MAX_EVENT_BYTES) return finish(fail('validation', '提交的内容太大'));
      const parsedEvent = eventSchema.safeParse(event);
      if (!parsedEvent.success) return finish(fail('validation', '请求格式不正确', zodIssues(parsedEvent.error)));
      const { action, data } = parsedEvent.data;
      requestId = parsedEvent.data.requestId;
      const entry = Object.prototype.hasOwnProperty.call(spec, action) ? spec[action] : undefined;
      if (!entry) return finish(fail('validation', '未知的操作'));
      actionName = action;
      if (timer && !entry.timer) return finish(fail('auth.forbidden', '该操作不能由定时触发器调用'));

      const openid = timer ? null : runtime.identify(event, context);
      const caller = await resolveCaller(runtime.store, openid);
      role = caller.roles[0] ?? (caller.openid ? 'unregistered' : 'anonymous');
      const verdict = allowed(entry.access, caller);
      if (verdict !== 'ok') return finish(fail(verdict));

      const input = entry.input.safeParse(data ?? {});
      if (!input.success) return finish(fail('validation', undefined, zodIssues(input.error)));

      let retry: { startedAt: string } | null = null;
      /** Notices the call wrote: sent promptly once it has answered (the sender's timer does the rest). */
      const outbox: string[] = [];
      const run = async (): Promise<Result<unknown>> => {
        const ctx: HandlerContext = {
          outbox,
          caller,
          store: runtime.store,
          now: runtime.now(),
          runtime,
          fn: name,
          action,
          ...(requestId ? { requestId } : {}),
          ...(retry ? { retry: true, requestedAt: new Date(retry.startedAt) } : {}),
        };
        const handler = (handlers as Record<string, (i: unknown, c: HandlerContext) => Promise<unknown>>)[action];
        const out = await handler(input.data, ctx);
        const checked = entry.output.safeParse(out);
        if (!checked.success) throw new Error(`output of ${name}.${action} does not match its schema: ${checked.error.message}`);
        return { ok: true, data: checked.data };
      };

      const sendPrompt = async () => {
        if (outbox.length && runtime.wechat) await promptSend(runtime, outbox);
      };
      if (!entry.mutates || entry.idempotent || !requestId) {
        const result = await runGuarded(run);
        await sendPrompt();
        return finish(result, failure);
      }

      const key = requestKey(name, action, caller.openid, requestId);
      const claim = await claimRequest(runtime.store, key, inputDigest(input.data), runtime.now);
      if (claim.kind === 'replay') return finish(claim.result, 'replayed');
      if (claim.kind === 'reused') return finish(fail('request.reused'));
      if (claim.kind === 'busy') return finish(fail('conflict', '同一请求正在处理中，请稍后查看结果'));
      if (claim.retry) retry = { startedAt: claim.startedAt };
      const result = await runGuarded(run);
      await settleRequest(runtime.store, key, claim.token, result, runtime.now());
      await sendPrompt();
      if (Math.random() < (runtime.requestPurgeShare ?? PURGE_SHARE)) await purgeExpiredRequests(runtime.store, runtime.now()).catch(() => 0);
      return finish(result, failure);
    } catch (e) {
      return finish(fail('internal'), e instanceof Error ? e.message.slice(0, 300) : 'unknown');
    }

    async function runGuarded(run: () => Promise<Result<unknown>>): Promise<Result<unknown>> {
      try {
        return await run();
      } catch (e) {
        if (e instanceof AppError) return fail(e.code, e.userMessage, e.issues);
        if (e instanceof z.ZodError) return fail('validation', undefined, zodIssues(e));
        if (isStoreError(e, 'conflict')) return fail('conflict');
        failure = e instanceof Error ? e.message.slice(0, 300) : 'unknown';
        return fail('internal');
      }
    }
  };
}
