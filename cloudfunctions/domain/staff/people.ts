/** Staff work on people inside their own subtree: search (masked), roles, transfers, deaths. */
import type { PersonRow } from '../../../types/staff.schema';
import type { GrantableRole } from '../../../types/roles';
import { ROLE_LABELS } from '../../../types/roles';
import { audit } from '../../core/audit';
import { AppError, forbidden, notFound } from '../../core/errors';
import type { Filter } from '../../core/store/port';
import { type OrgDoc, type UserDoc, canManage, rolesOf, scopeFilter } from '../../core/users';
import type { HandlerContext } from '../../core/wrapper';
import { maskName, maskPhone, maskedIdOf } from '../account/identity';
import { getOrg, orgSummary, requireGrassroots } from '../account/orgs';

export async function personRow(ctx: HandlerContext, user: UserDoc, orgCache = new Map<string, OrgDoc | null>()): Promise<PersonRow> {
  if (!orgCache.has(user.orgId)) orgCache.set(user.orgId, await getOrg(ctx.store, user.orgId));
  const org = orgCache.get(user.orgId) ?? null;
  return {
    userId: user._id,
    nameMasked: maskName(user.name),
    phoneMasked: maskPhone(user.phone),
    idMasked: maskedIdOf(user),
    org: org ? orgSummary(org) : null,
    roles: rolesOf(user),
    status: user.status,
    hospitalId: user.hospitalId,
    staffOrgId: user.staffOrgId,
  };
}

export async function searchPeople(
  ctx: HandlerContext,
  input: { name?: string; orgId?: string; role?: string; limit: number; offset: number },
): Promise<{ people: PersonRow[]; total: number }> {
  const filter: Filter = { ...scopeFilter(ctx.caller) };
  if (input.orgId) filter.$and = [{ orgPath: input.orgId }];
  if (input.role) filter.roles = input.role;
  // Names are matched in memory (the store offers no substring query); a subtree holds at most a few thousand people.
  const scoped = await ctx.store.find<UserDoc>('users', filter, { sort: { createdAt: 1 }, limit: 1000 });
  const matching = input.name ? scoped.filter((u) => u.name.includes(input.name!)) : scoped;
  const page = matching.slice(input.offset, input.offset + input.limit);
  const cache = new Map<string, OrgDoc | null>();
  const people: PersonRow[] = [];
  for (const u of page) people.push(await personRow(ctx, u, cache));
  return { people, total: matching.length };
}

async function managedUser(ctx: HandlerContext, userId: string): Promise<UserDoc> {
  const user = await ctx.store.get<UserDoc>('users', userId);
  if (!user) throw notFound('没有找到这个人员');
  if (!canManage(ctx.caller, user.orgPath)) throw forbidden('此人员不在您管理的工会范围内');
  return user;
}

function notSelf(ctx: HandlerContext, user: UserDoc): void {
  if (ctx.caller.user?._id === user._id) throw new AppError('staff.self_change', '不能修改自己的角色，请联系上级工会');
}

export async function grantRole(
  ctx: HandlerContext,
  input: { userId: string; role: GrantableRole; orgId?: string; hospitalId?: string },
): Promise<PersonRow> {
  const user = await managedUser(ctx, input.userId);
  notSelf(ctx, user);
  if (user.status === 'deceased') throw new AppError('staff.person_deceased', '该人员已登记去世，不能授予角色');
  const set: Record<string, string | string[] | null> = {};
  let detail = ROLE_LABELS[input.role];
  if (input.role === 'staff') {
    if (!input.orgId) throw new AppError('validation', '请选择该工作人员所属的工会', [{ path: ['orgId'], message: '请选择工会' }]);
    const org = await getOrg(ctx.store, input.orgId);
    if (!org) throw new AppError('validation', '所选工会不存在', [{ path: ['orgId'], message: '所选工会不存在' }]);
    if (!canManage(ctx.caller, org.path)) throw forbidden('只能在您管理的工会范围内授予工作人员角色');
    set.staffOrgId = org._id;
    detail += `（${org.name}）`;
  }
  if (input.role === 'hospital_staff') {
    if (!input.hospitalId) throw new AppError('validation', '请选择所属医院', [{ path: ['hospitalId'], message: '请选择医院' }]);
    const hospital = await ctx.store.get<{ _id: string; name: string }>('hospitals', input.hospitalId);
    if (!hospital) throw new AppError('validation', '所选医院不存在', [{ path: ['hospitalId'], message: '所选医院不存在' }]);
    set.hospitalId = hospital._id;
    detail += `（${hospital.name}）`;
  }
  const roles = user.roles.includes(input.role) ? user.roles : [...user.roles, input.role];
  set.roles = roles;
  set.updatedAt = ctx.now.toISOString();
  await ctx.store.update('users', { _id: user._id }, { $set: set });
  await audit(ctx, { targetType: 'user', targetId: user._id, summary: `授予角色：${detail}`, changes: { role: input.role, ...set } });
  return personRow(ctx, { ...user, ...set, roles } as UserDoc);
}

