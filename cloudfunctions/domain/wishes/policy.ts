/**
 * The rules of 微心愿 per area: set by a city or county union (or above) and applying to its subtree — the deepest
 * policy on a household's (or a volunteer's) path wins, else the defaults. Also where a household's wish is vetted
 * and published, read from the org tree.
 */
import { DEFAULT_WISH_POLICY, type WishPolicy } from '../../../types/wishes.schema';
import type { OrgLevel } from '../../../types/org';
import { LEVEL_RANK, covers, mayDecideAtLevel, require } from '../../core/authority';
import { auditTx } from '../../core/audit';
import type { Input, MemberContext } from '../../core/context';
import { AppError, forbidden, notFound } from '../../core/errors';
import { landed } from '../../core/requests';
import type { Store } from '../../core/store/port';
import type { OrgDoc } from '../../core/users';
import { C, type PolicyDoc } from './model';

export interface PolicyAt {
  policy: WishPolicy;
  from: PolicyDoc | null;
}

/** The policy in force for an org path (the deepest org on it with a policy). */
export async function policyAt(store: Store, orgPath: readonly string[]): Promise<PolicyAt> {
  if (orgPath.length === 0) return { policy: DEFAULT_WISH_POLICY, from: null };
  const docs = await store.find<PolicyDoc>(C.policies, { _id: { $in: [...orgPath] } }, { limit: 50 });
  const byId = new Map(docs.map((d) => [d._id, d]));
  for (let i = orgPath.length - 1; i >= 0; i--) {
    const d = byId.get(orgPath[i]);
    if (d) return { policy: { ...DEFAULT_WISH_POLICY, ...d.policy }, from: d };
  }
  return { policy: DEFAULT_WISH_POLICY, from: null };
}

export async function orgsOnPath(store: Store, path: readonly string[]): Promise<OrgDoc[]> {
  const docs = await store.find<OrgDoc>('orgs', { _id: { $in: [...path] } }, { limit: 50 });
  const byId = new Map(docs.map((d) => [d._id, d]));
  return path.map((id) => byId.get(id)).filter((o): o is OrgDoc => !!o);
}

/** The deepest org on the path at `level` or above it (never the last org of the path when it is grassroots). */
function deepestAtOrAbove(orgs: OrgDoc[], level: OrgLevel): OrgDoc | null {
  for (let i = orgs.length - 1; i >= 0; i--) if (LEVEL_RANK[orgs[i].level] <= LEVEL_RANK[level]) return orgs[i];
  return null;
}

export interface Placement {
  union: OrgDoc;
  vetOrg: OrgDoc;
  pool: OrgDoc;
  policy: WishPolicy;
}

/** Where a household's wish is vetted and published, under the policy in force for its union. */
export async function placementOf(store: Store, orgPath: readonly string[]): Promise<Placement> {
  const [orgs, { policy }] = await Promise.all([orgsOnPath(store, orgPath), policyAt(store, orgPath)]);
  const union = orgs[orgs.length - 1];
  if (!union) throw new AppError('validation', '这户家庭所在的工会不存在');
  const vetOrg = deepestAtOrAbove(orgs.slice(0, -1), policy.vetLevel) ?? orgs[0];
  const pool = deepestAtOrAbove(orgs.slice(0, -1), policy.poolLevel) ?? orgs[0];
  return { union, vetOrg, pool, policy };
}

/**
 * The pools a volunteer browses: the county and city unions on their own path, nearest first (the province's for
 * people of a union directly under it, whose households' wishes go there).
 */
export async function poolsOf(store: Store, orgPath: readonly string[]): Promise<OrgDoc[]> {
  const orgs = await orgsOnPath(store, orgPath);
  const areas = orgs.filter((o) => o.level === 'county' || o.level === 'city').reverse();
  return areas.length > 0 ? areas : orgs.filter((o) => o.level === 'province');
}

function policyViewOf(org: OrgDoc, at: PolicyAt, from: OrgDoc | null, canEdit: boolean) {
  return { orgId: org._id, orgName: org.name, fromOrgId: at.from?.orgId ?? null, fromOrgName: from?.name ?? null, policy: at.policy, canEdit };
}

function mayEditPolicy(ctx: MemberContext, org: OrgDoc): boolean {
  return covers(ctx.caller, org.path) && mayDecideAtLevel(ctx.caller, 'county', '心愿规则').ok && org.level !== 'town' && org.level !== 'grassroots';
}

export async function getPolicy(ctx: MemberContext, input: Input<'wishes', 'policy'>) {
  const orgId = input.orgId ?? ctx.caller.staffOrg?._id ?? ctx.caller.user.orgId;
  const org = await ctx.store.get<OrgDoc>('orgs', orgId);
  if (!org || !covers(ctx.caller, org.path)) throw notFound('没有找到这个工会');
  const at = await policyAt(ctx.store, org.path);
  const from = at.from ? await ctx.store.get<OrgDoc>('orgs', at.from.orgId) : null;
  return policyViewOf(org, at, from, mayEditPolicy(ctx, org));
}

export async function savePolicy(ctx: MemberContext, input: Input<'wishes', 'savePolicy'>) {
  const org = await ctx.store.get<OrgDoc>('orgs', input.orgId);
  if (!org) throw notFound('没有找到这个工会');
  if (!covers(ctx.caller, org.path)) throw forbidden('只能设置本工会及下级工会的心愿规则');
  require(mayDecideAtLevel(ctx.caller, 'county', '心愿规则'));
  if (org.level === 'town' || org.level === 'grassroots') {
    throw new AppError('validation', '心愿规则由县级及以上工会设置', [{ path: ['orgId'], message: '请选择县级及以上工会' }]);
  }
  const bands = [...input.policy.valueBands].sort((a, b) => a.fromYuan - b.fromYuan);
  const doc: PolicyDoc = { _id: org._id, orgId: org._id, policy: { ...input.policy, valueBands: bands }, updatedAt: ctx.now.toISOString(), updatedBy: ctx.caller.user._id };
  if (!(await landed(ctx))) {
    await ctx.store.transaction(async (tx) => {
      await tx.set(C.policies, doc);
      await auditTx(tx, ctx, {
        targetType: 'wish_policy',
        targetId: org._id,
        summary: `设置心愿规则（价值上限 ${doc.policy.maxValueYuan} 元，每人同时认领 ${doc.policy.maxOpenClaims} 个，送达期限 ${doc.policy.claimDays} 天）`,
        changes: doc.policy as unknown as Record<string, unknown>,
      });
    });
  }
  return policyViewOf(org, { policy: doc.policy, from: doc }, org, true);
}
