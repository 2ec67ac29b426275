/**
 * What each person sees of a wish, with only the fields their part needs (DOMAIN.md: volunteers never see a hardship
 * worker's phone, address, ID, full name or case details):
 * - a volunteer of the pool's area: the wish, its value and deadline, the masked surname (王*), an age band and the
 *   union that vouches for it;
 * - the claiming volunteer: also the handover contact — the household's union staff — and the photos;
 * - the household and the staff entitled to the household (its union's subtree, or the vetting org): everything.
 */
import { STAFF_VIEWS, type MyClaim, type PoolItem, type StaffItem, WISH_STATUS_LABELS, type WishAction, type WishView } from '../../../types/wishes.schema';
import { localDateOf, localYearOf } from '../../../types/time';
import { ageBandOf } from '../../../types/wishes.text';
import { wishWorkflow } from '../../../types/wishes.workflow';
import { authorityOf, covers, type Authority } from '../../core/authority';
import type { HandlerContext, Input, MemberContext } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { fileViews } from '../../core/files';
import type { Filter, SortSpec } from '../../core/store/port';
import { scopeFilter, type UserDoc } from '../../core/users';
import { nextEvents } from '../../core/workflow';
import { maskName } from '../account/identity';
import { archivedHouseholdOfUser } from '../account/households';
import { claimRefusal, releaseClaimOnRead, releaseDueOnRead } from './claim';
import { contactsOf } from './contacts';
import { C, type PointsDoc, type WishDoc, allowanceIdOf, claimQuota, getWish, lastReasonOf } from './model';
import { policyAt, poolsOf } from './policy';

const VOLUNTEER_ROLES = ['volunteer', 'model_worker'];
const PUBLIC_STATES: WishDoc['status'][] = ['published', 'claimed', 'delivered', 'completed'];

function isVolunteer(ctx: MemberContext): boolean {
  return ctx.caller.roles.some((r) => VOLUNTEER_ROLES.includes(r));
}

/** Staff entitled to the household's record: inside its union's subtree (or the vetting org's), not outranked by it. */
async function staffEntitled(ctx: MemberContext, authority: Authority, w: WishDoc): Promise<boolean> {
  if (!covers(ctx.caller, w.orgPath) && !covers(ctx.caller, w.vetPath)) return false;
  if (!w.householdUserId) return true;
  const person = await ctx.store.get<UserDoc>('users', w.householdUserId);
  return !person || (await authority.mayActOnPerson(person, { allowSelf: true })).ok;
}

export function poolItemOf(ctx: MemberContext, w: WishDoc): PoolItem {
  return {
    id: w._id,
    title: w.title,
    category: w.category,
    description: w.description,
    valueYuan: w.valueYuan,
    neededBy: w.neededBy,
    surnameMasked: w.surnameMasked,
    ageBand: ageBandOf(w.birthYear, localYearOf(ctx.now)),
    unionName: w.unionName,
    poolName: w.poolName,
    publishedAt: w.publishedAt ?? w.updatedAt,
    released: w.releases > 0,
    own: w.householdIdHash === ctx.caller.user.idHash || w.householdUserId === ctx.caller.user._id,
  };
}

function historyLines(w: WishDoc) {
  return w.history.map((h) => ({ at: h.at, event: h.event, text: h.note ?? wishWorkflow.events[h.event as keyof typeof wishWorkflow.events]?.label ?? '' }));
}

/** The caller's actions on the wish now: the workflow's, and claiming for a volunteer of the pool. */
async function actionsOf(ctx: MemberContext, authority: Authority, w: WishDoc, claimable: boolean): Promise<WishAction[]> {
  const events = (await nextEvents(authority, wishWorkflow, w)).filter((e) => e !== 'release' && e !== 'claim' && !(e === 'thank' && (w.thanks || w.fulfilledBy !== 'volunteer')));
  return claimable ? ['claim', ...events] : events;
}

