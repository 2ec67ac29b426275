/**
 * The public wall: per area (each pool), the wishes waiting in it, claimed and completed; and the latest completed
 * wishes with masked names. Counting every area on every view would cost a count per area and state, so the sweep
 * timer keeps a snapshot (refreshing the areas that changed least recently first) and the wall reads it; before the
 * first snapshot the wall counts live.
 */
import type { HandlerContext } from '../../core/context';
import { maskName } from '../account/identity';
import { C, type WishDoc } from './model';

interface AreaCount {
  name: string;
  published: number;
  claimed: number;
  completed: number;
  at: string;
}

interface WallDoc {
  _id: string;
  /** Every pool that has had a wish, with its latest counts. */
  areas: Record<string, AreaCount>;
  at: string;
}

const WALL_ID = 'wall';
/** Areas counted by one sweep (three counts each). */
const AREAS_PER_SWEEP = 30;

async function countArea(ctx: HandlerContext, poolId: string, name: string): Promise<AreaCount> {
  const [published, claimed, completed] = await Promise.all([
    ctx.store.count(C.wishes, { poolId, status: 'published' }),
    ctx.store.count(C.wishes, { poolId, status: { $in: ['claimed', 'delivered'] } }),
    ctx.store.count(C.wishes, { poolId, status: 'completed' }),
  ]);
  return { name, published, claimed, completed, at: ctx.now.toISOString() };
}

/** Pools not yet on the wall: from the newest wishes (the wall learns a new area within a sweep of its first wish). */
async function newPools(ctx: HandlerContext, known: Record<string, AreaCount>, all: boolean): Promise<[string, string][]> {
  const filter = all ? {} : { updatedAt: { $gte: new Date(ctx.now.getTime() - 86_400_000).toISOString() } };
  const recent = await ctx.store.find<WishDoc>(C.wishes, filter, { sort: { updatedAt: -1 }, limit: all ? 1000 : 500, projection: { poolId: 1, poolName: 1 } });
  const out = new Map<string, string>();
  for (const w of recent) if (!known[w.poolId] && w.poolId) out.set(w.poolId, w.poolName);
  return [...out];
}

export async function refreshWall(ctx: HandlerContext, all = false): Promise<WallDoc> {
  const doc = (await ctx.store.get<WallDoc>(C.wall, WALL_ID)) ?? { _id: WALL_ID, areas: {}, at: '' };
  const areas = { ...doc.areas };
  for (const [id, name] of await newPools(ctx, areas, all || !doc.at)) areas[id] = { name, published: 0, claimed: 0, completed: 0, at: '' };
  const stalest = Object.entries(areas).sort(([, a], [, b]) => (a.at < b.at ? -1 : 1)).slice(0, all ? undefined : AREAS_PER_SWEEP);
  for (const [id, a] of stalest) areas[id] = await countArea(ctx, id, a.name);
  return { _id: WALL_ID, areas, at: ctx.now.toISOString() };
}

export async function sweepWall(ctx: HandlerContext): Promise<void> {
  await ctx.store.set(C.wall, await refreshWall(ctx));
}

export async function wall(ctx: HandlerContext) {
  const snapshot = (await ctx.store.get<WallDoc>(C.wall, WALL_ID)) ?? (await refreshWall(ctx, true));
  const areas = Object.entries(snapshot.areas)
    .map(([id, a]) => ({ id, name: a.name, published: a.published, claimed: a.claimed, completed: a.completed }))
    .sort((a, b) => b.completed + b.claimed + b.published - (a.completed + a.claimed + a.published) || (a.name < b.name ? -1 : 1));
  const totals = areas.reduce((t, a) => ({ published: t.published + a.published, claimed: t.claimed + a.claimed, completed: t.completed + a.completed }), { published: 0, claimed: 0, completed: 0 });
  const done = await ctx.store.find<WishDoc>(C.wishes, { status: 'completed' }, { sort: { completedAt: -1 }, limit: 20 });
  return {
    areas,
    totals,
    feed: done.map((w) => ({
      id: w._id,
      title: w.title,
      surnameMasked: w.surnameMasked,
      areaName: w.poolName,
      volunteerNameMasked: w.fulfilledBy === 'union' ? '工会' : maskName(w.volunteerName ?? ''),
      completedAt: w.completedAt ?? w.updatedAt,
      /** The household's thank-you, checked for personal data like the description. */
      thanks: w.thanks?.text ?? null,
    })),
    asOf: snapshot.at || ctx.now.toISOString(),
  };
}
