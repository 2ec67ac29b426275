/** Partner hospitals and eligibility policies: managed by union staff inside their subtree. */
import type { HospitalView, PolicyView } from '../../../types/greencard.schema';
import type { HonourLevel } from '../../../types/account.schema';
import { audit } from '../../core/audit';
import { AppError, forbidden, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Store } from '../../core/store/port';
import { canManage, type OrgDoc } from '../../core/users';
import type { HandlerContext } from '../../core/wrapper';
import { C, type HospitalDoc, type PolicyDoc, hospitalViewOf } from './docs';
import { DEFAULT_TITLES, DEFAULT_VALIDITY_MONTHS, type PolicyRule } from './rules';

export async function orgNames(store: Store, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const orgs = await store.find<OrgDoc>('orgs', { _id: { $in: unique } }, { limit: 1000 });
  return new Map(orgs.map((o) => [o._id, o.name]));
}

export async function allHospitals(store: Store): Promise<HospitalDoc[]> {
  return store.find<HospitalDoc>(C.hospitals, {}, { sort: { name: 1 }, limit: 1000 });
}

export async function hospitalsHonouring(store: Store, issuerOrgId: string): Promise<HospitalDoc[]> {
  return store.find<HospitalDoc>(C.hospitals, { honouredOrgIds: issuerOrgId }, { sort: { name: 1 }, limit: 1000 });
}

export async function listHospitals(ctx: HandlerContext): Promise<{ hospitals: HospitalView[] }> {
  const hospitals = await allHospitals(ctx.store);
  const names = await orgNames(ctx.store, hospitals.flatMap((h) => h.honouredOrgIds));
  return { hospitals: hospitals.map((h) => hospitalViewOf(h, names)) };
}

export async function saveHospital(
  ctx: HandlerContext,
  input: Omit<HospitalDoc, '_id' | 'createdAt' | 'updatedAt' | 'ownerOrgId'> & { id?: string; ownerOrgId?: string },
): Promise<HospitalView> {
  const at = ctx.now.toISOString();
  const existing = input.id ? await ctx.store.get<HospitalDoc>(C.hospitals, input.id) : null;
  if (input.id && !existing) throw notFound('没有找到这家医院');
  const ownerId = input.ownerOrgId ?? existing?.ownerOrgId ?? ctx.caller.staffOrg?._id;
  if (!ownerId) throw new AppError('validation', '请选择负责这家医院合作的工会', [{ path: ['ownerOrgId'], message: '请选择工会' }]);
  const owner = await ctx.store.get<OrgDoc>('orgs', ownerId);
  if (!owner) throw new AppError('validation', '所选工会不存在', [{ path: ['ownerOrgId'], message: '所选工会不存在' }]);
  if (!canManage(ctx.caller, owner.path)) throw forbidden('只能管理本工会负责的合作医院');
  if (existing) {
    const prevOwner = await ctx.store.get<OrgDoc>('orgs', existing.ownerOrgId);
    if (prevOwner && !canManage(ctx.caller, prevOwner.path)) throw forbidden('这家医院由其他工会负责，您不能修改');
  }
  const honoured = [...new Set(input.honouredOrgIds)];
  const names = await orgNames(ctx.store, honoured);
  const missing = honoured.filter((id) => !names.has(id));
  if (missing.length > 0) throw new AppError('validation', '所选发卡工会不存在', [{ path: ['honouredOrgIds'], message: '所选发卡工会不存在' }]);
  const doc: HospitalDoc = {
    _id: existing?._id ?? newId('hosp'),
    name: input.name,
    address: input.address,
    desk: input.desk,
    phone: input.phone,
    hours: input.hours,
    priorities: [...new Set(input.priorities)],
    honouredOrgIds: honoured,
    ownerOrgId: owner._id,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  };
  await ctx.store.set(C.hospitals, doc);
  await audit(ctx, {
    targetType: 'hospital',
    targetId: doc._id,
    summary: existing ? `修改合作医院：${doc.name}` : `新增合作医院：${doc.name}`,
    changes: { priorities: doc.priorities, honouredOrgIds: doc.honouredOrgIds },
  });
  return hospitalViewOf(doc, names);
}

function policyViewOf(org: OrgDoc, p: PolicyDoc | null): PolicyView {
  return {
    orgId: org._id,
    orgName: org.name,
    titles: p?.titles ?? DEFAULT_TITLES,
    levels: p?.levels ?? [],
    validityMonths: p?.validityMonths ?? DEFAULT_VALIDITY_MONTHS,
    configured: !!p,
    updatedAt: p?.updatedAt ?? null,
  };
}

export async function getPolicy(ctx: HandlerContext, orgId: string): Promise<PolicyView> {
  const org = await ctx.store.get<OrgDoc>('orgs', orgId);
  if (!org) throw notFound('没有找到这个工会');
  return policyViewOf(org, await ctx.store.get<PolicyDoc>(C.policies, orgId));
}

export async function savePolicy(
  ctx: HandlerContext,
  input: { orgId: string; titles: string[]; levels: HonourLevel[]; validityMonths: number },
): Promise<PolicyView> {
  const org = await ctx.store.get<OrgDoc>('orgs', input.orgId);
  if (!org) throw notFound('没有找到这个工会');
  if (!canManage(ctx.caller, org.path)) throw forbidden('只能设置本工会及下级工会的发卡条件');
  if (org.level === 'grassroots') throw new AppError('validation', '绿通卡由县级及以上工会发放', [{ path: ['orgId'], message: '请选择县级及以上工会' }]);
  const doc: PolicyDoc = {
    _id: org._id,
    orgId: org._id,
    titles: [...new Set(input.titles)],
    levels: [...new Set(input.levels)],
    validityMonths: input.validityMonths,
    updatedAt: ctx.now.toISOString(),
    updatedBy: ctx.caller.user?._id ?? null,
  };
  await ctx.store.set(C.policies, doc);
  await audit(ctx, {
    targetType: 'greencard_policy',
    targetId: org._id,
    summary: `设置绿通卡发卡条件（有效期 ${doc.validityMonths} 个月）`,
    changes: { titles: doc.titles, levels: doc.levels, validityMonths: doc.validityMonths },
  });
  return policyViewOf(org, doc);
}

export interface Issuer {
  orgId: string;
  orgName: string;
  policy: PolicyRule;
}

/** The nearest organisation in the person's path (own union first, then upward) that has a policy. */
export async function issuerFor(store: Store, orgPath: string[], cache?: Map<string, Issuer | null>): Promise<Issuer | null> {
  const key = orgPath.join('/');
  if (cache?.has(key)) return cache.get(key)!;
  const policies = await store.find<PolicyDoc>(C.policies, { _id: { $in: orgPath } }, { limit: 100 });
  const byOrg = new Map(policies.map((p) => [p._id, p]));
  let issuer: Issuer | null = null;
  for (let i = orgPath.length - 1; i >= 0; i--) {
    const p = byOrg.get(orgPath[i]);
    if (!p) continue;
    const org = await store.get<OrgDoc>('orgs', p._id);
    issuer = { orgId: p._id, orgName: org?.name ?? p._id, policy: { orgId: p._id, titles: p.titles, levels: p.levels, validityMonths: p.validityMonths } };
    break;
  }
  cache?.set(key, issuer);
  return issuer;
}