export async function wishViewOf(ctx: MemberContext, w: WishDoc, authority: Authority = authorityOf(ctx)): Promise<WishView> {
  const me = ctx.caller.user;
  const household = w.householdUserId === me._id;
  const claimer = w.claim?.volunteerId === me._id || (w.status === 'completed' && w.volunteerId === me._id);
  const staff = !household && (await staffEntitled(ctx, authority, w));
  const volunteer = isVolunteer(ctx) && me.orgPath.includes(w.poolId) && PUBLIC_STATES.includes(w.status);
  if (!household && !claimer && !staff && !volunteer) throw notFound('没有找到这个心愿');
  const refusal = claimRefusal(ctx, w);
  const claimable = isVolunteer(ctx) && w.status === 'published' && !refusal;
  const inside = household || staff || claimer;
  const [photos, deliveryPhotos, contact] = await Promise.all([
    inside ? fileViews(ctx, w.photoIds, { kind: 'wish', id: w._id }) : Promise.resolve([]),
    inside && w.delivery ? fileViews(ctx, w.delivery.photoIds, { kind: 'wish_delivery', id: w._id }) : Promise.resolve([]),
    inside && w.status !== 'submitted' && w.status !== 'returned' ? contactsOf(ctx.store, w.unionStaffIds) : Promise.resolve(null),
  ]);
  return {
    id: w._id,
    viewer: household ? 'household' : staff ? 'staff' : claimer ? 'claimer' : 'volunteer',
    title: w.title,
    category: w.category,
    description: w.description,
    valueYuan: w.valueYuan,
    neededBy: w.neededBy,
    handover: w.handover,
    status: w.status as WishView['status'],
    statusText: WISH_STATUS_LABELS[w.status as WishView['status']],
    surnameMasked: w.surnameMasked,
    ageBand: ageBandOf(w.birthYear, localYearOf(ctx.now)),
    unionName: w.unionName,
    poolName: w.poolName,
    releases: w.releases,
    householdName: staff ? w.householdName : household ? w.householdName : null,
    claim: w.claim
      ? { volunteerName: staff ? w.claim.volunteerName : maskName(w.claim.volunteerName), claimedAt: w.claim.at, dueAt: w.claim.dueAt, mine: w.claim.volunteerId === me._id }
      : null,
    contact: contact ? { orgName: w.unionName, people: contact } : null,
    photos,
    delivery: inside && w.delivery ? { at: w.delivery.at, note: w.delivery.note, photos: deliveryPhotos } : null,
    lastReason: inside ? lastReasonOf(w) : null,
    thanks: inside ? w.thanks?.text ?? null : null,
    points: inside ? w.points : null,
    fulfilledBy: w.fulfilledBy,
    actions: await actionsOf(ctx, authority, w, claimable),
    claimable: { ok: claimable, reason: isVolunteer(ctx) && w.status === 'published' && refusal ? refusal.userMessage : null },
    history: inside ? historyLines(w) : [],
  };
}

export async function wishDetail(ctx: MemberContext, wishId: string): Promise<WishView> {
  let w = await getWish(ctx, wishId);
  if (await releaseClaimOnRead(ctx, w)) w = await getWish(ctx, wishId);
  return wishViewOf(ctx, w);
}

/** The pool of one of the volunteer's areas: filter by category, sort by deadline or newest, page through it. */
/** How far ahead of a page the pool's total is counted. */
export const POOL_TOTAL_CAP = 500;

export async function pool(ctx: MemberContext, input: Input<'wishes', 'pool'>) {
  const me = ctx.caller.user;
  const pools = await poolsOf(ctx.store, me.orgPath);
  const refs = pools.map((o) => ({ id: o._id, name: o.name, level: o.level }));
  if (input.poolId && !refs.some((p) => p.id === input.poolId)) throw new AppError('wishes.other_area', '只能浏览您所在地区的心愿池');
  const poolId = input.poolId ?? refs[0]?.id ?? null;
  if (!poolId) return { pools: refs, poolId: null, items: [], total: 0, totalCapped: false };
  await releaseDueOnRead(ctx, {}, 1);
  // One equality on the pool key (a multikey index per sort order serves the filter, the order and the paging).
  const filter: Filter = { browse: input.category ? `${poolId}:${input.category}` : poolId, neededBy: { $gte: localDateOf(ctx.now) } };
  const sort: SortSpec = input.sort === 'newest' ? { publishedAt: -1 } : { neededBy: 1 };
  // Counting a pool of tens of thousands reads every one of them (the deadline is checked per wish): the total is
  // counted up to POOL_TOTAL_CAP ahead of the page, in index order, and the page says “500+” beyond it.
  const [docs, ahead] = await Promise.all([
    ctx.store.find<WishDoc>(C.wishes, filter, { sort, limit: input.limit, skip: input.offset }),
    ctx.store.find<WishDoc>(C.wishes, filter, { sort, limit: POOL_TOTAL_CAP + 1, skip: input.offset, projection: { _id: 1 } }),
  ]);
  const totalCapped = ahead.length > POOL_TOTAL_CAP;
  return { pools: refs, poolId, items: docs.map((w) => poolItemOf(ctx, w)), total: input.offset + Math.min(ahead.length, POOL_TOTAL_CAP), totalCapped };
}

