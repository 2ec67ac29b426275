/**
 * Who may act on whom: the one authority model every feature asks (ADR 0010).
 *
 * - A staff post is (org, level). A caller acts on a person only if the person's union is inside the caller's
 *   subtree AND the person holds no post at the caller's org or above it. Admin accounts are not acted on by staff.
 *   A hospital desk post counts as a post at the org that owns the hospital, unless the caller manages that hospital.
 * - Posts at org X are granted and removed only by staff of a strict ancestor of X, or by admin.
 * - Decisions belong to the org that made them (suspend, revoke, reject, review, vet): only that org or one above it
 *   lifts or reverses them.
 * - Nobody decides about themselves; adding and confirming an honour that makes a model worker are two people.
 * - Things have owners: a hospital its org, a card its issuing org, a case its union and the path above it.
 *
 * The answers are pure functions of the caller and the records' org paths; `Authority` adds the few loads some
 * questions need (the org of a post, the owner of a hospital), cached for one call.
 */
import { ORG_LEVEL_LABELS, type OrgLevel } from '../../types/org';
import { AppError, forbidden } from './errors';
import type { Store } from './store/port';
import type { Caller, OrgDoc, UserDoc } from './users';

export const LEVEL_RANK: Record<OrgLevel, number> = { province: 0, city: 1, county: 2, town: 3, grassroots: 4 };

export interface OrgRef {
  _id: string;
  path: readonly string[];
  level?: OrgLevel;
}

/** A decision recorded on a record: the org that made it, so only that org or one above it may lift it. */
export interface Decision {
  /** The deciding org; null for the administrator (only an administrator lifts it). */
  orgId: string | null;
  orgPath: string[];
  byUserId: string | null;
  at: string;
  action: string;
}

export type Verdict = { ok: true } | { ok: false; message: string };
const YES: Verdict = { ok: true };
const no = (message: string): Verdict => ({ ok: false, message });

export function isAdmin(caller: Caller): boolean {
  return caller.roles.includes('admin');
}

/** The org a staff caller acts for, or null (not staff, or an unbound post). */
export function callerOrg(caller: Caller): OrgDoc | null {
  return caller.roles.includes('staff') ? caller.staffOrg : null;
}

/** True when `orgPath` (an org and its ancestors, root first) lies inside the subtree of `orgId` (inclusive). */
export function within(orgPath: readonly string[], orgId: string): boolean {
  return orgPath.includes(orgId);
}

/** True when the org with this path is strictly below `ancestorId`. */
export function strictlyBelow(orgPath: readonly string[], ancestorId: string): boolean {
  return orgPath.includes(ancestorId) && orgPath[orgPath.length - 1] !== ancestorId;
}

export function levelAtLeast(level: OrgLevel, min: OrgLevel): boolean {
  return LEVEL_RANK[level] <= LEVEL_RANK[min];
}

/** The caller covers an org path: admin, or staff whose org is on that path (the org itself or an ancestor). */
export function covers(caller: Caller, orgPath: readonly string[]): boolean {
  if (isAdmin(caller)) return true;
  const org = callerOrg(caller);
  return !!org && within(orgPath, org._id);
}

export function isSelf(caller: Caller, userId: string | null | undefined): boolean {
  return !!userId && caller.user?._id === userId;
}

/** Nobody decides about themselves. */
export function notSelf(caller: Caller, userId: string | null | undefined, message = '不能对自己的事项作出决定，请由其他工作人员办理'): void {
  if (isSelf(caller, userId)) throw new AppError('auth.forbidden', message);
}

/** A decision made now by this caller. */
export function decisionOf(caller: Caller, action: string, at: string): Decision {
  const org = isAdmin(caller) ? null : callerOrg(caller);
  return { orgId: org?._id ?? null, orgPath: org ? [...org.path] : [], byUserId: caller.user?._id ?? null, at, action };
}

/** Only the deciding org or one above it (or an administrator) lifts or reverses a decision. */
export function mayLift(caller: Caller, decision: Decision | null | undefined): Verdict {
  if (!decision || isAdmin(caller)) return YES;
  const org = callerOrg(caller);
  if (!org) return no('您的工作人员身份尚未绑定工会组织');
  if (decision.orgId === null) return no('这是系统管理员作出的决定，只有系统管理员可以撤销');
  if (!within(decision.orgPath, org._id)) return no('这是上级工会作出的决定，只有作出决定的工会或其上级可以撤销');
  return YES;
}

/** Posts at org X are granted and removed by staff of a strict ancestor of X, or by admin. */
export function mayGrantPostAt(caller: Caller, org: OrgRef): Verdict {
  if (isAdmin(caller)) return YES;
  const mine = callerOrg(caller);
  if (!mine) return no('您的工作人员身份尚未绑定工会组织');
  if (!strictlyBelow(org.path, mine._id)) {
    return no(org._id === mine._id ? '本级工会的工作人员由上级工会任命，您不能设置' : '只能在下级工会设置工作人员');
  }
  return YES;
}

/** Records owned by an org (a hospital, a policy): staff of that org or above, or admin. */
export function mayManageOwned(caller: Caller, ownerPath: readonly string[], what = '这项内容'): Verdict {
  if (covers(caller, ownerPath)) return YES;
  return no(`${what}由其他工会负责，您不能修改`);
}

