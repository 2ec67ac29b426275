/**
 * Shared helpers of the wishes tests, the seed and the benchmark: archived households written through the shared
 * contract (`HouseholdDoc` in domain/account/households.ts, collection hardship_households, status 'archived' — as
 * the hardship service archives them), and wish documents built in any state of the workflow.
 */
import { browseKeysOf, C, type ClaimInfo, type WishDoc, allowanceIdOf } from './model';
import { placementOf } from './policy';
import { unionStaffOf } from './contacts';
import { HOUSEHOLDS, type HardshipCategory, type HouseholdDoc } from '../account/households';
import { hashIdNumber, maskName } from '../account/identity';
import type { Store } from '../../core/store/port';
import type { UserDoc } from '../../core/users';
import type { WishForm } from '../../../types/wishes.schema';
import { addLocalDays, localDateOf, localYearOf } from '../../../types/time';
import type { HistoryItem } from '../../core/workflow';

/** One household per person: the id is derived from the person's ID hash (as the hardship service derives it). */
export function householdIdOf(idHash: string): string {
  return `hh_${idHash.slice(0, 32)}`;
}

export interface HouseholdInput {
  /** A registered person; or, for a household without an account, a name, an ID number and a union. */
  user?: Pick<UserDoc, '_id' | 'name' | 'idHash' | 'birthYear' | 'orgId' | 'orgPath'>;
  name?: string;
  idNumber?: string;
  orgId?: string;
  category?: HardshipCategory;
  caseId?: string;
}

/**
 * Archives a household as the hardship service would (idempotent: `set` under the id derived from the person). When
 * a household of this person exists already (written by the hardship service's seed, say), it is kept as it is.
 */
export async function archiveHousehold(store: Store, idHashKey: string, p: HouseholdInput, at: string): Promise<HouseholdDoc> {
  const idHash = p.user?.idHash ?? hashIdNumber(idHashKey, p.idNumber!);
  const [existing] = await store.find<HouseholdDoc>(HOUSEHOLDS, { idHash }, { limit: 1 });
  if (existing) return existing;
  const orgId = p.user?.orgId ?? p.orgId!;
  const org = await store.get<{ _id: string; path: string[]; name: string }>('orgs', orgId);
  if (!org) throw new Error(`no org ${orgId}`);
  const name = p.user?.name ?? p.name!;
  const doc: HouseholdDoc = {
    _id: householdIdOf(idHash),
    idHash,
    userId: p.user?._id ?? null,
    name,
    nameMasked: maskName(name),
    surnameMasked: `${Array.from(name)[0]}*`,
    birthYear: p.user?.birthYear ?? Number(p.idNumber!.slice(6, 10)),
    orgId,
    orgPath: org.path,
    category: p.category ?? 'relative',
    status: 'archived',
    caseId: p.caseId ?? `case_${idHash.slice(0, 12)}`,
    archivedAt: at,
    recheckDueOn: addLocalDays(localDateOf(at), 365),
    closedAt: null,
    closedReason: null,
    updatedAt: at,
  };
  await store.set(HOUSEHOLDS, doc);
  return doc;
}

export const WISH_FORM: WishForm = {
  title: '一台洗衣机',
  category: 'appliance',
  description: '家里的洗衣机坏了多年，老人手洗衣服很吃力，希望有一台小型波轮洗衣机。',
  valueYuan: 450,
  neededBy: '2026-07-31',
  handover: 'with_staff',
};

type State = WishDoc['status'];

export interface WishDocOptions {
  id: string;
  form?: Partial<WishForm>;
  collectedBy?: { _id: string; name: string } | null;
  volunteer?: Pick<UserDoc, '_id' | 'name' | 'orgId' | 'orgPath'>;
  /** When the claim is due (claimed), default: 14 days after `at`. */
  dueAt?: string;
  releases?: number;
  publishedAt?: string;
}

/**
 * A wish document in a state, built directly (fixtures, the seed, the benchmark): what the workflow would have
 * written, with a system history entry. The caller inserts it (and any ledger entries the state implies).
 */
export async function wishDocIn(store: Store, household: HouseholdDoc, state: State, at: string, o: WishDocOptions): Promise<WishDoc> {
  const place = await placementOf(store, household.orgPath);
  const form = { ...WISH_FORM, ...o.form, photoIds: [] as string[] };
  const inPool = state === 'published';
  const claimed = state === 'claimed' || state === 'delivered' || state === 'completed';
  const due = o.dueAt ?? new Date(Date.parse(at) + place.policy.claimDays * 86_400_000).toISOString();
  const claim: ClaimInfo | null = claimed && o.volunteer
    ? { volunteerId: o.volunteer._id, volunteerName: o.volunteer.name, volunteerOrgId: o.volunteer.orgId, volunteerOrgPath: o.volunteer.orgPath, at, dueAt: due, round: 1 }
    : null;
  const history: HistoryItem[] = [{ v: 1, at, event: 'create', from: '', status: state, by: null, byRoles: ['system'], byOrgId: null, note: '演示数据' }];
  const w: WishDoc = {
    _id: o.id,
    householdId: household._id,
    householdIdHash: household.idHash,
    householdUserId: household.userId,
    householdName: household.name,
    surnameMasked: household.surnameMasked,
    birthYear: household.birthYear,
    orgId: household.orgId,
    orgPath: household.orgPath,
    unionName: place.union.name,
    vetOrgId: place.vetOrg._id,
    vetPath: place.vetOrg.path,
    poolId: place.pool._id,
    poolName: place.pool.name,
    year: localYearOf(at),
    allowanceId: allowanceIdOf(household._id, localYearOf(at)),
    title: form.title,
    category: form.category,
    description: form.description,
    valueYuan: form.valueYuan,
    neededBy: form.neededBy,
    handover: form.handover,
    photoIds: [],
    collectedBy: o.collectedBy?._id ?? 'system',
    collectorName: o.collectedBy?.name ?? '工会',
    collectedAs: 'staff',
    claimDays: place.policy.claimDays,
    remindDaysBefore: place.policy.remindDaysBefore,
    unionStaffIds: state === 'submitted' || state === 'returned' ? [] : await unionStaffOf(store, household.orgPath),
    publishedAt: state === 'submitted' || state === 'returned' || state === 'rejected' ? null : o.publishedAt ?? at,
    browse: [],
    claim: state === 'completed' ? null : claim,
    claimDueAt: state === 'claimed' ? due : null,
    claimRounds: claimed ? 1 : 0,
    remindedRound: 0,
    releases: o.releases ?? 0,
    pastClaimers: [],
    delivery: state === 'delivered' || state === 'completed' ? { at, photoIds: [], note: '' } : null,
    volunteerId: claimed ? o.volunteer?._id ?? null : null,
    volunteerName: claimed ? o.volunteer?.name ?? null : null,
    fulfilledBy: state === 'completed' ? 'volunteer' : null,
    points: state === 'completed' ? 10 : null,
    completedAt: state === 'completed' ? at : null,
    thanks: null,
    createdAt: at,
    status: state,
    version: 1,
    history,
    updatedAt: at,
  };
  if (state === 'completed') w.claim = null;
  if (inPool) w.browse = browseKeysOf(w);
  return w;
}

export async function insertWish(store: Store, w: WishDoc): Promise<WishDoc> {
  await store.insert(C.wishes, w);
  return w;
}
