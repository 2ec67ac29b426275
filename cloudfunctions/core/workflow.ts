/**
 * The one guarded move every lifecycle uses (ADR 0012). A move checks that the event may leave the record's state and
 * that the caller may fire it (relative to the record's org paths, through the authority model), then changes the
 * record with ONE conditional update on its `version` — status, version + 1, bounded history, `updatedAt`, the
 * decision when the event decides, and the feature's own fields — and writes the audit entry under a deterministic
 * id (`<collection>:<id>:v<version>`). A move repeated with the same requestId (a retry after a crash) finds its
 * history entry and answers the record as it is. A crash between the update and the audit insert is repaired by
 * `recoverAudits`, which rebuilds the entry from the history item; so every settled state change has its audit entry.
 */
import type { EventSpec, StateSpec, Who, WorkflowSpec } from '../../types/workflow';
import { type Authority, type Decision, authorityOf, callerOrg, decisionOf, isAdmin, isSelf, levelAtLeast, mayLift, within } from './authority';
import type { AuditEntry } from './audit';
import { type NoticeDoc, type NoticeDraft, noticeDoc, writeMissingNotices, writeNotices } from './notices';
import type { HandlerContext } from './context';
import { AppError, forbidden } from './errors';
import { type DocValue, type Filter, isStoreError, type Store } from './store/port';
import type { Caller, UserDoc } from './users';

export interface HistoryItem {
  v: number;
  at: string;
  event: string;
  from: string;
  /** The state the event led to. */
  status: string;
  by: string | null;
  byRoles: string[];
  byOrgId: string | null;
  note?: string;
  reason?: string;
  requestId?: string;
  /** The notices this step sends (core/notices.ts): carried here, in the same update as the change. */
  notices?: NoticeDraft[];
}

/** What every workflow record carries. */
export interface WorkflowFields<S extends string = string> {
  _id: string;
  status: S;
  version: number;
  history: HistoryItem[];
  updatedAt: string;
  decision?: Decision | null;
}

const DEFAULT_HISTORY_LIMIT = 20;

