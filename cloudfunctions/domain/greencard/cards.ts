/** Cards: applying, issuing (one or a whole subtree), the staff state changes, and the holder's own views. */
import type { CodesOutput, EligibilityView, MyCardOutput, StaffCardRow, VisitView } from '../../../types/greencard.schema';
import { BATCH_WINDOWS, WINDOW_MS, cardNoOfSeq, windowOf } from '../../../types/greencard.code';
import { type CardEvent, cardWorkflow } from '../../../types/greencard.workflow';
import { type Authority, authorityOf, covers, mayDecideAtLevel, require } from '../../core/authority';
import { auditOnce, auditTx } from '../../core/audit';
import { landed } from '../../core/requests';
import type { HandlerContext, MemberContext, Input } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import type { DocValue, Filter } from '../../core/store/port';
import { type OrgDoc, type UserDoc, scopeFilter } from '../../core/users';
import { auditIdOf, firstHistory, move, nextEvents } from '../../core/workflow';
import type { HonourDoc } from '../account/honours';
import { maskName, maskedIdOf } from '../account/identity';
import { C, type CardDoc, type CounterDoc, type HolderDoc, type VisitDoc, cardIdOf, holderCardOf, isUsable, partnerOf, staffRowOf } from './docs';
import { signBatch } from './codes';
import { shortCodeKey, signingKeys } from './keys';
import { type Issuer, hospitalsHonouring, issuerFor } from './partners';
import { type Eligibility, badTransition, eligibilityOf, isOpen, renewedUntil, validityOf } from './rules';

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

/** After a transfer between unions, the card follows its holder into the new union's staff scope. */
async function followTransfer(ctx: HandlerContext, card: CardDoc, user: UserDoc): Promise<void> {
  if (card.holderOrgPath.join('/') === user.orgPath.join('/')) return;
  await ctx.store.update(C.cards, { _id: card._id }, { $set: { holderOrgPath: user.orgPath } });
  card.holderOrgPath = user.orgPath;
}

export async function myCard(ctx: MemberContext): Promise<MyCardOutput> {
  const user = ctx.caller.user;
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
  ctx: MemberContext,
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
      version: 1,
      history: [firstHistory(ctx, status, status === 'pending' ? '本人申领' : '批量发卡')],
      decision: null,
    };
    await tx.insert(C.cards, card);
    await tx.set<HolderDoc>(C.holders, { _id: user._id, cardId: card._id, updatedAt: at });
    await auditTx(tx, ctx, {
      id: auditIdOf(C.cards, card._id, 1),
      action: `greencard.${status === 'pending' ? 'apply' : 'issue'}`,
      targetType: 'greencard',
      targetId: card._id,
      summary: status === 'pending' ? `申领绿通卡 ${cardNo}` : `发放绿通卡 ${cardNo}（有效期至 ${card.validUntil}）`,
      changes: { status, userId: user._id, issuerOrgId: issuer.orgId, honourId: honour._id },
    });
    return card;
  });
}

export async function apply(ctx: MemberContext): Promise<MyCardOutput> {
  const user = ctx.caller.user;
  const { issuer, result } = await eligibilityFor(ctx, user);
  const existing = await currentCard(ctx, user._id);
  if (existing && isOpen(existing.status)) {
    if (await landed(ctx)) return myCard(ctx);
    throw new AppError('greencard.already_holding', OPEN_CARD_MESSAGE[existing.status]);
  }
  if (!result.eligible || !issuer || !result.honour) {
    throw new AppError('greencard.not_eligible', result.reasons.join(''));
  }
  await createCard(ctx, user, issuer, result.honour, 'pending');
  return myCard(ctx);
}

/** A card, with its holder's transfer followed (the card moves into the new union's staff scope). */
async function cardById(ctx: MemberContext, cardId: string): Promise<CardDoc> {
  const card = await ctx.store.get<CardDoc>(C.cards, cardId);
  if (!card) throw notFound('没有找到这张绿通卡');
  const holder = await ctx.store.get<UserDoc>('users', card.userId);
  if (holder) await followTransfer(ctx, card, holder);
  return card;
}

/** What this caller may do to the card now (the staff page shows exactly these actions). */
export function cardActions(authority: Authority, card: CardDoc): Promise<CardEvent[]> {
  return nextEvents(authority, cardWorkflow, card);
}

/**
 * A staff decision on a card, through the declared workflow: managed by staff inside the issuing org's subtree who
 * cover the holder's union, at county level or above; a suspension is lifted only by its org or one above.
 */
