/**
 * The archive of hardship households (建档), shared by the services that build on it: the hardship service writes
 * it (archiving a case, re-checks, 脱困), the wishes service reads it (wishes are collected only for archived
 * households). It lives with the people and orgs every feature may build on, so features never import each other.
 *
 * A household is keyed by the person's ID hash (the same person across self-filing and filing on behalf, with or
 * without a registered account).
 */
import type { Store } from '../../core/store/port';

export const HOUSEHOLDS = 'hardship_households';

export type HardshipCategory = 'deep' | 'relative' | 'accident';

export interface HouseholdDoc {
  _id: string;
  /** HMAC of the ID number (types/common idNumber → identityFields): one household per person. */
  idHash: string;
  /** The registered account, when the person has one. */
  userId: string | null;
  name: string;
  /** For lists others see: 王*明 (staff) and 王* (volunteers). */
  nameMasked: string;
  surnameMasked: string;
  birthYear: number;
  /** The person's grassroots union and its ancestors. */
  orgId: string;
  orgPath: string[];
  category: HardshipCategory;
  status: 'archived' | 'closed';
  /** The case that archived it (and the latest re-check). */
  caseId: string;
  archivedAt: string;
  recheckDueOn: string;
  closedAt: string | null;
  closedReason: string | null;
  updatedAt: string;
  /** The grassroots union's name (for lists). Added by the hardship service; absent on older records. */
  orgName?: string;
  /** Every case that archived, re-checked or closed it (most recent last). */
  caseIds?: string[];
  /** The open re-check case, while one runs. */
  recheckCaseId?: string | null;
}

/** One household per person: the id is derived from the ID hash. */
export function householdIdOf(idHash: string): string {
  return `hh_${idHash.slice(0, 32)}`;
}

export async function householdOf(store: Store, householdId: string): Promise<HouseholdDoc | null> {
  return store.get<HouseholdDoc>(HOUSEHOLDS, householdId);
}

/** The archived household of a registered person, if any. */
export async function archivedHouseholdOfUser(store: Store, userId: string): Promise<HouseholdDoc | null> {
  const [h] = await store.find<HouseholdDoc>(HOUSEHOLDS, { userId, status: 'archived' }, { limit: 1 });
  return h ?? null;
}
