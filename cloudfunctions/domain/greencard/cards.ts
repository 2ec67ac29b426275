/** Cards: applying, issuing (one or a whole subtree), the staff state changes, and the holder's own views. */
import type { CodesOutput, EligibilityView, MyCardOutput, StaffCardRow, VisitView } from '../../../types/greencard.schema';
import { BATCH_WINDOWS, WINDOW_MS, cardNoOfSeq, windowOf } from '../../../types/greencard.code';
import { audit, auditTx } from '../../core/audit';
import { AppError, forbidden, notFound } from '../../core/errors';
import type { Filter } from '../../core/store/port';
import { canManage, type OrgDoc, type UserDoc, scopeFilter } from '../../core/users';
import type { HandlerContext } from '../../core/wrapper';
import type { HonourDoc } from '../account/honours';
import { maskName, maskedIdOf } from '../account/identity';
import { C, type CardDoc, type CounterDoc, type HolderDoc, type VisitDoc, cardIdOf, holderCardOf, isUsable, partnerOf, staffRowOf } from './docs';
import { signBatch } from './codes';
import { shortCodeKey, signingKeys } from './keys';
import { type Issuer, hospitalsHonouring, issuerFor } from './partners';
import { type CardAction, type Eligibility, actionLabel, eligibilityOf, isOpen, nextStatus, renewedUntil, validityOf } from './rules';

async function honoursOf(ctx: HandlerContext, user: UserDoc): Promise<HonourDoc[]> {
  const linked = await ctx.store.find<HonourDoc>('honours', { linkedUserId: user._id }, { limit: 100 });
  // A confirmed link counts only when the person's record lists it too.
  return linked.map((h) => (h.linkStatus === 'confirmed' && !user.honourIds.includes(h._id) ? { ...h, linkStatus: 'suggested' } : h));
}

async function eligibilityFor(ctx: HandlerContext, user: UserDoc, cache?: Map<string, Issuer | null>) {
  const issuer = await issuerFor(ctx.store, user.orgPath, cache);
  const result = eligibilityOf({ status: user.status, issuer, honours: await honoursOf(ctx, user) });
  return { issuer, result };
}

function eligibilityView(issuer: Issuer | null, e: Eligibility<HonourDoc>): EligibilityView {
  return {
    eligible: e.eligible,
    issuerOrgId: issuer?.orgId ?? null,
    issuerOrgName: issuer?.orgName ?? null,
    honourTitle: e.honour?.title ?? null,
    reasons: e.reasons,
  };
}

export async function currentCard(ctx: HandlerContext, userId: string): Promise<CardDoc | null> {
  const holder = await ctx.store.get<HolderDoc>(C.holders, userId);
  return holder ? ctx.store.get<CardDoc>(C.cards, holder.cardId) : null;
}

function requireUser(ctx: HandlerContext): UserDoc {
  if (!ctx.caller.user) throw new AppError('auth.not_registered', '请先完善个人信息（实名登记）');
  return ctx.caller.user;
}

/** After a transfer between unions, the card follows its holder into the new union's staff scope. */
async function followTransfer(ctx: HandlerContext, card: CardDoc, user: UserDoc): Promise<void> {
  if (card.holderOrgPath.join('/') === user.orgPath.join('/')) return;
  await ctx.store.update(C.cards, { _id: card._id }, { $set: { holderOrgPath: user.orgPath } });
  card.holderOrgPath = user.orgPath;
}

export async function myCard(ctx: HandlerContext): Promise<MyCardOutput> {
  const user = requireUser(ctx);
  const card = await currentCard(ctx, user._id);
  if (card) await followTransfer(ctx, card, user);
  const { issuer, result } = await eligibilityFor(ctx, user);
  const e = eligibilityView(issuer, result);
  if (card && isOpen(card.status)) e.reasons = [];
  const issuerId = card?.issuerOrgId ?? issuer?.orgId;
  const hospitals = issuerId ? await hospitalsHonouring(ctx.store, issuerId) : [];
  return {
    card: card ? holderCardOf(card, user, ctx.now) : null,
    eligibility: e,
    hospitals: hospitals.map(partnerOf),
    serverNow: ctx.now.toISOString(),
  };
}

const OPEN_CARD_MESSAGE: Record<string, string> = {
  pending: '您的绿通卡申领正在审核中，请耐心等待。',
  active: '您已持有有效的绿通卡。',
  suspended: '您的绿通卡已暂停使用，请联系所在工会。',
};

/**
 * Creates a card in one transaction: the per-person holder record guarantees at most one open card, and the
 * counter gives each card a unique number, however many requests race.
 */