export async function changeCard(ctx: MemberContext, cardId: string, event: CardEvent, reason?: string): Promise<StaffCardRow> {
  const card = await cardById(ctx, cardId);
  const set: Record<string, DocValue> = {};
  if (event === 'approve' || event === 'renew') {
    const issuer = await issuerFor(ctx.store, [card.issuerOrgId]);
    const months = issuer?.policy.validityMonths ?? 36;
    Object.assign(set, event === 'approve' ? validityOf(ctx.now, months) : renewedUntil(ctx.now, card.validUntil, months));
  }
  if (event === 'reject' || event === 'suspend' || event === 'revoke') set.statusReason = reason ?? null;
  if (event === 'reinstate' || event === 'approve') set.statusReason = null;
  if (cardWorkflow.events[event].to !== card.status) set.statusChangedAt = ctx.now.toISOString();
  const updated = await move(ctx, cardWorkflow, C.cards, card, event, {
    set,
    ...(reason ? { reason } : {}),
    summary: `${cardWorkflow.events[event].label}绿通卡 ${card.cardNo}${event === 'renew' || event === 'approve' ? `（有效期至 ${set.validUntil}）` : ''}`,
    changes: { ...(set.validUntil ? { validUntil: set.validUntil } : {}) },
    wrongState: () => badTransition(card.status, event),
  });
  return staffRowOf(updated, ctx.now, await cardActions(authorityOf(ctx), updated));
}

export async function listCards(ctx: MemberContext, input: Input<'greencard', 'listCards'>) {
  const filter: Filter = { ...scopeFilter(ctx.caller, 'holderOrgPath') };
  if (input.status) filter.status = input.status;
  const [cards, total] = await Promise.all([
    ctx.store.find<CardDoc>(C.cards, filter, { sort: { appliedAt: -1 }, limit: input.limit, skip: input.offset }),
    ctx.store.count(C.cards, filter),
  ]);
  const authority = authorityOf(ctx);
  const rows: StaffCardRow[] = [];
  for (const c of cards) rows.push(staffRowOf(c, ctx.now, await cardActions(authority, c)));
  return { cards: rows, total };
}

/**
 * Issues active cards to everyone eligible in the subtree who has no open card — at county level or above, never to
 * oneself or to people the caller may not act on (a superior's account). Safe to repeat.
 */
export async function issueBatch(ctx: MemberContext, input: Input<'greencard', 'issueBatch'>) {
  let orgId = input.orgId ?? ctx.caller.staffOrg?._id;
  if (!orgId) throw new AppError('validation', '请选择发卡的工会范围', [{ path: ['orgId'], message: '请选择工会' }]);
  const org = await ctx.store.get<OrgDoc>('orgs', orgId);
  if (!org) throw notFound('没有找到这个工会');
  if (!covers(ctx.caller, org.path)) throw new AppError('auth.forbidden', '只能为本工会及下级工会的人员发卡');
  require(mayDecideAtLevel(ctx.caller, 'county', '绿通卡'));
  const authority = authorityOf(ctx);
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
      if (!(await authority.mayActOnPerson(user)).ok) {
        ineligible++;
        continue;
      }
      const { issuer, result } = await eligibilityFor(ctx, user, cache);
      // A card is issued only by staff inside its issuing org's subtree.
      if (issuer && !authority.caller.roles.includes('admin') && !(ctx.caller.staffOrg?.path ?? []).includes(issuer.orgId)) {
        ineligible++;
        continue;
      }
      if (!result.eligible || !issuer || !result.honour) {
        ineligible++;
        continue;
      }
      try {
        const card = await createCard(ctx, user, issuer, result.honour, 'active');
        issued++;
        if (cards.length < 100) cards.push(staffRowOf(card, ctx.now, await cardActions(authority, card)));
      } catch (e) {
        if (e instanceof AppError && e.code === 'greencard.already_holding') alreadyHolding++;
        else throw e;
      }
    }
    if (people.length < 1000) break;
  }
  await auditOnce(ctx, {
    ...(ctx.requestId ? { id: `a_batch_${ctx.requestId}` } : {}),
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

export async function myCodes(ctx: MemberContext): Promise<CodesOutput> {
  const user = ctx.caller.user;
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

export async function myVisits(ctx: MemberContext, limit: number): Promise<{ visits: VisitView[] }> {
  const user = ctx.caller.user;
  const visits = await ctx.store.find<VisitDoc>(C.visits, { userId: user._id }, { sort: { at: -1 }, limit });
  return { visits: visits.map((v) => ({ id: v._id, hospitalId: v.hospitalId, hospitalName: v.hospitalName, at: v.at, offline: v.offline })) };
}
