/**
 * Collecting a wish (for an archived household, by its union's staff or by the archived worker), correcting a
 * returned one, and withdrawing one. A household's wishes of a year are an allowance (a Quota per household and
 * year, holder = the wish): taken before the wish is created, given back when it is rejected or withdrawn; a place
 * taken by a call that died before its wish existed is released by the recovery pass.
 */
import { createHash } from 'node:crypto';
import { addLocalDays, formatDate, localDateOf, localYearOf } from '../../../types/time';
import type { WishForm } from '../../../types/wishes.schema';
import { wishWorkflow } from '../../../types/wishes.workflow';
import { authorityOf, covers, require } from '../../core/authority';
import type { Input, MemberContext } from '../../core/context';
import { AppError, forbidden, notFound } from '../../core/errors';
import { attachFiles } from '../../core/files';
import { newId } from '../../core/ids';
import { isStoreError } from '../../core/store/port';
import type { UserDoc } from '../../core/users';
import { auditOfHistory, authorize, create, move } from '../../core/workflow';
import { HOUSEHOLDS, type HouseholdDoc, archivedHouseholdOfUser, householdOf } from '../account/households';
import { C, type WishDoc, type WishFields, allowanceIdOf, allowanceQuota, getWish } from './model';
import { placementOf } from './policy';

/** The household a caller collects for, and whether they do it as its own archived worker. */
async function householdFor(ctx: MemberContext, householdId: string | undefined): Promise<{ household: HouseholdDoc; self: boolean }> {
  const me = ctx.caller.user;
  if (!householdId) {
    const own = await archivedHouseholdOfUser(ctx.store, me._id);
    if (!own) throw new AppError('wishes.not_archived', '您家还没有困难职工建档，心愿由所在工会在建档后登记');
    return { household: own, self: true };
  }
  const household = await householdOf(ctx.store, householdId);
  if (household && household.userId === me._id) {
    if (household.status !== 'archived') throw new AppError('wishes.not_archived', '您家的困难职工档案已经结束，不能再登记心愿');
    return { household, self: true };
  }
  if (!household || !covers(ctx.caller, household.orgPath)) throw notFound('没有找到这户家庭');
  if (household.userId) {
    const person = await ctx.store.get<UserDoc>('users', household.userId);
    if (person) require(await authorityOf(ctx).mayActOnPerson(person));
  }
  if (household.status !== 'archived') throw new AppError('wishes.not_archived', '这户家庭的困难职工档案已经结束（已脱困），不能再登记心愿');
  return { household, self: false };
}

function checkForm(ctx: MemberContext, form: Pick<WishForm, 'valueYuan' | 'neededBy'>, maxValueYuan: number): void {
  if (form.valueYuan > maxValueYuan) {
    throw new AppError('wishes.too_valuable', `心愿的估计价值不能超过 ${maxValueYuan} 元`, [{ path: ['form', 'valueYuan'], message: `不能超过 ${maxValueYuan} 元` }]);
  }
  const today = localDateOf(ctx.now);
  if (form.neededBy <= today || form.neededBy > addLocalDays(today, 366)) {
    const message = `希望实现的日期应在 ${formatDate(addLocalDays(today, 1))} 到 ${formatDate(addLocalDays(today, 366))} 之间`;
    throw new AppError('wishes.bad_date', message, [{ path: ['form', 'neededBy'], message }]);
  }
}

/** A retried request makes the same wish: its id comes from the caller and the requestId. */
function wishIdFor(ctx: MemberContext): string {
  if (!ctx.requestId) return newId('w');
  return `w_${createHash('sha256').update(`${ctx.caller.user._id}\u0000${ctx.requestId}`).digest('hex').slice(0, 20)}`;
}

