/** The organisation tree: province → city → county → town → grassroots union. */
import type { OrgSummary } from '../../../types/account.schema';
import type { Store } from '../../core/store/port';
import type { OrgDoc } from '../../core/users';
import { ORG_TTL_MS, cachedGet } from '../../core/cache';
import { AppError } from '../../core/errors';

export function orgSummary(org: OrgDoc): OrgSummary {
  return { id: org._id, name: org.name, level: org.level, parentId: org.parentId };
}

/** An org for display (its name and level): the tree hardly changes, so a warm instance reads it every few minutes. */
export async function getOrg(store: Store, id: string): Promise<OrgDoc | null> {
  return cachedGet<OrgDoc>(store, 'orgs', id, ORG_TTL_MS);
}

/** The grassroots union a person may belong to; anything else is a validation error in plain words. */
export async function requireGrassroots(store: Store, orgId: string): Promise<OrgDoc> {
  const org = await getOrg(store, orgId);
  if (!org) throw new AppError('validation', '所选工会不存在', [{ path: ['orgId'], message: '所选工会不存在' }]);
  if (org.level !== 'grassroots') {
    throw new AppError('validation', '请选择到具体的基层工会', [{ path: ['orgId'], message: '请选择到具体的基层工会' }]);
  }
  return org;
}

export async function listOrgs(store: Store, filter: { parentId?: string | null; level?: OrgDoc['level'] }): Promise<OrgSummary[]> {
  const query: Record<string, string | null> = {};
  if (filter.parentId !== undefined) query.parentId = filter.parentId;
  if (filter.level) query.level = filter.level;
  const orgs = await store.find<OrgDoc>('orgs', query, { sort: { name: 1 }, limit: 1000 });
  return orgs.map(orgSummary);
}
