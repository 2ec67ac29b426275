/**
 * Staff work on people: search within the subtree (masked), roles and posts, deaths. Every act on a person asks the
 * authority model: inside the caller's subtree, holding no post at the caller's org or above, never oneself, never
 * an administrator; posts at an org are set only from a strict ancestor; desk posts only by the hospital's owners.
 */
import type { PersonRow } from '../../../types/staff.schema';
import { ROLE_LABELS } from '../../../types/roles';
import { type Authority, authorityOf, mayGrantPostAt, require } from '../../core/authority';
import { auditTx } from '../../core/audit';
import type { MemberContext, Input } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { landed } from '../../core/requests';
import type { Filter } from '../../core/store/port';
import { type OrgDoc, type UserDoc, rolesOf, scopeFilter } from '../../core/users';
import type { HandlerContext } from '../../core/wrapper';
import { maskName, maskPhone, maskedIdOf } from '../account/identity';
import { getOrg, orgSummary } from '../account/orgs';

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
  ctx: MemberContext,
  input: Input<'staff', 'searchPeople'>,
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

/** The person, if the caller may act on them. */
async function personInCharge(ctx: MemberContext, authority: Authority, userId: string): Promise<UserDoc> {
  const user = await ctx.store.get<UserDoc>('users', userId);
  if (!user) throw notFound('没有找到这个人员');
  // A retry of a call whose change landed (it died before answering): answer with the person as they are now.
  if (await landed(ctx)) throw new Landed(user);
  if (user._id === ctx.caller.user._id) throw new AppError('staff.self_change', '不能办理自己的角色或身份，请联系上级工会');
  require(await authority.mayActOnPerson(user));
  return user;
}

/** Changes a person's roles and posts in one transaction, conditional on the document not having changed. */
async function saveRoles(ctx: MemberContext, user: UserDoc, set: Partial<UserDoc>, summary: string, changes: Record<string, unknown>, reason?: string): Promise<UserDoc> {
  const at = ctx.now.toISOString();
  const next = { ...user, ...set, updatedAt: at } as UserDoc;
  await ctx.store.transaction(async (tx) => {
    const current = await tx.get<UserDoc>('users', user._id);
    if (!current || current.updatedAt !== user.updatedAt) throw new AppError('conflict', '此人员的资料刚被修改过，请刷新后重试');
    await tx.update('users', user._id, { $set: { ...(set as Record<string, never>), updatedAt: at } });
    await auditTx(tx, ctx, { targetType: 'user', targetId: user._id, summary, changes, ...(reason ? { reason } : {}) });
  });
  return next;
}

/** Thrown by `personInCharge` on a retry whose change already landed; the action answers with the person. */
class Landed {
  constructor(readonly user: UserDoc) {}
}

async function answeringRetries(ctx: MemberContext, work: () => Promise<PersonRow>): Promise<PersonRow> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof Landed) return personRow(ctx, e.user);
    throw e;
  }
}

export function grantRole(ctx: MemberContext, input: Input<'staff', 'grantRole'>): Promise<PersonRow> {
  return answeringRetries(ctx, () => grant(ctx, input));
}

export function revokeRole(ctx: MemberContext, input: Input<'staff', 'revokeRole'>): Promise<PersonRow> {
  return answeringRetries(ctx, () => revoke(ctx, input));
}

export function markDeceased(ctx: MemberContext, input: Input<'staff', 'markDeceased'>): Promise<PersonRow> {
  return answeringRetries(ctx, () => deceased(ctx, input));
}

async function grant(ctx: MemberContext, input: Input<'staff', 'grantRole'>): Promise<PersonRow> {
  const authority = authorityOf(ctx);
  const user = await personInCharge(ctx, authority, input.userId);
  if (user.status === 'deceased') throw new AppError('staff.person_deceased', '该人员已登记去世，不能授予角色');
  const set: Partial<UserDoc> = {};
  let detail = ROLE_LABELS[input.role];
  if (input.role === 'staff') {
    if (!input.orgId) throw new AppError('validation', '请选择该工作人员所属的工会', [{ path: ['orgId'], message: '请选择工会' }]);
    const org = await authority.org(input.orgId);
    if (!org) throw new AppError('validation', '所选工会不存在', [{ path: ['orgId'], message: '所选工会不存在' }]);
    require(mayGrantPostAt(ctx.caller, org));
    set.staffOrgId = org._id;
    detail += `（${org.name}）`;
  }
  if (input.role === 'hospital_staff') {
    if (!input.hospitalId) throw new AppError('validation', '请选择所属医院', [{ path: ['hospitalId'], message: '请选择医院' }]);
    const hospital = await ctx.store.get<{ _id: string; name: string; ownerOrgId: string }>('hospitals', input.hospitalId);
    if (!hospital) throw new AppError('validation', '所选医院不存在', [{ path: ['hospitalId'], message: '所选医院不存在' }]);
    require(await authority.mayManageHospital(hospital));
    set.hospitalId = hospital._id;
    detail += `（${hospital.name}）`;
  }
  set.roles = user.roles.includes(input.role) ? user.roles : [...user.roles, input.role];
  const next = await saveRoles(ctx, user, set, `授予角色：${detail}`, { role: input.role, ...set });
  return personRow(ctx, next);
}

async function revoke(ctx: MemberContext, input: Input<'staff', 'revokeRole'>): Promise<PersonRow> {
  const authority = authorityOf(ctx);
  const user = await personInCharge(ctx, authority, input.userId);
  if (!user.roles.includes(input.role)) throw new AppError('staff.role_absent', `该人员没有“${ROLE_LABELS[input.role]}”角色`);
  if (input.role === 'hospital_staff' && user.hospitalId) {
    const hospital = await authority.hospital(user.hospitalId);
    if (hospital) require(await authority.mayManageHospital(hospital));
  }
  const set: Partial<UserDoc> = { roles: user.roles.filter((r) => r !== input.role) };
  if (input.role === 'staff') set.staffOrgId = null;
  if (input.role === 'hospital_staff') set.hospitalId = null;
  const next = await saveRoles(ctx, user, set, `取消角色：${ROLE_LABELS[input.role]}`, { role: input.role }, input.reason);
  return personRow(ctx, next);
}

async function deceased(ctx: MemberContext, input: Input<'staff', 'markDeceased'>): Promise<PersonRow> {
  const authority = authorityOf(ctx);
  const user = await personInCharge(ctx, authority, input.userId);
  if (user.status === 'deceased') throw new AppError('staff.person_deceased', '该人员已登记去世');
  const next = await saveRoles(ctx, user, { status: 'deceased', deceasedOn: input.date }, `登记去世（${input.date}）`, { deceasedOn: input.date }, input.reason);
  return personRow(ctx, next);
}