/** Some decisions are taken only at a level or above (e.g. green cards: county and above). */
export function mayDecideAtLevel(caller: Caller, min: OrgLevel, what: string): Verdict {
  if (isAdmin(caller)) return YES;
  const org = callerOrg(caller);
  if (!org) return no('您的工作人员身份尚未绑定工会组织');
  if (!levelAtLeast(org.level, min)) return no(`${what}由${ORG_LEVEL_LABELS[min]}及以上工会办理`);
  return YES;
}

export function require(verdict: Verdict): void {
  if (!verdict.ok) throw forbidden(verdict.message);
}

// ---------------------------------------------------------------------------------------------------------------
// Questions that need a few loads: posts of a person, owners of hospitals.

interface HospitalRef {
  _id: string;
  ownerOrgId: string;
}

export interface PostView {
  kind: 'admin' | 'staff' | 'clerk';
  /** The org the post sits at (staff: its org; clerk: the org owning the hospital); null for admin. */
  org: OrgDoc | null;
  hospitalId?: string;
}

export class Authority {
  private readonly orgs = new Map<string, Promise<OrgDoc | null>>();
  private readonly hospitals = new Map<string, Promise<HospitalRef | null>>();

  constructor(
    readonly store: Store,
    readonly caller: Caller,
  ) {}

  org(id: string | null | undefined): Promise<OrgDoc | null> {
    if (!id) return Promise.resolve(null);
    let p = this.orgs.get(id);
    if (!p) this.orgs.set(id, (p = this.store.get<OrgDoc>('orgs', id)));
    return p;
  }

  hospital(id: string | null | undefined): Promise<HospitalRef | null> {
    if (!id) return Promise.resolve(null);
    let p = this.hospitals.get(id);
    if (!p) this.hospitals.set(id, (p = this.store.get<HospitalRef>('hospitals', id)));
    return p;
  }

  /** The posts a person holds: admin, a staff post at an org, a desk post at a hospital (owned by an org). */
  async postsOf(user: UserDoc): Promise<PostView[]> {
    if (user.status === 'deceased') return [];
    const posts: PostView[] = [];
    if (user.roles.includes('admin')) posts.push({ kind: 'admin', org: null });
    if (user.roles.includes('staff') && user.staffOrgId) posts.push({ kind: 'staff', org: await this.org(user.staffOrgId) });
    if (user.roles.includes('hospital_staff') && user.hospitalId) {
      const h = await this.hospital(user.hospitalId);
      posts.push({ kind: 'clerk', org: h ? await this.org(h.ownerOrgId) : null, hospitalId: user.hospitalId });
    }
    return posts;
  }

  /**
   * May the caller act on this person (roles, honours, transfer, death, their card or case)? Inside the subtree,
   * holding no post at the caller's org or above, never an administrator, never oneself.
   */
  async mayActOnPerson(target: UserDoc, opts: { allowSelf?: boolean } = {}): Promise<Verdict> {
    if (!opts.allowSelf && isSelf(this.caller, target._id)) return no('不能对自己办理这项业务，请由其他工作人员办理');
    if (!isAdmin(this.caller)) {
      const mine = callerOrg(this.caller);
      if (!mine) return no('您的工作人员身份尚未绑定工会组织');
      if (!within(target.orgPath, mine._id)) return no('此人员不在您管理的工会范围内');
    }
    return this.outranks(target, opts);
  }

  /**
   * The post part of the rule, for acts that do not need the person inside the caller's subtree (confirming a
   * transfer into one's union): the person holds no post at the caller's org or above, and is not an administrator.
   */
  async outranks(target: UserDoc, opts: { allowSelf?: boolean } = {}): Promise<Verdict> {
    const posts = await this.postsOf(target);
    const self = isSelf(this.caller, target._id);
    if (isAdmin(this.caller)) {
      if (!self && posts.some((p) => p.kind === 'admin')) return no('系统管理员账号只能在部署时设置');
      return YES;
    }
    const mine = callerOrg(this.caller);
    if (!mine) return no('您的工作人员身份尚未绑定工会组织');
    if (self && opts.allowSelf) return YES;
    for (const post of posts) {
      if (post.kind === 'admin') return no('系统管理员账号不能由工会工作人员办理');
      if (!post.org) continue;
      if (post.kind === 'clerk' && within(post.org.path, mine._id)) continue; // the caller manages that hospital
      if (!strictlyBelow(post.org.path, mine._id)) {
        return no(post.kind === 'clerk' ? '此人员是其他工会合作医院的工作人员，您不能办理' : '此人员在本级或上级工会任职，应由其上级工会办理');
      }
    }
    return YES;
  }

  async requirePerson(target: UserDoc): Promise<void> {
    require(await this.mayActOnPerson(target));
  }

  /** May the caller manage this hospital (edit it, assign its desk clerks, choose whose cards it honours)? */
  async mayManageHospital(hospital: HospitalRef): Promise<Verdict> {
    const owner = await this.org(hospital.ownerOrgId);
    if (!owner) return isAdmin(this.caller) ? YES : no('这家医院没有负责的工会');
    return mayManageOwned(this.caller, owner.path, '这家合作医院');
  }
}

/** The authority of this call (one per handler call; it caches what it loads). */
export function authorityOf(ctx: { store: Store; caller: Caller }): Authority {
  return new Authority(ctx.store, ctx.caller);
}
