/** The stored shape of a person and how a caller is resolved from an openid. */
import type { Role } from '../../types/roles';
import { AppError } from './errors';
import type { Filter, Store } from './store/port';

export type PersonStatus = 'active' | 'deceased';

export interface UserDoc {
  _id: string;
  openid: string;
  name: string;
  phone: string;
  /** HMAC-SHA256 of the ID number under the configured key: for matching only. */
  idHash: string;
  idLast4: string;
  /** First four digits (province + city region code), shown in the masked form. */
  idRegion: string;
  birthYear: number;
  orgId: string;
  /** The org and all its ancestors, root first: subtree queries match on it. */
  orgPath: string[];
  /** Roles granted by hand (model_worker is derived from honourIds). */
  roles: Role[];
  staffOrgId: string | null;
  hospitalId: string | null;
  /** Confirmed honour records. */
  honourIds: string[];
  status: PersonStatus;
  deceasedOn?: string;
  createdAt: string;
  updatedAt: string;
}

export interface OrgDoc {
  _id: string;
  name: string;
  level: 'province' | 'city' | 'county' | 'town' | 'grassroots';
  parentId: string | null;
  path: string[];
}

export interface Caller {
  openid: string | null;
  user: UserDoc | null;
  roles: Role[];
  /** For staff: the org whose subtree they act in. */
  staffOrg: OrgDoc | null;
}

export const ANONYMOUS: Caller = { openid: null, user: null, roles: [], staffOrg: null };

export function rolesOf(user: UserDoc): Role[] {
  if (user.status === 'deceased') return [];
  const roles = new Set<Role>(user.roles);
  if (user.honourIds.length > 0) roles.add('model_worker');
  return [...roles];
}

export async function resolveCaller(store: Store, openid: string | null): Promise<Caller> {
  if (!openid) return ANONYMOUS;
  const [user] = await store.find<UserDoc>('users', { openid }, { limit: 1 });
  if (!user) return { openid, user: null, roles: [], staffOrg: null };
  const roles = rolesOf(user);
  let staffOrg: OrgDoc | null = null;
  if (roles.includes('staff') && user.staffOrgId) staffOrg = await store.get<OrgDoc>('orgs', user.staffOrgId);
  return { openid, user, roles, staffOrg };
}

/**
 * The filter that limits a staff query to the caller's subtree: documents whose org path (`field`) contains the
 * caller's org. Admins see everything.
 */
export function scopeFilter(caller: Caller, field = 'orgPath'): Filter {
  if (caller.roles.includes('admin')) return {};
  if (!caller.staffOrg) throw new AppError('auth.forbidden', '您的工作人员身份尚未绑定工会组织');
  return { [field]: caller.staffOrg._id };
}
