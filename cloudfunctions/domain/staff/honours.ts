/** Staff side of the honour registry: add, list, confirm or reject a link to a registered person. */
import { authorityOf, covers, require } from '../../core/authority';
import { auditTx } from '../../core/audit';
import { landed } from '../../core/requests';
import type { HandlerContext, MemberContext, Input } from '../../core/context';
import { AppError, forbidden, notFound } from '../../core/errors';
import { isStoreError, type Filter } from '../../core/store/port';
import { type OrgDoc, type UserDoc, scopeFilter } from '../../core/users';
import {
  type HonourDoc,
  type HonourRecordInput,
  honourDocOf,
  registryHonourOf,
  suggestLinkForHonour,
} from '../account/honours';

/** The org new honour records are registered under: the staff member's own, or the root for an admin. */
export async function registeringOrg(ctx: HandlerContext): Promise<OrgDoc> {
  if (ctx.caller.staffOrg) return ctx.caller.staffOrg;
  const [root] = await ctx.store.find<OrgDoc>('orgs', { parentId: null }, { limit: 1 });
  if (!root) throw new AppError('staff.no_org', '尚未建立工会组织');
  return root;
}

export async function addHonour(ctx: MemberContext, input: HonourRecordInput) {
  const org = await registeringOrg(ctx);
  const doc = honourDocOf(ctx.runtime.secrets.idHashKey, input, org, ctx.now.toISOString(), ctx.caller.user._id);
  try {
    await ctx.store.transaction(async (tx) => {
      await tx.insert('honours', doc);
      await auditTx(tx, ctx, { targetType: 'honour', targetId: doc._id, summary: `登记荣誉：${doc.year}年${doc.title}` });
    });
  } catch (e) {
    if (!isStoreError(e, 'duplicate')) throw e;
    const mine = await landed(ctx);
    if (mine?.targetId !== doc._id) throw new AppError('staff.honour_exists', '这条荣誉已经登记过了');
    return registryHonourOf(await suggestLinkForHonour(ctx, (await ctx.store.get<HonourDoc>('honours', doc._id))!));
  }
  return registryHonourOf(await suggestLinkForHonour(ctx, doc));
}

export async function listHonours(ctx: HandlerContext, input: Input<'staff', 'listHonours'>) {
  const filter: Filter = { ...scopeFilter(ctx.caller) };
  if (input.linkStatus) filter.linkStatus = input.linkStatus;
  const [honours, total] = await Promise.all([
    ctx.store.find<HonourDoc>('honours', filter, { sort: { updatedAt: -1 }, skip: input.offset, limit: input.limit }),
    ctx.store.count('honours', filter),
  ]);
  return { honours: honours.map(registryHonourOf), total };
}

async function managedHonour(ctx: HandlerContext, honourId: string): Promise<HonourDoc> {
  const h = await ctx.store.get<HonourDoc>('honours', honourId);
  if (!h) throw notFound('没有找到这条荣誉记录');
  if (!covers(ctx.caller, h.orgPath)) throw forbidden('这条荣誉不在您管理的工会范围内');
  return h;
}

/** The person an honour is linked to, if the caller may act on them (in their subtree, no post at or above). */
async function linkedPerson(ctx: MemberContext, h: HonourDoc): Promise<UserDoc | null> {
  if (!h.linkedUserId) return null;
  const user = await ctx.store.get<UserDoc>('users', h.linkedUserId);
  if (!user) throw notFound('关联的人员不存在');
  if (user._id === ctx.caller.user._id) throw forbidden('不能确认或否认与自己关联的荣誉，请由其他工作人员办理');
  require(await authorityOf(ctx).mayActOnPerson(user));
  return user;
}

export async function confirmHonourLink(ctx: MemberContext, honourId: string) {
  const h = await managedHonour(ctx, honourId);
  if (await landed(ctx)) return registryHonourOf(h);
  if (h.linkStatus !== 'suggested' || !h.linkedUserId) {
    throw new AppError('staff.link_not_pending', h.linkStatus === 'confirmed' ? '这条荣誉已经确认过了' : '这条荣誉没有待确认的关联');
  }
  await linkedPerson(ctx, h);
  // Maker–checker: the one who added or imported the honour cannot also make its holder a model worker.
  if (h.createdBy && h.createdBy === ctx.caller.user._id) {
    throw new AppError('staff.maker_checker', '这条荣誉是您登记的，需要由另一位工作人员核对后确认关联');
  }
  const userId = h.linkedUserId;
  const at = ctx.now.toISOString();
  const updated = await ctx.store.transaction(async (tx) => {
    const honour = await tx.get<HonourDoc>('honours', h._id);
    const user = await tx.get<UserDoc>('users', userId);
    if (!honour || honour.linkStatus !== 'suggested') throw new AppError('staff.link_not_pending', '这条荣誉没有待确认的关联');
    if (!user) throw notFound('关联的人员不存在');
    await tx.update('honours', h._id, { $set: { linkStatus: 'confirmed', confirmedBy: ctx.caller.user._id, updatedAt: at } });
    if (!user.honourIds.includes(h._id)) await tx.update('users', userId, { $set: { honourIds: [...user.honourIds, h._id], updatedAt: at } });
    await auditTx(tx, ctx, {
      targetType: 'honour',
      targetId: h._id,
      summary: '确认荣誉关联',
      changes: { linkedUserId: userId, addedBy: honour.createdBy, confirmedBy: ctx.caller.user._id },
    });
    return { ...honour, linkStatus: 'confirmed' as const, confirmedBy: ctx.caller.user._id, updatedAt: at };
  });
  return registryHonourOf(updated);
}

export async function rejectHonourLink(ctx: MemberContext, honourId: string, reason: string) {
  const h = await managedHonour(ctx, honourId);
  if (await landed(ctx)) return registryHonourOf(h);
  if (h.linkStatus !== 'suggested' && h.linkStatus !== 'confirmed') throw new AppError('staff.link_not_pending', '这条荣誉没有可否认的关联');
  await linkedPerson(ctx, h);
  const at = ctx.now.toISOString();
  const updated = await ctx.store.transaction(async (tx) => {
    const honour = await tx.get<HonourDoc>('honours', h._id);
    if (!honour || (honour.linkStatus !== 'suggested' && honour.linkStatus !== 'confirmed')) {
      throw new AppError('staff.link_not_pending', '这条荣誉没有可否认的关联');
    }
    if (honour.linkedUserId) {
      const user = await tx.get<UserDoc>('users', honour.linkedUserId);
      if (user && user.honourIds.includes(h._id)) {
        await tx.update('users', user._id, { $set: { honourIds: user.honourIds.filter((x) => x !== h._id), updatedAt: at } });
      }
    }
    await tx.update('honours', h._id, { $set: { linkStatus: 'rejected', linkReason: reason, updatedAt: at } });
    await auditTx(tx, ctx, { targetType: 'honour', targetId: h._id, summary: '否认荣誉关联', reason });
    return { ...honour, linkStatus: 'rejected' as const, updatedAt: at };
  });
  return registryHonourOf(updated);
}
