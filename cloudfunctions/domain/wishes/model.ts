/** The stored shapes of 微心愿 and the small helpers every wishes module shares. */
import type { Handover, WishCategory, WishPolicy } from '../../../types/wishes.schema';
import type { WishStatus } from '../../../types/wishes.workflow';
import { Quota } from '../../core/claims';
import type { HandlerContext } from '../../core/context';
import { notFound } from '../../core/errors';
import type { Store } from '../../core/store/port';
import type { HistoryItem, WorkflowFields } from '../../core/workflow';

export const C = {
  wishes: 'wishes',
  policies: 'wish_policies',
  /** A volunteer's open claims: a Quota per volunteer (`held`: wish id → since). */
  volunteers: 'wish_volunteers',
  /** A household's wishes of a year: a Quota per household and year. */
  allowances: 'wish_allowances',
  points: 'wish_points',
  wall: 'wish_wall',
} as const;

/** A ledger entry or a claim without its record for this long is stale (past every function timeout). */
export const STALE_MS = 2 * 60_000;
export const DAY_MS = 86_400_000;

export interface ClaimInfo {
  volunteerId: string;
  volunteerName: string;
  volunteerOrgId: string;
  volunteerOrgPath: string[];
  at: string;
  dueAt: string;
  /** Which claim of the wish this is (1, 2 …): reminders are sent once per claim. */
  round: number;
}

export interface WishDoc extends WorkflowFields<WishStatus | 'none'> {
  householdId: string;
  /** The household person's ID hash: a volunteer of the same household never claims it. */
  householdIdHash: string;
  householdUserId: string | null;
  /** Staff see the name; volunteers only the masked surname and an age band. */
  householdName: string;
  surnameMasked: string;
  birthYear: number;
  /** The household's grassroots union and its ancestors: who collects, confirms and fulfils. */
  orgId: string;
  orgPath: string[];
  unionName: string;
  /** The org that vets (town or county, by policy) and its path. */
  vetOrgId: string;
  vetPath: string[];
  /** The area whose pool the wish is published to (a county or a city). */
  poolId: string;
  poolName: string;
  year: number;
  /** The allowance doc holding this wish's place (`${householdId}_${year}`). */
  allowanceId: string;
  title: string;
  category: WishCategory;
  description: string;
  valueYuan: number;
  neededBy: string;
  handover: Handover;
  photoIds: string[];
  collectedBy: string;
  collectorName: string;
  collectedAs: 'staff' | 'self';
  /** Set at publishing, from the policy then in force. */
  claimDays: number;
  remindDaysBefore: number;
  /** Staff of the household's union told of claims and deliveries, and the volunteer's handover contact. */
  unionStaffIds: string[];
  publishedAt: string | null;
  /** Pool keys while the wish is in the pool (empty otherwise): `${poolId}` and `${poolId}:${category}`. */
  browse: string[];
  claim: ClaimInfo | null;
  /** The open claim's deadline (indexed: the sweep and lazy reads release what is past it). */
  claimDueAt: string | null;
  claimRounds: number;
  remindedRound: number;
  /** Times a claim ran out and the wish went back to the pool. */
  releases: number;
  /** Volunteers who held it before (gave it back, or let it run out). */
  pastClaimers: string[];
  delivery: { at: string; photoIds: string[]; note: string } | null;
  /** Who fulfilled it: the final volunteer (credited with points), or the union. */
  volunteerId: string | null;
  volunteerName: string | null;
  fulfilledBy: 'volunteer' | 'union' | null;
  points: number | null;
  completedAt: string | null;
  thanks: { text: string; at: string } | null;
  createdAt: string;
}

export type WishFields = Omit<WishDoc, 'status' | 'version' | 'history' | 'updatedAt'>;

export interface PolicyDoc {
  _id: string;
  orgId: string;
  policy: WishPolicy;
  updatedAt: string;
  updatedBy: string;
}

/** A volunteer's points: credited once per wish (`credited.<wishId>`), in one conditional update. */
export interface PointsDoc {
  _id: string;
  name: string;
  orgId: string;
  orgName: string;
  orgPath: string[];
  total: number;
  completed: number;
  credited: Record<string, number>;
  updatedAt: string;
}

export function claimQuota(store: Store): Quota {
  return new Quota(store, C.volunteers);
}

export function allowanceQuota(store: Store): Quota {
  return new Quota(store, C.allowances);
}

export const allowanceIdOf = (householdId: string, year: number) => `${householdId}_${year}`;

export function browseKeysOf(w: Pick<WishDoc, 'poolId' | 'category'>): string[] {
  return [w.poolId, `${w.poolId}:${w.category}`];
}

export async function getWish(ctx: HandlerContext, wishId: string): Promise<WishDoc> {
  const w = await ctx.store.get<WishDoc>(C.wishes, wishId);
  if (!w) throw notFound('没有找到这个心愿');
  return w;
}

/** The latest history entry with a reason (return, reject, dispute, give back, withdraw). */
export function lastReasonOf(w: Pick<WishDoc, 'history'>): string | null {
  for (let i = w.history.length - 1; i >= 0; i--) if (w.history[i].reason) return w.history[i].reason!;
  return null;
}

export function historyOf(w: Pick<WishDoc, 'history'>): HistoryItem[] {
  return w.history;
}