function fieldOf(record: object, path: string): unknown {
  let cur: unknown = record;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Whether this caller matches one `who` rule for this record. */
function matches(caller: Caller, who: Who, record: WorkflowFields, subjectField: string | undefined): boolean {
  if (who === 'system') return false;
  if ('person' in who) return isSelf(caller, fieldOf(record, who.person) as string | undefined);
  const rule = who.staff;
  const admin = isAdmin(caller);
  const org = callerOrg(caller);
  if (!admin && !org) return false;
  // No one decides about themselves.
  if (subjectField && isSelf(caller, fieldOf(record, subjectField) as string | undefined)) return false;
  if (admin) return true;
  for (const f of rule.covers ?? []) {
    const path = fieldOf(record, f);
    if (!Array.isArray(path) || !within(path as string[], org!._id)) return false;
  }
  if (rule.within) {
    const id = fieldOf(record, rule.within);
    if (typeof id !== 'string' || !within(org!.path, id)) return false;
  }
  if (rule.at && fieldOf(record, rule.at) !== org!._id) return false;
  if (rule.minLevel && !levelAtLeast(org!.level, rule.minLevel)) return false;
  if (rule.lifts && !mayLift(caller, record.decision).ok) return false;
  return true;
}

export function mayFire<S extends string, E extends string>(caller: Caller, wf: WorkflowSpec<S, E>, record: WorkflowFields<S>, event: E): boolean {
  const spec = wf.events[event];
  return spec.from.includes(record.status) && spec.who.some((w) => matches(caller, w, record, wf.subject));
}

/** The events this caller's role and place on the tree allow on the record now (the subject's posts not yet asked). */
export function available<S extends string, E extends string>(caller: Caller, wf: WorkflowSpec<S, E>, record: WorkflowFields<S>): E[] {
  return (Object.keys(wf.events) as E[]).filter((e) => mayFire(caller, wf, record, e));
}

/** Whether the caller fires this event as staff (rather than as the person the record names). */
function firesAsStaff<S extends string, E extends string>(caller: Caller, wf: WorkflowSpec<S, E>, record: WorkflowFields<S>, event: E): boolean {
  const rules = wf.events[event].who;
  return !rules.some((w) => w !== 'system' && 'person' in w && matches(caller, w, record, wf.subject)) && rules.some((w) => matches(caller, w, record, wf.subject));
}

/** Staff act on a record about a person only if that person holds no post at the caller's org or above. */
async function subjectVerdict(authority: Authority, wf: WorkflowSpec, record: WorkflowFields): Promise<{ ok: boolean; message?: string }> {
  const id = wf.subject ? fieldOf(record, wf.subject) : undefined;
  if (typeof id !== 'string') return { ok: true };
  const subject = await authority.store.get<UserDoc>('users', id);
  return subject ? authority.outranks(subject) : { ok: true };
}

/** What this caller may do to the record now — what the app shows as its next actions. */
export async function nextEvents<S extends string, E extends string>(authority: Authority, wf: WorkflowSpec<S, E>, record: WorkflowFields<S>): Promise<E[]> {
  const events = available(authority.caller, wf, record);
  if (!events.some((e) => firesAsStaff(authority.caller, wf, record, e))) return events;
  if ((await subjectVerdict(authority, wf as unknown as WorkflowSpec, record)).ok) return events;
  return events.filter((e) => !firesAsStaff(authority.caller, wf, record, e));
}

export function stateOf<S extends string>(wf: WorkflowSpec<S, string>, status: S): StateSpec {
  return wf.states[status];
}

export function auditIdOf(collection: string, id: string, version: number): string {
  return `${collection}:${id}:v${version}`;
}

function auditOf(wf: WorkflowSpec, collection: string, record: { _id: string }, item: HistoryItem, summary?: string, changes?: Record<string, unknown>): AuditEntry {
  const spec = wf.events[item.event] as EventSpec<string> | undefined;
  const entry: AuditEntry = {
    _id: auditIdOf(collection, record._id, item.v),
    at: item.at,
    actorId: item.by,
    actorRoles: item.byRoles,
    action: `${wf.name}.${item.event}`,
    targetType: wf.name,
    targetId: record._id,
    summary: summary ?? `${spec?.label ?? (item.event === 'create' ? '新建' : item.event)}${item.note ? `：${item.note}` : ''}`,
    changes: { from: item.from, to: item.status, version: item.v, ...(changes ?? {}) },
  };
  if (item.reason) entry.reason = item.reason;
  if (item.requestId) entry.requestId = item.requestId;
  return entry;
}

async function writeAudit(store: Store, entry: AuditEntry): Promise<void> {
  try {
    await store.insert('audit', entry);
  } catch (e) {
    if (!isStoreError(e, 'duplicate')) throw e;
  }
}

/**
 * Throws `auth.forbidden` unless the caller may fire the event on this record (whatever its state): a declared who,
 * never about oneself, never about a person who holds a post at the caller's org or above. Features call it before
 * their own checks, so a refusal never depends on the record's state or dates.
 */
export async function authorize<S extends string, E extends string>(ctx: HandlerContext, wf: WorkflowSpec<S, E>, record: WorkflowFields<S>, event: E): Promise<void> {
  const spec = wf.events[event];
  if (!spec.who.some((w) => matches(ctx.caller, w, record, wf.subject))) {
    const own = !!wf.subject && isSelf(ctx.caller, fieldOf(record, wf.subject) as string | undefined);
    throw forbidden(own ? '不能对自己的事项作出决定，请由其他工作人员办理' : `您不能${spec.label}`);
  }
  if (firesAsStaff(ctx.caller, wf, record, event)) {
    const verdict = await subjectVerdict(authorityOf(ctx), wf as unknown as WorkflowSpec, record);
    if (!verdict.ok) throw forbidden(verdict.message);
  }
}

export interface MoveOptions {
  /** The feature's own fields changed with the move (one update). */
  set?: Record<string, DocValue>;
  unset?: string[];
  inc?: Record<string, number>;
  note?: string;
  reason?: string;
  /** The audit summary (default: the event's label and the note). */
  summary?: string;
  changes?: Record<string, unknown>;
  /** Notices to the people concerned, written with the move (and recovered with it after a crash). */
  notify?: NoticeDraft[];
  /**
   * `false`: the call does not send its notices itself once it has answered; the sender's timer does (within a
   * minute; the message centre has them at once). For actions built for a rush, whose round trips are budgeted
   * (wishes.claim: the union staff told of a claim need not hear of it within the second).
   */
  prompt?: boolean;
  /** A move made by the system (timer, recovery, the engine of another move): skips the caller check. */
  system?: boolean;
  /** Extra conditions for the conditional update (e.g. an offer still within its deadline). */
  where?: Filter;
  /** The error when the event may not leave the record's state (default: `wrong_state`). */
  wrongState?: () => AppError;
}

/**
 * Moves `record` by `event`. Throws `wrong_state` (or `opts.wrongState()`) when the event may not leave its state,
 * `auth.forbidden` when the caller may not fire it, and `conflict` when someone else moved it first.
 */
export async function move<S extends string, E extends string, R extends WorkflowFields<S>>(
  ctx: HandlerContext,
  wf: WorkflowSpec<S, E>,
  collection: string,
  record: R,
  event: E,
  opts: MoveOptions = {},
): Promise<R> {
  const spec = wf.events[event];
  // A retry of a move that already happened (same requestId): answer the record as it is, and make sure of its audit.
  if (ctx.requestId) {
    const done = record.history.find((h) => h.requestId === ctx.requestId && h.event === event);
    if (done) {
      await writeAudit(ctx.store, auditOf(wf, collection, record, done, opts.summary, opts.changes));
      await writeNotices(ctx.store, noticesOf(ctx, collection, record, done), opts.prompt === false ? undefined : ctx);
      return record;
    }
  }
  if (!spec.from.includes(record.status)) {
    throw opts.wrongState?.() ?? new AppError('wrong_state', `当前状态是“${wf.states[record.status].label}”，不能${spec.label}`);
  }
  if (!opts.system) await authorize(ctx, wf, record, event);
  if (spec.reason === 'required' && !opts.reason) throw new AppError('validation', '请填写原因', [{ path: ['reason'], message: '请填写原因' }]);
  const item = historyItem(ctx, wf as unknown as WorkflowSpec, record, event, opts);
  const at = item.at;
  const limit = wf.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const history = [...record.history, item].slice(-limit);
  const set: Record<string, DocValue> = {
    ...(opts.set ?? {}),
    status: spec.to,
    version: item.v,
    history: history as unknown as DocValue,
    updatedAt: at,
  };
  if (spec.decides) set.decision = decisionOf(ctx.caller, event, at) as unknown as DocValue;
  const moved = ctx.store
    .update(
      collection,
      { ...(opts.where ?? {}), _id: record._id, version: record.version, status: record.status },
      {
        $set: set,
        ...(opts.unset?.length ? { $unset: Object.fromEntries(opts.unset.map((f) => [f, true as const])) } : {}),
        ...(opts.inc ? { $inc: opts.inc } : {}),
      },
    )
    // A write the store refused for a concurrent one (CloudBase's WriteConflict) did not move the record either.
    .catch((e: unknown) => (isStoreError(e, 'conflict') ? { matched: 0 } : Promise.reject(e)));
  if ((await moved).matched !== 1) throw new AppError('conflict', '这条记录刚被其他人处理过，请刷新后查看');
  await writeAudit(ctx.store, auditOf(wf, collection, record, item, opts.summary, opts.changes));
  await writeNotices(ctx.store, noticesOf(ctx, collection, record, item), opts.prompt === false ? undefined : ctx);
  const next = { ...record, ...(opts.set ?? {}), status: spec.to, version: item.v, history, updatedAt: at } as R;
  for (const f of opts.unset ?? []) delete (next as Record<string, unknown>)[f];
  for (const [f, by] of Object.entries(opts.inc ?? {})) (next as Record<string, unknown>)[f] = ((next as Record<string, unknown>)[f] as number ?? 0) + by;
  if (spec.decides) next.decision = set.decision as unknown as Decision;
  return next;
}

/**
 * Creates a record by an event that leaves the workflow's start state (`none`): the record is inserted with its
 * first history entry (version 1) and the audit entry follows under its deterministic id. A duplicate id is the
 * caller's to handle (StoreError 'duplicate'): one record per person per thing is a deterministic id.
 */
export async function create<S extends string, E extends string, R extends WorkflowFields<S>>(
  ctx: HandlerContext,
  wf: WorkflowSpec<S, E>,
  collection: string,
  fields: Omit<R, 'status' | 'version' | 'history' | 'updatedAt'>,
  event: E,
  opts: Pick<MoveOptions, 'note' | 'reason' | 'summary' | 'changes' | 'system' | 'notify'> = {},
): Promise<R> {
  const spec = wf.events[event];
  if (!spec.from.includes('none' as S)) throw new Error(`${wf.name}.${event} does not start a record`);
  const draft = { ...fields, status: 'none' as S, version: 0, history: [], updatedAt: ctx.now.toISOString() } as unknown as R;
  if (!opts.system && !spec.who.some((w) => matches(ctx.caller, w, draft, wf.subject))) throw forbidden(`您不能${spec.label}`);
  const item = historyItem(ctx, wf, draft, event, opts);
  const record = { ...fields, status: spec.to, version: 1, history: [item], updatedAt: item.at } as unknown as R;
  if (spec.decides) record.decision = decisionOf(ctx.caller, event, item.at);
  await ctx.store.insert(collection, record);
  await writeAudit(ctx.store, auditOf(wf, collection, record, item, opts.summary, opts.changes));
  await writeNotices(ctx.store, noticesOf(ctx, collection, record, item), ctx);
  return record;
}

function historyItem(ctx: HandlerContext, wf: WorkflowSpec, record: WorkflowFields, event: string, opts: Pick<MoveOptions, 'note' | 'reason' | 'system' | 'notify'>): HistoryItem {
  const system = !!opts.system;
  const item: HistoryItem = {
    v: record.version + 1,
    at: ctx.now.toISOString(),
    event,
    from: record.status,
    status: wf.events[event].to,
    by: system ? null : ctx.caller.user?._id ?? null,
    byRoles: system ? ['system'] : ctx.caller.roles,
    byOrgId: system ? null : callerOrg(ctx.caller)?._id ?? null,
  };
  if (opts.note) item.note = opts.note;
  if (opts.reason) item.reason = opts.reason;
  if (ctx.requestId && !system) item.requestId = ctx.requestId;
  if (opts.notify?.length) item.notices = opts.notify;
  return item;
}

/** The outbox records a history entry carries, under ids derived from the record and version. */
function noticesOf(ctx: { now: Date }, collection: string, record: { _id: string }, item: HistoryItem): NoticeDoc[] {
  return (item.notices ?? []).map((d, i) => noticeDoc(`n:${collection}:${record._id}:v${item.v}:${i}`, d, `${collection}:${record._id}`, item.at ?? ctx.now.toISOString()));
}

/** A record's first history entry and audit, for a record created in a state of the workflow. */
export function firstHistory(ctx: HandlerContext, status: string, note?: string): HistoryItem {
  const item: HistoryItem = {
    v: 1,
    at: ctx.now.toISOString(),
    event: 'create',
    from: '',
    status,
    by: ctx.caller.user?._id ?? null,
    byRoles: ctx.caller.roles,
    byOrgId: callerOrg(ctx.caller)?._id ?? null,
  };
  if (note) item.note = note;
  if (ctx.requestId) item.requestId = ctx.requestId;
  return item;
}

/** Writes the audit entry of one history entry (idempotent: its id is deterministic). */
export async function auditOfHistory(ctx: HandlerContext, wf: WorkflowSpec, collection: string, record: WorkflowFields, item: HistoryItem): Promise<void> {
  await writeAudit(ctx.store, auditOf(wf, collection, record, item));
  await writeNotices(ctx.store, noticesOf(ctx, collection, record, item), ctx);
}

/** Writes the audit entry of a record's creation (idempotent). */
export async function auditCreation(ctx: HandlerContext, wf: WorkflowSpec, collection: string, record: WorkflowFields, summary: string, changes?: Record<string, unknown>): Promise<void> {
  const first = record.history.find((h) => h.v === 1);
  if (first) await writeAudit(ctx.store, auditOf(wf, collection, record, first, summary, changes));
}

/**
 * Recovery: for records of `collection` changed since `since`, every history entry still kept on the record gets
 * its audit entry (the move's process may have died between the update and the audit insert). Returns how many
 * entries it wrote.
 */
export async function recoverAudits(store: Store, wf: WorkflowSpec, collection: string, since: string, limit = 500): Promise<number> {
  const recent = await store.find<WorkflowFields>(collection, { updatedAt: { $gte: since } }, { sort: { updatedAt: 1 }, limit, projection: { history: 1, status: 1, version: 1, updatedAt: 1 } });
  let written = 0;
  for (const record of recent) {
    for (const item of record.history ?? []) {
      if (item.at < since) continue;
      const id = auditIdOf(collection, record._id, item.v);
      // Notices travel with their history entry: any the crash left out are written now (each once).
      if (item.notices?.length) await writeMissingNotices(store, noticesOf({ now: new Date(item.at) }, collection, record, item));
      if (await store.get('audit', id)) continue;
      await writeAudit(store, auditOf(wf, collection, record, item));
      written++;
    }
  }
  return written;
}