export async function revokeRole(ctx: HandlerContext, input: { userId: string; role: GrantableRole; reason?: string }): Promise<PersonRow> {
  const user = await managedUser(ctx, input.userId);
  notSelf(ctx, user);
  if (!user.roles.includes(input.role)) throw new AppError('staff.role_absent', `该人员没有“${ROLE_LABELS[input.role]}”角色`);
  if (input.role === 'staff' && user.staffOrgId) {
    const org = await getOrg(ctx.store, user.staffOrgId);
    if (org && !canManage(ctx.caller, org.path)) throw forbidden('该工作人员属于上级工会，您不能取消其角色');
  }
  const roles = user.roles.filter((r) => r !== input.role);
  const set: Record<string, string | string[] | null> = { roles, updatedAt: ctx.now.toISOString() };
  if (input.role === 'staff') set.staffOrgId = null;
  if (input.role === 'hospital_staff') set.hospitalId = null;
  await ctx.store.update('users', { _id: user._id }, { $set: set });
  await audit(ctx, {
    targetType: 'user',
    targetId: user._id,
    summary: `取消角色：${ROLE_LABELS[input.role]}`,
    ...(input.reason ? { reason: input.reason } : {}),
    changes: { role: input.role },
  });
  return personRow(ctx, { ...user, ...set, roles } as UserDoc);
}

export async function markTransfer(ctx: HandlerContext, input: { userId: string; toOrgId: string; reason: string }): Promise<PersonRow> {
  const user = await managedUser(ctx, input.userId);
  const to = await requireGrassroots(ctx.store, input.toOrgId);
  if (to._id === user.orgId) throw new AppError('validation', '调入工会与当前所属工会相同', [{ path: ['toOrgId'], message: '调入工会与当前相同' }]);
  const set = { orgId: to._id, orgPath: to.path, updatedAt: ctx.now.toISOString() };
  await ctx.store.update('users', { _id: user._id }, { $set: set, $push: { transfers: { from: user.orgId, to: to._id, at: set.updatedAt } } });
  await audit(ctx, {
    targetType: 'user',
    targetId: user._id,
    summary: `登记调动：调入${to.name}`,
    reason: input.reason,
    changes: { fromOrgId: user.orgId, toOrgId: to._id },
  });
  return personRow(ctx, { ...user, ...set } as UserDoc);
}

export async function markDeceased(ctx: HandlerContext, input: { userId: string; date: string; reason?: string }): Promise<PersonRow> {
  const user = await managedUser(ctx, input.userId);
  notSelf(ctx, user);
  if (user.status === 'deceased') throw new AppError('staff.person_deceased', '该人员已登记去世');
  const set = { status: 'deceased', deceasedOn: input.date, updatedAt: ctx.now.toISOString() };
  await ctx.store.update('users', { _id: user._id, status: 'active' }, { $set: set });
  await audit(ctx, {
    targetType: 'user',
    targetId: user._id,
    summary: `登记去世（${input.date}）`,
    ...(input.reason ? { reason: input.reason } : {}),
  });
  return personRow(ctx, { ...user, ...set } as UserDoc);
}
