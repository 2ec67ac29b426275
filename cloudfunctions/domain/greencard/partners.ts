/** Partner hospitals and eligibility policies: managed by union staff inside their subtree. */
import type { HospitalView, PolicyView } from '../../../types/greencard.schema';
import { authorityOf, callerOrg, covers, isAdmin, mayDecideAtLevel, require, within } from '../../core/authority';
import { auditTx } from '../../core/audit';
import { landed } from '../../core/requests';
import type { MemberContext, Input } from '../../core/context';
import { forget } from '../../core/cache';
import { AppError, forbidden, notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import { dv, type Store } from '../../core/store/port';
import type { OrgDoc } from '../../core/users';
import { C, type HonourRequest, type HospitalDoc, type PolicyDoc, hospitalViewOf } from './docs';
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

/**
 * Partner hospitals (public information) with what this caller may do: edit the ones their org owns (or owns from
 * above), and answer requests to honour their own org's cards.
 */
export async function listHospitals(ctx: MemberContext): Promise<{ hospitals: HospitalView[] }> {
  const hospitals = await allHospitals(ctx.store);
  const names = await orgNames(ctx.store, hospitals.flatMap((h) => [...h.honouredOrgIds, ...(h.honourRequests ?? []).map((r) => r.orgId), h.ownerOrgId]));
  const authority = authorityOf(ctx);
  const out: HospitalView[] = [];
  for (const h of hospitals) {
    const canEdit = (await authority.mayManageHospital(h)).ok;
    const requests = [];
    for (const r of h.honourRequests ?? []) {
      const org = await authority.org(r.orgId);
      if (org && covers(ctx.caller, org.path)) requests.push(r.orgId);
    }
    out.push({ ...hospitalViewOf(h, names), canEdit, requestsToAnswer: requests });
  }
  return { hospitals: out };
}

/**
 * Adds or edits a partner hospital. Only staff of the owning org or above edit it. Whose cards it honours: orgs inside
 * the owner's subtree at once; any other org only when that org's staff agree (the request waits on the hospital
 * until answered with `answerHonourRequest`).
 */
export async function saveHospital(
  ctx: MemberContext,
  input: Input<'greencard', 'saveHospital'>,
): Promise<HospitalView> {
  const at = ctx.now.toISOString();
  const authority = authorityOf(ctx);
  const existing = input.id ? await ctx.store.get<HospitalDoc>(C.hospitals, input.id) : null;
  if (input.id && !existing) throw notFound('没有找到这家医院');
  if (existing) require(await authority.mayManageHospital(existing));
  const ownerId = input.ownerOrgId ?? existing?.ownerOrgId ?? ctx.caller.staffOrg?._id;
  if (!ownerId) throw new AppError('validation', '请选择负责这家医院合作的工会', [{ path: ['ownerOrgId'], message: '请选择工会' }]);
  const owner = await authority.org(ownerId);
  if (!owner) throw new AppError('validation', '所选工会不存在', [{ path: ['ownerOrgId'], message: '所选工会不存在' }]);
  if (!covers(ctx.caller, owner.path)) throw forbidden('只能由本工会或下级工会负责合作医院');
  const wanted = [...new Set(input.honouredOrgIds)];
  const names = await orgNames(ctx.store, [...wanted, owner._id]);
  if (wanted.some((id) => !names.has(id))) throw new AppError('validation', '所选发卡工会不存在', [{ path: ['honouredOrgIds'], message: '所选发卡工会不存在' }]);
  // Orgs in the owner's subtree, or already agreed, are honoured now; others wait for their staff to agree.
  const honoured: string[] = [];
  const requests: HonourRequest[] = [];
  for (const id of wanted) {
    const org = (await authority.org(id))!;
    const agreed = existing?.honouredOrgIds.includes(id) ?? false;
    if (agreed || within(org.path, owner._id) || isAdmin(ctx.caller)) honoured.push(id);
    else requests.push(existing?.honourRequests?.find((r) => r.orgId === id) ?? { orgId: id, requestedAt: at, requestedBy: ctx.caller.user._id });
  }
  const doc: HospitalDoc = {
    _id: existing?._id ?? newId('hosp'),
    name: input.name,
    address: input.address,
    desk: input.desk,
    phone: input.phone,
    hours: input.hours,
    priorities: [...new Set(input.priorities)],
    honouredOrgIds: honoured,
    honourRequests: requests,
    ownerOrgId: owner._id,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  };
  const done = await landed(ctx);
  const stored = done ? await ctx.store.get<HospitalDoc>(C.hospitals, done.targetId) : null;
  if (stored) return { ...hospitalViewOf(stored, names), canEdit: true, requestsToAnswer: [] };
  await ctx.store.transaction(async (tx) => {
    await tx.set(C.hospitals, doc);
    await auditTx(tx, ctx, {
      targetType: 'hospital',
      targetId: doc._id,
      summary: existing ? `修改合作医院：${doc.name}` : `新增合作医院：${doc.name}`,
      changes: { priorities: doc.priorities, honouredOrgIds: doc.honouredOrgIds, honourRequests: requests.map((r) => r.orgId) },
    });
  });
  forget(ctx.store, C.hospitals, doc._id);
  return { ...hospitalViewOf(doc, names), canEdit: true, requestsToAnswer: [] };
}

/** Staff of an org asked to have its cards honoured at a hospital (or above it) agree or refuse. */
export async function answerHonourRequest(ctx: MemberContext, input: Input<'greencard', 'answerHonourRequest'>): Promise<HospitalView> {
  const authority = authorityOf(ctx);
  const hospital = await ctx.store.get<HospitalDoc>(C.hospitals, input.hospitalId);
  if (!hospital) throw notFound('没有找到这家医院');
  const request = (hospital.honourRequests ?? []).find((r) => r.orgId === input.orgId);
  if (!request && (await landed(ctx))) {
    const names = await orgNames(ctx.store, [...hospital.honouredOrgIds, ...(hospital.honourRequests ?? []).map((r) => r.orgId)]);
    return { ...hospitalViewOf(hospital, names), canEdit: (await authority.mayManageHospital(hospital)).ok, requestsToAnswer: [] };
  }
  if (!request) throw notFound('没有这项待答复的受理请求');
  const org = await authority.org(input.orgId);
  if (!org || !covers(ctx.caller, org.path)) throw forbidden('只有被请求的发卡工会（或其上级）可以答复');
  const at = ctx.now.toISOString();
  const honoured = input.agree ? [...new Set([...hospital.honouredOrgIds, input.orgId])] : hospital.honouredOrgIds;
  const remaining = (hospital.honourRequests ?? []).filter((r) => r.orgId !== input.orgId);
  await ctx.store.transaction(async (tx) => {
    const current = await tx.get<HospitalDoc>(C.hospitals, hospital._id);
    if (!current || current.updatedAt !== hospital.updatedAt) throw new AppError('conflict', '这家医院的设置刚被修改过，请刷新后重试');
    await tx.update(C.hospitals, hospital._id, { $set: { honouredOrgIds: honoured, honourRequests: dv(remaining), updatedAt: at } });
    await auditTx(tx, ctx, {
      targetType: 'hospital',
      targetId: hospital._id,
      summary: input.agree ? `同意${hospital.name}受理${org.name}发放的绿通卡` : `不同意${hospital.name}受理${org.name}发放的绿通卡`,
      changes: { orgId: org._id, agree: input.agree },
    });
  });
  forget(ctx.store, C.hospitals, hospital._id);
  const next = { ...hospital, honouredOrgIds: honoured, honourRequests: remaining, updatedAt: at };
  const names = await orgNames(ctx.store, [...honoured, ...remaining.map((r) => r.orgId)]);
  return { ...hospitalViewOf(next, names), canEdit: (await authority.mayManageHospital(next)).ok, requestsToAnswer: [] };
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

/** A policy is read by staff of its org's subtree, and by staff below it (the policy their members are under). */
export async function getPolicy(ctx: MemberContext, orgId: string): Promise<PolicyView> {
  const org = await ctx.store.get<OrgDoc>('orgs', orgId);
  if (!org) throw notFound('没有找到这个工会');
  const mine = callerOrg(ctx.caller);
  if (!covers(ctx.caller, org.path) && !(mine && mine.path.includes(org._id))) throw forbidden('只能查看本工会及上下级工会的发卡条件');
  return policyViewOf(org, await ctx.store.get<PolicyDoc>(C.policies, orgId));
}

export async function savePolicy(
  ctx: MemberContext,
  input: Input<'greencard', 'savePolicy'>,
): Promise<PolicyView> {
  const org = await ctx.store.get<OrgDoc>('orgs', input.orgId);
  if (!org) throw notFound('没有找到这个工会');
  if (!covers(ctx.caller, org.path)) throw forbidden('只能设置本工会及下级工会的发卡条件');
  require(mayDecideAtLevel(ctx.caller, 'county', '绿通卡发卡条件'));
  if (org.level === 'grassroots' || org.level === 'town') {
    throw new AppError('validation', '绿通卡由县级及以上工会发放', [{ path: ['orgId'], message: '请选择县级及以上工会' }]);
  }
  const doc: PolicyDoc = {
    _id: org._id,
    orgId: org._id,
    titles: [...new Set(input.titles)],
    levels: [...new Set(input.levels)],
    validityMonths: input.validityMonths,
    updatedAt: ctx.now.toISOString(),
    updatedBy: ctx.caller.user._id,
  };
  if (!(await landed(ctx))) {
    await ctx.store.transaction(async (tx) => {
      await tx.set(C.policies, doc);
      await auditTx(tx, ctx, {
        targetType: 'greencard_policy',
        targetId: org._id,
        summary: `设置绿通卡发卡条件（有效期 ${doc.validityMonths} 个月）`,
        changes: { titles: doc.titles, levels: doc.levels, validityMonths: doc.validityMonths },
      });
    });
  }
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
