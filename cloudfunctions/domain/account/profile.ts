/** Registering, editing and showing a person's own profile. */
import type { MeOutput } from '../../../types/account.schema';
import type { HonourView } from '../../../types/account.schema';
import { HOSPITAL_TTL_MS, cachedGet } from '../../core/cache';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Store } from '../../core/store/port';
import { isStoreError } from '../../core/store/port';
import type { Role } from '../../../types/roles';
import { type Caller, type OrgDoc, type UserDoc, rolesOf } from '../../core/users';
import type { HandlerContext } from '../../core/wrapper';
import { auditTx } from '../../core/audit';
import { landed } from '../../core/requests';
import { identityFields, maskedIdOf } from './identity';
import { getOrg, orgSummary, requireGrassroots } from './orgs';
import { type HonourDoc, honourViewOf, suggestHonourLinks } from './honours';

const ID_TAKEN = () =>
  new AppError('account.id_taken', '该身份证号已被其他微信账号登记。如有疑问，请联系所在基层工会', [
    { path: ['idNumber'], message: '该身份证号已被登记' },
  ]);

export async function buildMe(store: Store, caller: Caller): Promise<MeOutput> {
  const user = caller.user;
  if (!user) return { registered: false, roles: [], profile: null, honours: [], staffScope: null, hospital: null };
  const [org, honours, hospital] = await Promise.all([
    getOrg(store, user.orgId),
    store.find<HonourDoc>('honours', { linkedUserId: user._id }, { sort: { year: -1 }, limit: 100 }),
    user.hospitalId ? cachedGet<{ _id: string; name: string }>(store, 'hospitals', user.hospitalId, HOSPITAL_TTL_MS) : Promise.resolve(null),
  ]);
  const views: HonourView[] = honours.filter((h) => h.linkStatus !== 'rejected').map(honourViewOf);
  return {
    registered: true,
    roles: rolesOf(user),
    profile: {
      userId: user._id,
      name: user.name,
      phone: user.phone,
      idMasked: maskedIdOf(user),
      birthYear: user.birthYear,
      org: org ? orgSummary(org) : null,
      status: user.status,
    },
    honours: views,
    staffScope: caller.staffOrg ? { orgId: caller.staffOrg._id, orgName: caller.staffOrg.name, level: caller.staffOrg.level } : null,
    hospital: hospital ? { id: hospital._id, name: hospital.name } : null,
  };
}

/** A new person's stored document: identity reduced to hash, last four, region and birth year. */
export function newUserDoc(
  p: {
    _id: string;
    openid: string;
    name: string;
    phone: string;
    idNumber: string;
    org: OrgDoc;
    roles: Role[];
    staffOrgId?: string | null;
    hospitalId?: string | null;
    honourIds?: string[];
  },
  idHashKey: string,
  at: string,
): UserDoc {
  return {
    _id: p._id,
    openid: p.openid,
    name: p.name,
    phone: p.phone,
    ...identityFields(idHashKey, p.idNumber),
    orgId: p.org._id,
    orgPath: p.org.path,
    roles: p.roles,
    staffOrgId: p.staffOrgId ?? null,
    hospitalId: p.hospitalId ?? null,
    honourIds: p.honourIds ?? [],
    status: 'active',
    createdAt: at,
    updatedAt: at,
  };
}

export interface RegisterInput {
  name: string;
  phone: string;
  idNumber: string;
  orgId: string;
}

export async function register(ctx: HandlerContext, input: RegisterInput): Promise<UserDoc> {
  const { store, caller } = ctx;
  if (!caller.openid) throw new AppError('auth.required');
  if (caller.user) {
    // A retry of the call that registered (and died before answering) answers as that call would have.
    if (await landed(ctx)) {
      await suggestHonourLinks(ctx, caller.user);
      return caller.user;
    }
    throw new AppError('account.already_registered', '您已完成实名登记，如需修改请使用“修改资料”');
  }
  const org = await requireGrassroots(store, input.orgId);
  const user = newUserDoc(
    { _id: newId('u'), openid: caller.openid, name: input.name, phone: input.phone, idNumber: input.idNumber, org, roles: ['worker'] },
    ctx.runtime.secrets.idHashKey,
    ctx.now.toISOString(),
  );
  try {
    await store.transaction(async (tx) => {
      await tx.insert('users', user);
      await auditTx(tx, ctx, { targetType: 'user', targetId: user._id, summary: '实名登记' });
    });
  } catch (e) {
    if (isStoreError(e, 'duplicate')) {
      const [mine] = await store.find<UserDoc>('users', { openid: caller.openid }, { limit: 1 });
      if (mine) throw new AppError('account.already_registered', '您已完成实名登记');
      throw ID_TAKEN();
    }
    throw e;
  }
  await suggestHonourLinks(ctx, user);
  return user;
}

export async function updateProfile(ctx: HandlerContext, input: Partial<RegisterInput>): Promise<UserDoc> {
  const user = ctx.caller.user;
  if (!user) throw new AppError('auth.not_registered');
  const changes: Partial<UserDoc> = {};
  const changed: string[] = [];
  if (input.name !== undefined && input.name !== user.name) { changes.name = input.name; changed.push('姓名'); }
  if (input.phone !== undefined && input.phone !== user.phone) { changes.phone = input.phone; changed.push('手机号'); }
  if (input.idNumber !== undefined) {
    const ids = identityFields(ctx.runtime.secrets.idHashKey, input.idNumber);
    if (ids.idHash !== user.idHash) { Object.assign(changes, ids); changed.push('身份证号'); }
  }
  // Membership moves go through the union (account.requestTransfer), never through the profile.
  if (input.orgId !== undefined && input.orgId !== user.orgId) {
    throw new AppError('account.use_transfer', '更换所属工会需要提交调动申请，由调入的工会确认后生效', [{ path: ['orgId'], message: '请通过“申请调动”更换所属工会' }]);
  }
  if (changed.length === 0 || (await landed(ctx))) return user;
  changes.updatedAt = ctx.now.toISOString();
  try {
    await ctx.store.transaction(async (tx) => {
      await tx.update('users', user._id, { $set: changes as Record<string, never> });
      await auditTx(tx, ctx, { targetType: 'user', targetId: user._id, summary: `修改个人资料：${changed.join('、')}` });
    });
  } catch (e) {
    if (isStoreError(e, 'duplicate')) throw ID_TAKEN();
    throw e;
  }
  const next = { ...user, ...changes } as UserDoc;
  if (changes.idHash || changes.name) await suggestHonourLinks(ctx, next);
  return next;
}