async function createCard(
  ctx: HandlerContext,
  user: UserDoc,
  issuer: Issuer,
  honour: HonourDoc,
  status: 'pending' | 'active',
): Promise<CardDoc> {
  const at = ctx.now.toISOString();
  const validity = status === 'active' ? validityOf(ctx.now, issuer.policy.validityMonths) : null;
  return ctx.store.transaction(async (tx) => {
    const holder = await tx.get<HolderDoc>(C.holders, user._id);
    if (holder) {
      const existing = await tx.get<CardDoc>(C.cards, holder.cardId);
      if (existing && isOpen(existing.status)) throw new AppError('greencard.already_holding', OPEN_CARD_MESSAGE[existing.status]);
    }
    const counter = await tx.get<CounterDoc>(C.counters, 'card_seq');
    const seq = (counter?.n ?? 0) + 1;
    await tx.set<CounterDoc>(C.counters, { _id: 'card_seq', n: seq });
    const cardNo = cardNoOfSeq(seq);
    const card: CardDoc = {
      _id: cardIdOf(cardNo),
      cardNo,
      seq,
      userId: user._id,
      holderOrgPath: user.orgPath,
      holderNameMasked: maskName(user.name),
      holderIdMasked: maskedIdOf(user),
      holderBirthYear: user.birthYear,
      issuerOrgId: issuer.orgId,
      issuerOrgName: issuer.orgName,
      honourId: honour._id,
      honourTitle: honour.title,
      honourLevel: honour.level,
      status,
      statusReason: null,
      statusChangedAt: at,
      validFrom: validity?.validFrom ?? null,
      validUntil: validity?.validUntil ?? null,
      validUntilAt: validity?.validUntilAt ?? null,
      appliedAt: at,
      createdAt: at,
      updatedAt: at,
    };
    await tx.insert(C.cards, card);
    await tx.set<HolderDoc>(C.holders, { _id: user._id, cardId: card._id, updatedAt: at });
    await auditTx(tx, ctx, {
      targetType: 'greencard',
      targetId: card._id,
      summary: status === 'pending' ? `申领绿通卡 ${cardNo}` : `发放绿通卡 ${cardNo}（有效期至 ${card.validUntil}）`,
      changes: { status, userId: user._id, issuerOrgId: issuer.orgId, honourId: honour._id },
    });
    return card;
  });
}

export async function apply(ctx: HandlerContext): Promise<MyCardOutput> {
  const user = requireUser(ctx);
  const { issuer, result } = await eligibilityFor(ctx, user);
  const existing = await currentCard(ctx, user._id);
  if (existing && isOpen(existing.status)) throw new AppError('greencard.already_holding', OPEN_CARD_MESSAGE[existing.status]);
  if (!result.eligible || !issuer || !result.honour) {
    throw new AppError('greencard.not_eligible', result.reasons.join(''));
  }
  await createCard(ctx, user, issuer, result.honour, 'pending');
  return myCard(ctx);
}

async function managedCard(ctx: HandlerContext, cardId: string): Promise<CardDoc> {
  const card = await ctx.store.get<CardDoc>(C.cards, cardId);
  if (!card) throw notFound('没有找到这张绿通卡');
  if (!canManage(ctx.caller, card.holderOrgPath)) {
    const holder = await ctx.store.get<UserDoc>('users', card.userId);
    if (!holder || !canManage(ctx.caller, holder.orgPath)) throw forbidden('这张卡的持卡人不在您管理的工会范围内');
    await followTransfer(ctx, card, holder);
  }
  return card;
}

export async function changeCard(ctx: HandlerContext, cardId: string, action: CardAction, reason?: string): Promise<StaffCardRow> {
  const card = await managedCard(ctx, cardId);
  const status = nextStatus(card.status, action);
  const at = ctx.now.toISOString();
  const set: Record<string, string | null> = { status, updatedAt: at };
  if (status !== card.status) set.statusChangedAt = at;
  if (action === 'approve' || action === 'renew') {
    const issuer = await issuerFor(ctx.store, [card.issuerOrgId]);
    const months = issuer?.policy.validityMonths ?? 36;
    if (action === 'approve') Object.assign(set, validityOf(ctx.now, months));
    else Object.assign(set, renewedUntil(ctx.now, card.validUntil, months));
  }
  if (action === 'reject' || action === 'suspend' || action === 'revoke') set.statusReason = reason ?? null;
  if (action === 'reinstate' || action === 'approve') set.statusReason = null;
  // Conditional on the status we read: a concurrent change makes this one a conflict, never a lost update.
  const res = await ctx.store.update(C.cards, { _id: card._id, status: card.status, updatedAt: card.updatedAt }, { $set: set });
  if (res.matched === 0) throw new AppError('conflict', '这张卡刚刚被其他人修改过，请刷新后再试');
  const updated = { ...card, ...set } as CardDoc;
  await audit(ctx, {
    targetType: 'greencard',
    targetId: card._id,
    summary: `${actionLabel(action)}绿通卡 ${card.cardNo}${action === 'renew' || action === 'approve' ? `（有效期至 ${updated.validUntil}）` : ''}`,
    ...(reason ? { reason } : {}),
    changes: { from: card.status, to: status, ...(set.validUntil ? { validUntil: set.validUntil } : {}) },
  });
  return staffRowOf(updated, ctx.now);
}