function claimLine(ctx: MemberContext, w: WishDoc, outcome: string): MyClaim {
  const mine = w.volunteerId === ctx.caller.user._id;
  return {
    id: w._id,
    title: w.title,
    valueYuan: w.valueYuan,
    status: w.status as MyClaim['status'],
    statusText: WISH_STATUS_LABELS[w.status as MyClaim['status']],
    surnameMasked: w.surnameMasked,
    unionName: w.unionName,
    dueAt: mine && w.status === 'claimed' ? w.claimDueAt : null,
    outcome,
    points: mine ? w.points : null,
    thanks: mine ? w.thanks?.text ?? null : null,
    at: w.updatedAt,
  };
}

/** How a past claim ended for this volunteer. */
function outcomeFor(w: WishDoc, userId: string): string {
  if (w.volunteerId === userId && w.status === 'completed') return `已完成，获得 ${w.points ?? 0} 志愿积分`;
  for (let i = w.history.length - 1; i >= 0; i--) {
    const h = w.history[i];
    if (h.event === 'give_back' && h.by === userId) return '已放弃认领';
    if (h.event === 'release') return '超过送达期限，已自动释放';
  }
  return '认领已结束';
}

export async function mine(ctx: MemberContext) {
  const me = ctx.caller.user;
  await releaseDueOnRead(ctx, { volunteerId: me._id }, 1);
  const [open, done, past, points, quota, household] = await Promise.all([
    ctx.store.find<WishDoc>(C.wishes, { volunteerId: me._id, status: { $in: ['claimed', 'delivered'] } }, { sort: { updatedAt: -1 }, limit: 50 }),
    ctx.store.find<WishDoc>(C.wishes, { volunteerId: me._id, status: 'completed' }, { sort: { updatedAt: -1 }, limit: 50 }),
    ctx.store.find<WishDoc>(C.wishes, { pastClaimers: me._id }, { sort: { updatedAt: -1 }, limit: 50 }),
    ctx.store.get<PointsDoc>(C.points, me._id),
    ctx.store.get<{ _id: string; capacity: number; left: number; held: Record<string, string> }>(C.volunteers, me._id),
    archivedHouseholdOfUser(ctx.store, me._id),
  ]);
  // The limit follows the policy of the volunteer's area (a cut waits until enough claims are finished).
  const { policy } = await policyAt(ctx.store, me.orgPath);
  if (quota && quota.capacity !== policy.maxOpenClaims) await claimQuota(ctx.store).resize(me._id, policy.maxOpenClaims - quota.capacity, ctx.now.toISOString());
  const seen = new Set<string>();
  const history: MyClaim[] = [];
  for (const w of [...done, ...past].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))) {
    if (seen.has(w._id) || (w.volunteerId === me._id && w.status !== 'completed')) continue;
    seen.add(w._id);
    history.push(claimLine(ctx, w, outcomeFor(w, me._id)));
  }
  let householdOut = null;
  if (household) {
    const year = localYearOf(ctx.now);
    const [wishes, allowance, place] = await Promise.all([
      ctx.store.find<WishDoc>(C.wishes, { householdId: household._id }, { sort: { createdAt: -1 }, limit: 50 }),
      ctx.store.get<{ _id: string; capacity: number; left: number }>(C.allowances, allowanceIdOf(household._id, year)),
      policyAt(ctx.store, household.orgPath),
    ]);
    householdOut = {
      householdId: household._id,
      surnameMasked: household.surnameMasked,
      wishes: wishes.map((w) => ({ id: w._id, title: w.title, status: w.status as MyClaim['status'], statusText: WISH_STATUS_LABELS[w.status as MyClaim['status']], neededBy: w.neededBy, lastReason: lastReasonOf(w), at: w.updatedAt })),
      allowance: { year, used: allowance ? allowance.capacity - allowance.left : 0, max: allowance?.capacity ?? place.policy.wishesPerYear },
    };
  }
  return {
    points: { total: points?.total ?? 0, completed: points?.completed ?? 0 },
    claimLimit: { max: policy.maxOpenClaims, open: open.length },
    claims: open.map((w) => claimLine(ctx, w, w.status === 'delivered' ? '已送达，等待确认' : '请按时送达')),
    history,
    household: householdOut,
  };
}

