/**
 * Vetting by the town or county (the policy says which): approve and publish to the area's pool, return for
 * correction with a reason, or reject with a reason (the household's place for the year is given back). The workflow
 * refuses vetting a wish about oneself or about someone who holds a post at the caller's org or above.
 */
import { wishWorkflow } from '../../../types/wishes.workflow';
import type { Input, MemberContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { scopeFilter } from '../../core/users';
import { authorize, move } from '../../core/workflow';
import { unionStaffOf } from './contacts';
import { C, type WishDoc, allowanceQuota, browseKeysOf, getWish } from './model';
import { vettedNotices } from './notices';
import { placementOf } from './policy';
import { staffItemsOf } from './views';

export async function vetQueue(ctx: MemberContext) {
  const items = await ctx.store.find<WishDoc>(C.wishes, { ...scopeFilter(ctx.caller, 'vetPath'), status: 'submitted' }, { sort: { createdAt: 1 }, limit: 200 });
  return { items: await staffItemsOf(ctx, items, { photos: true }) };
}

export async function vet(ctx: MemberContext, input: Input<'wishes', 'vet'>): Promise<WishDoc> {
  const w = await getWish(ctx, input.wishId);
  const event = input.decision;
  await authorize(ctx, wishWorkflow, w, event);
  const wrongState = () => new AppError('wishes.wrong_status', `这个心愿是“${wishWorkflow.states[w.status].label}”，不在待审核状态`);
  if (event === 'approve') {
    // Published under the policy in force now: its pool, its deadline for claims, the union staff who hand it over.
    const place = await placementOf(ctx.store, w.orgPath);
    const unionStaffIds = await unionStaffOf(ctx.store, w.orgPath);
    const published = { ...w, poolId: place.pool._id, poolName: place.pool.name, unionStaffIds };
    return move(ctx, wishWorkflow, C.wishes, w, 'approve', {
      set: {
        poolId: place.pool._id,
        poolName: place.pool.name,
        claimDays: place.policy.claimDays,
        remindDaysBefore: place.policy.remindDaysBefore,
        unionStaffIds,
        publishedAt: ctx.now.toISOString(),
        browse: browseKeysOf(published),
      },
      note: `审核通过，发布到${place.pool.name}心愿池`,
      summary: `审核通过心愿并发布到${place.pool.name}心愿池`,
      notify: vettedNotices(w, 'approve'),
      wrongState,
    });
  }
  const after = await move(ctx, wishWorkflow, C.wishes, w, event, {
    set: { browse: [] },
    reason: input.reason,
    note: event === 'return' ? `退回修改：${input.reason}` : `不予通过：${input.reason}`,
    summary: event === 'return' ? '退回心愿修改' : '心愿不予通过',
    notify: vettedNotices(w, event, input.reason),
    wrongState,
  });
  if (event === 'reject') await allowanceQuota(ctx.store).release(w.allowanceId, w._id, ctx.now.toISOString());
  return after;
}