export async function listCards(ctx: HandlerContext, input: { status?: CardDoc['status']; limit: number; offset: number }) {
  const filter: Filter = { ...scopeFilter(ctx.caller, 'holderOrgPath') };
  if (input.status) filter.status = input.status;
  const [cards, total] = await Promise.all([
    ctx.store.find<CardDoc>(C.cards, filter, { sort: { appliedAt: -1 }, limit: input.limit, skip: input.offset }),
    ctx.store.count(C.cards, filter),
  ]);
  return { cards: cards.map((c) => staffRowOf(c, ctx.now)), total };
}

/** Issues active cards to everyone eligible in the subtree who has no open card. Safe to repeat. */
export async function issueBatch(ctx: HandlerContext, input: { orgId?: string }) {
  let orgId = input.orgId ?? ctx.caller.staffOrg?._id;
  if (!orgId) throw new AppError('validation', '请选择发卡的工会范围', [{ path: ['orgId'], message: '请选择工会' }]);
  const org = await ctx.store.get<OrgDoc>('orgs', orgId);
  if (!org) throw notFound('没有找到这个工会');
  if (!canManage(ctx.caller, org.path)) throw forbidden('只能为本工会及下级工会的人员发卡');
  orgId = org._id;
  const cache = new Map<string, Issuer | null>();
  let issued = 0;
  let alreadyHolding = 0;
  let ineligible = 0;
  const cards: StaffCardRow[] = [];
  for (let skip = 0; ; skip += 1000) {
    const people = await ctx.store.find<UserDoc>('users', { orgPath: orgId, status: 'active' }, { sort: { _id: 1 }, limit: 1000, skip });
    for (const user of people) {
      if (user.honourIds.length === 0) continue;
      const { issuer, result } = await eligibilityFor(ctx, user, cache);
      if (!result.eligible || !issuer || !result.honour) {
        ineligible++;
        continue;
      }
      try {
        const card = await createCard(ctx, user, issuer, result.honour, 'active');
        issued++;
        if (cards.length < 100) cards.push(staffRowOf(card, ctx.now));
      } catch (e) {
        if (e instanceof AppError && e.code === 'greencard.already_holding') alreadyHolding++;
        else throw e;
      }
    }
    if (people.length < 1000) break;
  }
  await audit(ctx, {
    targetType: 'org',
    targetId: orgId,
    summary: `批量发放绿通卡：新发 ${issued} 张，已持卡 ${alreadyHolding} 人，不符合条件 ${ineligible} 人`,
  });
  return { issued, alreadyHolding, ineligible, cards };
}

const NOT_USABLE: Record<string, string> = {
  pending: '您的绿通卡还在审核中，批准后就能出示。',
  suspended: '您的绿通卡已暂停使用，请联系所在工会。',
  revoked: '您的绿通卡已注销，请联系所在工会。',
  rejected: '您的绿通卡申领未通过，请联系所在工会。',
};

export async function myCodes(ctx: HandlerContext): Promise<CodesOutput> {
  const user = requireUser(ctx);
  const card = await currentCard(ctx, user._id);
  if (!card) throw new AppError('greencard.no_card', '您还没有绿通卡，请先申领。');
  if (!isUsable(card, ctx.now)) {
    throw new AppError('greencard.card_not_usable', NOT_USABLE[card.status] ?? '您的绿通卡已过有效期，请联系所在工会续期。');
  }
  const keys = signingKeys(ctx.runtime.secrets);
  const from = windowOf(ctx.now.getTime());
  const codes = signBatch(keys[0], shortCodeKey(ctx.runtime.secrets), card.cardNo, from, BATCH_WINDOWS, Date.parse(card.validUntilAt!));
  return { cardNo: card.cardNo, serverNow: ctx.now.toISOString(), windowMs: WINDOW_MS, codes };
}

export async function myVisits(ctx: HandlerContext, limit: number): Promise<{ visits: VisitView[] }> {
  const user = requireUser(ctx);
  const visits = await ctx.store.find<VisitDoc>(C.visits, { userId: user._id }, { sort: { at: -1 }, limit });
  return { visits: visits.map((v) => ({ id: v._id, hospitalId: v.hospitalId, hospitalName: v.hospitalName, at: v.at, offline: v.offline })) };
}
