/**
 * Recovery of 微心愿 after a crash at any step (ADR 0012, 0016). Every multi-step change leaves, when it dies
 * half-way, a state this pass completes, so that within minutes:
 *   a volunteer's ledger holds exactly the wishes they have claimed or delivered (capacity = left + holders);
 *   a household's allowance holds exactly its wishes of the year that are not rejected or withdrawn;
 *   every wish completed by a volunteer is credited to them exactly once;
 *   every settled state change has its audit entry and its notices.
 * A ledger entry is only judged once it is older than any call still running (STALE_MS).
 */
import { wishWorkflow } from '../../../types/wishes.workflow';
import type { HandlerContext } from '../../core/context';
import { REQUEST_LEASE_MS } from '../../core/requests';
import { recoverAudits } from '../../core/workflow';
import { settleCompleted } from './deliver';
import { C, STALE_MS, type PointsDoc, type WishDoc, allowanceQuota, claimQuota } from './model';
import type { Quota } from '../../core/claims';

const OPEN_CLAIM: WishDoc['status'][] = ['claimed', 'delivered'];
const ENDED: WishDoc['status'][] = ['rejected', 'withdrawn'];

interface QuotaDoc {
  _id: string;
  held: Record<string, string>;
  touchedAt: string;
}

async function wishesById(ctx: HandlerContext, ids: string[]): Promise<Map<string, WishDoc>> {
  const out = new Map<string, WishDoc>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const w of await ctx.store.find<WishDoc>(C.wishes, { _id: { $in: ids.slice(i, i + 500) } }, { limit: 500 })) out.set(w._id, w);
  }
  return out;
}

/** Frees ledger entries (older than `staleBefore`) whose wish no longer holds the place. */
async function settleLedgers(ctx: HandlerContext, collection: string, quota: Quota, since: string, holds: (doc: QuotaDoc, w: WishDoc) => boolean): Promise<{ quotas: number; released: number }> {
  const staleBefore = new Date(ctx.now.getTime() - Math.max(STALE_MS, REQUEST_LEASE_MS)).toISOString();
  const docs = await ctx.store.find<QuotaDoc>(collection, { touchedAt: { $gte: since } }, { sort: { touchedAt: 1 }, limit: 1000 });
  let released = 0;
  for (const doc of docs) {
    const stale = quota.staleHolders(doc, staleBefore);
    if (stale.length === 0) continue;
    const wishes = await wishesById(ctx, stale);
    for (const wishId of stale) {
      const w = wishes.get(wishId);
      if (w && holds(doc, w)) continue;
      if (await quota.release(doc._id, wishId, ctx.now.toISOString())) released++;
    }
  }
  return { quotas: docs.length, released };
}

export async function recoverWishes(ctx: HandlerContext): Promise<{ quotas: number; repaired: number; audits: number }> {
  const since = new Date(ctx.now.getTime() - 86_400_000).toISOString();
  // Volunteers' ledgers: a place is held by a wish this volunteer has claimed or delivered.
  const claims = await settleLedgers(ctx, C.volunteers, claimQuota(ctx.store), since, (doc, w) => OPEN_CLAIM.includes(w.status) && w.claim?.volunteerId === doc._id);
  // Households' allowances: a place is held by a wish of that allowance that was not rejected or withdrawn.
  const years = await settleLedgers(ctx, C.allowances, allowanceQuota(ctx.store), since, (doc, w) => w.allowanceId === doc._id && !ENDED.includes(w.status));
  // Wishes completed by a volunteer: credited once, and the place freed (a confirmation that died half-way).
  const completed = await ctx.store.find<WishDoc>(C.wishes, { status: 'completed', updatedAt: { $gte: since } }, { sort: { updatedAt: 1 }, limit: 1000 });
  const volunteers = [...new Set(completed.map((w) => w.volunteerId).filter((v): v is string => !!v))];
  const points = volunteers.length ? await ctx.store.find<PointsDoc>(C.points, { _id: { $in: volunteers } }, { limit: 1000 }) : [];
  const credited = new Map(points.map((p) => [p._id, p.credited]));
  let settled = 0;
  for (const w of completed) {
    if (w.fulfilledBy !== 'volunteer' || !w.volunteerId) continue;
    if (credited.get(w.volunteerId)?.[w._id] !== undefined) continue;
    await settleCompleted(ctx, w);
    settled++;
  }
  const audits = await recoverAudits(ctx.store, wishWorkflow, C.wishes, since);
  return { quotas: claims.quotas + years.quotas, repaired: claims.released + years.released + settled, audits };
}