/** Takes one of the household's places for the year; the allowance is created on the household's first wish. */
async function takeAllowance(ctx: MemberContext, allowanceId: string, wishId: string, capacity: number, year: number): Promise<'taken' | 'already_held'> {
  const quota = allowanceQuota(ctx.store);
  const at = ctx.now.toISOString();
  for (let attempt = 0; attempt < 3; attempt++) {
    const took = await quota.take(allowanceId, wishId, at);
    if (took === 'taken' || took === 'already_held') return took;
    if (took === 'missing') {
      try {
        await ctx.store.insert(C.allowances, { _id: allowanceId, ...quota.fieldsFor(capacity), touchedAt: at });
      } catch (e) {
        if (!isStoreError(e, 'duplicate')) throw e;
      }
      continue;
    }
    // Full: the policy may have been raised since the allowance was made.
    const doc = await ctx.store.get<{ _id: string; capacity: number }>(C.allowances, allowanceId);
    if (doc && capacity > doc.capacity && (await quota.resize(allowanceId, capacity - doc.capacity, at))) continue;
    throw new AppError('wishes.year_limit', `这户家庭 ${year} 年登记的心愿已达上限（每年 ${doc?.capacity ?? capacity} 个）`);
  }
  throw new AppError('conflict', '操作冲突，请稍后再试');
}

export async function collect(ctx: MemberContext, input: Input<'wishes', 'collect'>): Promise<WishDoc> {
  const me = ctx.caller.user;
  const { household, self } = await householdFor(ctx, input.householdId);
  const place = await placementOf(ctx.store, household.orgPath);
  const form = input.form;
  checkForm(ctx, form, place.policy.maxValueYuan);

  const wishId = wishIdFor(ctx);
  // A retry of a call that created the wish: answer it.
  const existing = ctx.requestId ? await ctx.store.get<WishDoc>(C.wishes, wishId) : null;
  if (existing) {
    const mine = existing.history.find((h) => h.requestId === ctx.requestId && h.event === 'submit');
    if (mine) await auditOfHistory(ctx, wishWorkflow, C.wishes, existing, mine);
    return existing;
  }
  const year = localYearOf(ctx.now);
  const allowanceId = allowanceIdOf(household._id, year);
  const fields: WishFields = {
    _id: wishId,
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
    year,
    allowanceId,
    title: form.title,
    category: form.category,
    description: form.description,
    valueYuan: form.valueYuan,
    neededBy: form.neededBy,
    handover: form.handover,
    photoIds: form.photoIds,
    collectedBy: me._id,
    collectorName: me.name,
    collectedAs: self ? 'self' : 'staff',
    claimDays: place.policy.claimDays,
    remindDaysBefore: place.policy.remindDaysBefore,
    unionStaffIds: [],
    publishedAt: null,
    browse: [],
    claim: null,
    claimDueAt: null,
    claimRounds: 0,
    remindedRound: 0,
    releases: 0,
    pastClaimers: [],
    delivery: null,
    volunteerId: null,
    volunteerName: null,
    fulfilledBy: null,
    points: null,
    completedAt: null,
    thanks: null,
    createdAt: ctx.now.toISOString(),
  };
  // Who may: the workflow's `submit` (the household's union staff, or the archived worker), checked before any write.
  const draft = { ...fields, status: 'none', version: 0, history: [], updatedAt: fields.createdAt } as unknown as WishDoc;
  await authorize(ctx, wishWorkflow, draft, 'submit');

  if (form.photoIds.length > 0) await attachFiles(ctx, form.photoIds, { kind: 'wish', id: wishId }, { purposes: ['wish_photo'] });
  const took = await takeAllowance(ctx, allowanceId, wishId, place.policy.wishesPerYear, year);
  try {
    return await create<WishDoc['status'], 'submit', WishDoc>(ctx, wishWorkflow, C.wishes, fields, 'submit', {
      note: self ? '本人登记心愿' : `${place.union.name}代为登记心愿`,
      summary: `登记心愿：${form.title}（${form.valueYuan} 元）`,
    });
  } catch (e) {
    if (took === 'taken') await allowanceQuota(ctx.store).release(allowanceId, wishId, ctx.now.toISOString());
    throw e;
  }
}