/** The home tile: open claims and the next deadline; the household's wishes waiting on it. Two small reads. */
export async function tile(ctx: MemberContext) {
  const me = ctx.caller.user;
  const [open, own] = await Promise.all([
    ctx.store.find<WishDoc>(C.wishes, { volunteerId: me._id, status: 'claimed' }, { sort: { claimDueAt: 1 }, limit: 10, projection: { claimDueAt: 1 } }),
    ctx.store.find<WishDoc>(C.wishes, { householdUserId: me._id, status: { $in: ['submitted', 'returned', 'published', 'claimed', 'delivered'] } }, { limit: 20, projection: { status: 1 } }),
  ]);
  const due = open.map((w) => w.claimDueAt).filter((d): d is string => !!d && d > ctx.now.toISOString()).sort();
  return { openClaims: due.length, nextDueAt: due[0] ?? null, toConfirm: own.filter((w) => w.status === 'delivered').length, householdOpen: own.length };
}

/** Why a wish is in the stuck queue. */
function stuckReasonOf(ctx: HandlerContext, w: WishDoc): string | null {
  if (w.status !== 'published') return null;
  const parts: string[] = [];
  if (w.releases > 0) parts.push(`认领后超过送达期限未送达，已释放 ${w.releases} 次`);
  if (w.neededBy < localDateOf(ctx.now)) parts.push('已过希望实现的日期，仍无人认领');
  return parts.length ? parts.join('；') : null;
}

export async function staffItemsOf(ctx: MemberContext, docs: WishDoc[], opts: { photos?: boolean } = {}): Promise<StaffItem[]> {
  const authority = authorityOf(ctx);
  const out: StaffItem[] = [];
  for (const w of docs) {
    out.push({
      id: w._id,
      title: w.title,
      category: w.category,
      description: w.description,
      valueYuan: w.valueYuan,
      neededBy: w.neededBy,
      status: w.status as StaffItem['status'],
      statusText: WISH_STATUS_LABELS[w.status as StaffItem['status']],
      householdName: w.householdName,
      unionName: w.unionName,
      poolName: w.poolName,
      collectedBy: w.collectedAs === 'self' ? '本人登记' : `${w.collectorName} 代登记`,
      volunteerName: w.claim?.volunteerName ?? w.volunteerName ?? null,
      dueAt: w.status === 'claimed' ? w.claimDueAt : null,
      releases: w.releases,
      stuckReason: stuckReasonOf(ctx, w),
      photos: opts.photos ? await fileViews(ctx, w.photoIds, { kind: 'wish', id: w._id }) : [],
      actions: await actionsOf(ctx, authority, w, false),
      updatedAt: w.updatedAt,
    });
  }
  return out;
}

const VIEW_FILTERS: Record<(typeof STAFF_VIEWS)[number], (ctx: HandlerContext) => Filter> = {
  confirm: () => ({ status: 'delivered' }),
  stuck: (ctx) => ({ status: 'published', $or: [{ releases: { $gt: 0 } }, { neededBy: { $lt: localDateOf(ctx.now) } }] }),
  active: () => ({ status: { $in: ['submitted', 'returned', 'published', 'claimed', 'delivered'] } }),
  done: () => ({ status: { $in: ['completed', 'rejected', 'withdrawn'] } }),
};

export async function staffList(ctx: MemberContext, input: Input<'wishes', 'staffList'>) {
  await releaseDueOnRead(ctx, ctx.caller.roles.includes('admin') ? {} : { orgPath: ctx.caller.staffOrg?._id ?? '-' }, 2);
  const filter: Filter = { ...scopeFilter(ctx.caller, 'orgPath'), ...VIEW_FILTERS[input.view](ctx) };
  const [docs, total] = await Promise.all([
    ctx.store.find<WishDoc>(C.wishes, filter, { sort: { updatedAt: -1 }, limit: input.limit, skip: input.offset }),
    ctx.store.count(C.wishes, filter),
  ]);
  return { items: await staffItemsOf(ctx, docs, { photos: input.view === 'confirm' }), total };
}
