/**
 * Membership moves go through the union: after registration a person's union changes only through a transfer that
 * staff confirm. The worker (or staff of their union) asks; the destination grassroots union or a common ancestor
 * of both unions confirms. Staff of a common ancestor may move a person at once. One open transfer per person (a
 * slot); confirming moves the person, closes the request, frees the slot and writes the audit entry in one
 * transaction.
 */
import type { TransferView } from '../../../types/account.schema';
import { type Decision, authorityOf, callerOrg, decisionOf, isAdmin, isSelf, require, within } from '../../core/authority';
import { auditTx, type AuditInput } from '../../core/audit';
import { claimSlot, releaseSlot } from '../../core/claims';
import type { HandlerContext, MemberContext, Input } from '../../core/context';
import { AppError, forbidden, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { landed } from '../../core/requests';
import type { OrgDoc, UserDoc } from '../../core/users';
import { getOrg, requireGrassroots } from './orgs';

export const TRANSFERS = 'transfers';
/** One open transfer per person: `_id` = user id, holder = the open transfer's id. */
export const TRANSFER_SLOTS = 'transfer_slots';

export type TransferStatus = 'pending' | 'done' | 'rejected' | 'withdrawn';

export interface TransferDoc {
  _id: string;
  userId: string;
  fromOrgId: string;
  fromOrgPath: string[];
  toOrgId: string;
  toOrgPath: string[];
  status: TransferStatus;
  reason: string;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
  decision: Decision | null;
  decisionReason: string | null;
}

const STATUS_TEXT: Record<TransferStatus, string> = { pending: '等待调入工会确认', done: '已调入', rejected: '未获同意', withdrawn: '已撤回' };

export async function transferView(ctx: HandlerContext, t: TransferDoc): Promise<TransferView> {
  const [from, to] = await Promise.all([getOrg(ctx.store, t.fromOrgId), getOrg(ctx.store, t.toOrgId)]);
  return {
    id: t._id,
    userId: t.userId,
    fromOrgName: from?.name ?? '',
    toOrgName: to?.name ?? '',
    status: t.status,
    statusText: STATUS_TEXT[t.status],
    reason: t.reason,
    decisionReason: t.decisionReason,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/** Staff of the destination union, or of an org above both unions (or admin), confirm a move. */
export function mayConfirmTransfer(ctx: HandlerContext, t: Pick<TransferDoc, 'toOrgId' | 'fromOrgPath' | 'toOrgPath' | 'userId'>): boolean {
  if (isSelf(ctx.caller, t.userId)) return false;
  if (isAdmin(ctx.caller)) return true;
  const org = callerOrg(ctx.caller);
  if (!org) return false;
  return org._id === t.toOrgId || (within(t.fromOrgPath, org._id) && within(t.toOrgPath, org._id));
}

async function openTransfer(ctx: HandlerContext, user: UserDoc, to: OrgDoc, reason: string): Promise<TransferDoc> {
  if (to._id === user.orgId) throw new AppError('validation', '调入工会与当前所属工会相同', [{ path: ['toOrgId'], message: '调入工会与当前相同' }]);
  const at = ctx.now.toISOString();
  const t: TransferDoc = {
    _id: newId('tr'),
    userId: user._id,
    fromOrgId: user.orgId,
    fromOrgPath: user.orgPath,
    toOrgId: to._id,
    toOrgPath: to.path,
    status: 'pending',
    reason,
    requestedBy: ctx.caller.user?._id ?? '',
    createdAt: at,
    updatedAt: at,
    decision: null,
    decisionReason: null,
  };
  const claim = await claimSlot(ctx.store, TRANSFER_SLOTS, { _id: user._id, holder: t._id, at });
  if (!claim.won) {
    const existing = await ctx.store.get<TransferDoc>(TRANSFERS, claim.slot.holder);
    // A retry of the call that opened it (and died before answering) gets that request.
    if (existing && existing.status === 'pending' && (await landed(ctx))?.targetId === user._id) return existing;
    if (existing && existing.status === 'pending') throw new AppError('account.transfer_open', '已有一条等待确认的调动申请，请等它办结或先撤回');
    // The slot outlived its request (a crash between the two writes): free it and try once more.
    await releaseSlot(ctx.store, TRANSFER_SLOTS, user._id, claim.slot.holder);
    const again = await claimSlot(ctx.store, TRANSFER_SLOTS, { _id: user._id, holder: t._id, at });
    if (!again.won) throw new AppError('account.transfer_open', '已有一条等待确认的调动申请，请等它办结或先撤回');
  }
  await ctx.store.transaction(async (tx) => {
    await tx.insert(TRANSFERS, t);
    await auditTx(tx, ctx, { targetType: 'user', targetId: user._id, summary: `申请调动到${to.name}`, reason, changes: { transferId: t._id, toOrgId: to._id } });
  });
  return t;
}

/** Closes a transfer in one transaction: (on confirm) the person moves; the request closes; the slot is freed. */
async function closeTransfer(ctx: HandlerContext, t: TransferDoc, status: Exclude<TransferStatus, 'pending'>, audit: AuditInput, why?: string): Promise<TransferDoc> {
  const at = ctx.now.toISOString();
  const decision = status === 'withdrawn' ? null : decisionOf(ctx.caller, `transfer.${status}`, at);
  if (t.status !== 'pending' && (await landed(ctx))) return t;
  return ctx.store.transaction(async (tx) => {
    const current = await tx.get<TransferDoc>(TRANSFERS, t._id);
    if (!current || current.status !== 'pending') throw new AppError('account.transfer_closed', '这条调动申请已经办结');
    if (status === 'done') {
      const user = await tx.get<UserDoc>('users', t.userId);
      if (!user) throw notFound('没有找到这个人员');
      if (user.orgId !== t.fromOrgId) throw new AppError('account.transfer_closed', '此人员的所属工会已经变化，请重新申请调动');
      await tx.update('users', user._id, { $set: { orgId: t.toOrgId, orgPath: t.toOrgPath, updatedAt: at } });
    }
    const next: TransferDoc = { ...current, status, updatedAt: at, decision, decisionReason: why ?? null };
    await tx.set(TRANSFERS, next);
    const slot = await tx.get<{ _id: string; holder: string }>(TRANSFER_SLOTS, t.userId);
    if (slot?.holder === t._id) await tx.remove(TRANSFER_SLOTS, t.userId);
    await auditTx(tx, ctx, audit);
    return next;
  });
}

// ---- The person's own requests

export async function requestTransfer(ctx: MemberContext, input: Input<'account', 'requestTransfer'>): Promise<TransferView> {
  const to = await requireGrassroots(ctx.store, input.toOrgId);
  return transferView(ctx, await openTransfer(ctx, ctx.caller.user, to, input.reason));
}

export async function myTransfers(ctx: MemberContext): Promise<{ transfers: TransferView[] }> {
  const list = await ctx.store.find<TransferDoc>(TRANSFERS, { userId: ctx.caller.user._id }, { sort: { createdAt: -1 }, limit: 20 });
  return { transfers: await Promise.all(list.map((t) => transferView(ctx, t))) };
}

export async function withdrawTransfer(ctx: MemberContext, transferId: string): Promise<TransferView> {
  const t = await ctx.store.get<TransferDoc>(TRANSFERS, transferId);
  if (!t || t.userId !== ctx.caller.user._id) throw notFound('没有找到这条调动申请');
  const closed = await closeTransfer(ctx, t, 'withdrawn', { targetType: 'user', targetId: t.userId, summary: '撤回调动申请', changes: { transferId: t._id } });
  return transferView(ctx, closed);
}

// ---- Staff

/**
 * Staff move a person in their charge. When the caller's org is above both unions the move happens now; otherwise
 * it becomes a request that the destination union (or a common ancestor) confirms.
 */
export async function staffTransfer(ctx: MemberContext, input: Input<'staff', 'markTransfer'>): Promise<TransferView> {
  const authority = authorityOf(ctx);
  const user = await ctx.store.get<UserDoc>('users', input.userId);
  if (!user) throw notFound('没有找到这个人员');
  if (await landed(ctx)) {
    // The call that made this move died before answering: answer with the transfer it made.
    const [last] = await ctx.store.find<TransferDoc>(TRANSFERS, { userId: user._id }, { sort: { createdAt: -1 }, limit: 1 });
    if (last && last.status !== 'pending') return transferView(ctx, last);
  }
  require(await authority.mayActOnPerson(user));
  const to = await requireGrassroots(ctx.store, input.toOrgId);
  // (A retry finds the request its first call opened and finishes it.)
  const t = await openTransfer(ctx, user, to, input.reason);
  if (!mayConfirmTransfer(ctx, t)) return transferView(ctx, t);
  const done = await closeTransfer(ctx, t, 'done', {
    targetType: 'user',
    targetId: user._id,
    summary: `登记调动：调入${to.name}`,
    reason: input.reason,
    changes: { transferId: t._id, fromOrgId: t.fromOrgId, toOrgId: t.toOrgId },
  });
  return transferView(ctx, done);
}

/** Open transfers this caller may decide: into their union, or between two unions of their subtree. */
export async function transfersToDecide(ctx: MemberContext): Promise<{ transfers: TransferView[] }> {
  const org = callerOrg(ctx.caller);
  const filter = isAdmin(ctx.caller) || !org ? { status: 'pending' } : { status: 'pending', toOrgPath: org._id };
  const pending = await ctx.store.find<TransferDoc>(TRANSFERS, filter, { sort: { createdAt: 1 }, limit: 200 });
  const mine = pending.filter((t) => mayConfirmTransfer(ctx, t));
  return { transfers: await Promise.all(mine.map((t) => transferView(ctx, t))) };
}

export async function decideTransfer(ctx: MemberContext, input: Input<'staff', 'decideTransfer'>): Promise<TransferView> {
  const t = await ctx.store.get<TransferDoc>(TRANSFERS, input.transferId);
  if (!t) throw notFound('没有找到这条调动申请');
  if (!mayConfirmTransfer(ctx, t)) {
    throw forbidden(isSelf(ctx.caller, t.userId) ? '不能确认自己的调动，请由其他工作人员办理' : '只有调入的基层工会或两家工会共同的上级工会可以确认调动');
  }
  const user = await ctx.store.get<UserDoc>('users', t.userId);
  if (!user) throw notFound('没有找到这个人员');
  // A person holding a post at or above the caller's org is moved by that org's superiors.
  require(await authorityOf(ctx).outranks(user));
  const to = await getOrg(ctx.store, t.toOrgId);
  const confirm = input.decision === 'confirm';
  const closed = await closeTransfer(
    ctx,
    t,
    confirm ? 'done' : 'rejected',
    {
      targetType: 'user',
      targetId: t.userId,
      summary: confirm ? `确认调动：调入${to?.name ?? ''}` : '不同意调动申请',
      ...(input.reason ? { reason: input.reason } : {}),
      changes: { transferId: t._id, fromOrgId: t.fromOrgId, toOrgId: t.toOrgId },
    },
    input.reason,
  );
  return transferView(ctx, closed);
}