export async function resubmit(ctx: MemberContext, input: Input<'wishes', 'resubmit'>): Promise<WishDoc> {
  const w = await getWish(ctx, input.wishId);
  await authorize(ctx, wishWorkflow, w, 'resubmit');
  const place = await placementOf(ctx.store, w.orgPath);
  const form = input.form;
  const retried = !!ctx.requestId && w.history.some((h) => h.requestId === ctx.requestId && h.event === 'resubmit');
  if (!retried) checkForm(ctx, form, place.policy.maxValueYuan);
  if (form.photoIds.length > 0) await attachFiles(ctx, form.photoIds, { kind: 'wish', id: w._id }, { purposes: ['wish_photo'] });
  return move(ctx, wishWorkflow, C.wishes, w, 'resubmit', {
    set: {
      title: form.title,
      category: form.category,
      description: form.description,
      valueYuan: form.valueYuan,
      neededBy: form.neededBy,
      handover: form.handover,
      photoIds: form.photoIds,
      vetOrgId: place.vetOrg._id,
      vetPath: place.vetOrg.path,
      poolId: place.pool._id,
      poolName: place.pool.name,
    },
    note: '修改后重新提交',
    summary: `修改心愿后重新提交：${form.title}`,
    wrongState: () => new AppError('wishes.wrong_status', '只有被退回修改的心愿可以重新提交'),
  });
}

export async function withdraw(ctx: MemberContext, input: Input<'wishes', 'withdraw'>): Promise<WishDoc> {
  const w = await getWish(ctx, input.wishId);
  await authorize(ctx, wishWorkflow, w, 'withdraw');
  const after = await move(ctx, wishWorkflow, C.wishes, w, 'withdraw', {
    set: { browse: [] },
    reason: input.reason,
    note: `撤回心愿：${input.reason}`,
    summary: '撤回心愿',
    wrongState: () => new AppError('wishes.wrong_status', w.status === 'claimed' || w.status === 'delivered' ? '心愿已被志愿者认领，不能撤回；如有变化请联系志愿者或工会' : '心愿当前的状态不能撤回'),
  });
  // The year's place goes back to the household.
  await allowanceQuota(ctx.store).release(w.allowanceId, w._id, ctx.now.toISOString());
  return after;
}

/** Archived households in the caller's subtree, with this year's allowance. */
export async function households(ctx: MemberContext, input: Input<'wishes', 'households'>) {
  if (!ctx.caller.roles.includes('admin') && !ctx.caller.staffOrg) throw forbidden('您的工作人员身份尚未绑定工会组织');
  const filter = { ...(ctx.caller.roles.includes('admin') ? {} : { orgPath: ctx.caller.staffOrg!._id }), status: 'archived' };
  const [docs, total] = await Promise.all([
    ctx.store.find<HouseholdDoc>(HOUSEHOLDS, filter, { sort: { archivedAt: -1 }, limit: input.limit, skip: input.offset }),
    ctx.store.count(HOUSEHOLDS, filter),
  ]);
  const year = localYearOf(ctx.now);
  const allowances = docs.length
    ? await ctx.store.find<{ _id: string; capacity: number; left: number }>(C.allowances, { _id: { $in: docs.map((h) => allowanceIdOf(h._id, year)) } }, { limit: 100 })
    : [];
  const byId = new Map(allowances.map((a) => [a._id, a]));
  const unions = docs.length ? await ctx.store.find<{ _id: string; name: string }>('orgs', { _id: { $in: [...new Set(docs.map((h) => h.orgId))] } }, { limit: 100 }) : [];
  const unionName = new Map(unions.map((o) => [o._id, o.name]));
  const items = [];
  for (const h of docs) {
    const a = byId.get(allowanceIdOf(h._id, year));
    const max = a?.capacity ?? (await placementOf(ctx.store, h.orgPath)).policy.wishesPerYear;
    items.push({
      id: h._id,
      name: h.name,
      nameMasked: h.nameMasked,
      unionName: unionName.get(h.orgId) ?? '',
      category: h.category,
      archivedAt: h.archivedAt,
      allowance: { year, used: a ? a.capacity - a.left : 0, max },
    });
  }
  return { items, total };
}
