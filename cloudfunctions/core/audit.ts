/**
 * The append-only audit trail: who, when, what and why for every state change. Nothing deletes from it;
 * entries carry ids and summaries, not personal data.
 */
import { newId } from './ids';
import type { HandlerContext } from './context';
import { isStoreError, type TxStore } from './store/port';

export interface AuditEntry {
  _id: string;
  at: string;
  actorId: string | null;
  actorRoles: string[];
  /** `fn.action`, e.g. `staff.grantRole`. */
  action: string;
  targetType: string;
  targetId: string;
  /** Plain-Chinese summary without personal data, e.g. 授予角色：志愿者. */
  summary: string;
  reason?: string;
  changes?: Record<string, unknown>;
  requestId?: string;
}

export type AuditInput = Pick<AuditEntry, 'targetType' | 'targetId' | 'summary'> &
  Partial<Pick<AuditEntry, 'reason' | 'changes' | 'action'>> & {
    /** A deterministic id, so a retried or recovered step writes its entry once. */
    id?: string;
  };

export function auditEntry(ctx: HandlerContext, input: AuditInput): AuditEntry {
  const entry: AuditEntry = {
    _id: input.id ?? newId('a'),
    at: ctx.now.toISOString(),
    actorId: ctx.caller.user?._id ?? ctx.caller.openid ?? null,
    actorRoles: ctx.caller.roles,
    action: input.action ?? `${ctx.fn}.${ctx.action}`,
    targetType: input.targetType,
    targetId: input.targetId,
    summary: input.summary,
  };
  if (input.reason) entry.reason = input.reason;
  if (input.changes) entry.changes = input.changes;
  if (ctx.requestId) entry.requestId = ctx.requestId;
  return entry;
}

export async function audit(ctx: HandlerContext, input: AuditInput): Promise<void> {
  await ctx.store.insert('audit', auditEntry(ctx, input));
}

/** Writes an entry under a deterministic id once: a retried step does not write it twice. */
export async function auditOnce(ctx: HandlerContext, input: AuditInput): Promise<void> {
  try {
    await ctx.store.insert('audit', auditEntry(ctx, input));
  } catch (e) {
    if (!(input.id && isStoreError(e, 'duplicate'))) throw e;
  }
}

export async function auditTx(tx: TxStore, ctx: HandlerContext, input: AuditInput): Promise<void> {
  await tx.insert('audit', auditEntry(ctx, input));
}
