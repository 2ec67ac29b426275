/**
 * The one wrapper that turns a registry entry and its handlers into a cloud function `main(event, context)`:
 * parse the event, resolve the caller, authorise, validate, honour requestId, run, and always answer
 * with the Result envelope — never a thrown error, never a stack trace.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ActionSpec, OutputOf, ParsedInputOf } from '../../types/contract';
import { registry, type ActionName, type FunctionName, type Registry } from '../../types/registry';
import { fail, type Result, type ValidationIssue } from '../../types/result';
import type { Role } from '../../types/roles';
import { AppError } from './errors';
import { getRuntime, type Runtime } from './runtime';
import { isStoreError, type Store } from './store/port';
import { type Caller, resolveCaller } from './users';

/** Largest event accepted, in bytes of JSON (the honour import carries a 2 MB file as base64). */
export const MAX_EVENT_BYTES = 3_000_000;

export interface HandlerContext {
  caller: Caller;
  store: Store;
  now: Date;
  runtime: Runtime;
  fn: string;
  action: string;
  requestId?: string;
}

export type Handler<A> = (input: ParsedInputOf<A>, ctx: HandlerContext) => Promise<OutputOf<A>>;

export type Handlers<F extends FunctionName> = { [A in ActionName<F>]: Handler<Registry[F][A]> };

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

function requestKey(fn: string, action: string, openid: string | null, requestId: string): string {
  return 'r_' + createHash('sha256').update(`${fn}\u0000${action}\u0000${openid ?? '-'}\u0000${requestId}`).digest('hex').slice(0, 40);
}

interface RequestDoc {
  _id: string;
  state: 'pending' | 'done';
  at: string;
  result?: Result<unknown>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function awaitEarlier(store: Store, key: string): Promise<Result<unknown>> {
  for (let i = 0; i < 100; i++) {
    const doc = await store.get<RequestDoc>('requests', key);
    if (doc?.state === 'done' && doc.result) return doc.result;
    if (!doc) break;
    await sleep(50);
  }
  return fail('conflict', '同一请求正在处理中，请稍后查看结果');
}

export function createFunction<F extends FunctionName>(name: F, handlers: Handlers<F>) {
  const spec = registry[name] as unknown as Record<string, ActionSpec>;

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

      const run = async (): Promise<Result<unknown>> => {
        const ctx: HandlerContext = {
          caller,
          store: runtime.store,
          now: runtime.now(),
          runtime,
          fn: name,
          action,
          ...(requestId ? { requestId } : {}),
        };
        const handler = (handlers as Record<string, (i: unknown, c: HandlerContext) => Promise<unknown>>)[action];
        const out = await handler(input.data, ctx);
        const checked = entry.output.safeParse(out);
        if (!checked.success) throw new Error(`output of ${name}.${action} does not match its schema: ${checked.error.message}`);
        return { ok: true, data: checked.data };
      };

      if (!entry.mutates || !requestId) return finish(await runGuarded(run), failure);

      const key = requestKey(name, action, caller.openid, requestId);
      try {
        const pending: RequestDoc = { _id: key, state: 'pending', at: runtime.now().toISOString() };
        await runtime.store.insert('requests', pending);
      } catch (e) {
        if (isStoreError(e, 'duplicate')) return finish(await awaitEarlier(runtime.store, key), 'replayed');
        throw e;
      }
      const result = await runGuarded(run);
      if (!result.ok && result.error.code === 'internal') {
        await runtime.store.remove('requests', { _id: key });
      } else {
        const done: RequestDoc = { _id: key, state: 'done', at: runtime.now().toISOString(), result };
        await runtime.store.set('requests', done);
      }
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
