/** The hospital desk: sync for offline use, online verification, offline uploads, and staff visit statistics. */
import type { VerifierSyncOutput, VerifyOutput } from '../../../types/greencard.schema';
import { VERDICT_MESSAGES, VERDICT_TITLES, type Verdict, cardVerdict, visitIdOf, windowVerdict } from '../../../types/greencard.code';
import { HOSPITAL_TTL_MS, cachedGet } from '../../core/cache';
import { AppError } from '../../core/errors';
import { type FieldOps, type Filter, isStoreError } from '../../core/store/port';
import { type UserDoc, scopeFilter } from '../../core/users';
import type { HandlerContext, MemberContext, Input } from '../../core/context';
import { checkSigned, matchShortCode } from './codes';
import { type AttemptDoc, C, type CardDoc, type HospitalDoc, type VisitDoc, cardIdOf, partnerOf } from './docs';
import { publicKeysOf, shortCodeKey, signingKeys } from './keys';
import { localMonth } from './rules';

/** Wrong short codes a clerk may type per hour before being asked to scan instead. */
export const SHORT_CODE_FAILURES_PER_HOUR = 10;
/** Offline visits are accepted up to this long after they were recorded. */
export const OFFLINE_UPLOAD_MAX_AGE_MS = 7 * 24 * 3600_000;
const CLOCK_TOLERANCE_MS = 5 * 60_000;

/** The clerk's hospital: its settings change rarely, so a warm instance reads them once a minute. */
async function clerkHospital(ctx: HandlerContext): Promise<HospitalDoc> {
  const id = ctx.caller.user?.hospitalId;
  const hospital = id ? await cachedGet<HospitalDoc>(ctx.store, C.hospitals, id, HOSPITAL_TTL_MS) : null;
  if (!hospital) throw new AppError('greencard.no_hospital', '您的账号还没有绑定合作医院，请联系工会');
  return hospital;
}

export async function verifierSync(ctx: HandlerContext): Promise<VerifierSyncOutput> {
  const hospital = await clerkHospital(ctx);
  const keys = publicKeysOf(signingKeys(ctx.runtime.secrets));
  const cards: VerifierSyncOutput['cards'] = [];
  for (let skip = 0; skip < 50_000; skip += 1000) {
    const page = await ctx.store.find<CardDoc>(
      C.cards,
      { issuerOrgId: { $in: hospital.honouredOrgIds }, status: { $in: ['active', 'suspended', 'revoked'] } },
      { sort: { _id: 1 }, limit: 1000, skip },
    );
    // A holder registered as deceased makes the card void, offline too.
    const deceased = new Set(
      (await ctx.store.find<UserDoc>('users', { _id: { $in: [...new Set(page.map((c) => c.userId))] }, status: 'deceased' }, { limit: 1000, projection: { status: 1 } })).map((u) => u._id),
    );
    for (const c of page) {
      cards.push({
        cardNo: c.cardNo,
        status: deceased.has(c.userId) ? 'revoked' : c.status,
        nameMasked: c.holderNameMasked,
        honourTitle: c.honourTitle,
        birthYear: c.holderBirthYear,
        validUntilAt: c.validUntilAt ?? new Date(0).toISOString(),
      });
    }
    if (page.length < 1000) break;
  }
  return { hospital: partnerOf(hospital), keys, cards, syncedAt: ctx.now.toISOString() };
}

function answer(ctx: HandlerContext, verdict: Verdict, extra: Partial<VerifyOutput> = {}): VerifyOutput {
  return {
    verdict,
    title: VERDICT_TITLES[verdict],
    message: VERDICT_MESSAGES[verdict],
    checkedAt: ctx.now.toISOString(),
    card: null,
    priorities: [],
    visitId: null,
    repeat: false,
    ...extra,
  };
}

/**
 * The card's verdict at `atMs` for this hospital, checked in an order that leaks nothing: a hospital that does not
 * honour the card learns only that; then the card's state; then the code's window.
 */
async function judge(ctx: HandlerContext, hospital: HospitalDoc, cardNo: string, window: number, atMs: number) {
  const card = await ctx.store.get<CardDoc>(C.cards, cardIdOf(cardNo));
  if (!card) return { verdict: 'unknown_card' as Verdict, card: null };
  if (!hospital.honouredOrgIds.includes(card.issuerOrgId)) return { verdict: 'not_honoured' as Verdict, card: null };
  const holder = await ctx.store.get<UserDoc>('users', card.userId);
  const state = holder?.status === 'deceased' ? 'revoked' : cardVerdict(card.status, card.validUntilAt ?? new Date(0).toISOString(), atMs);
  return { verdict: (state ?? windowVerdict(window, atMs) ?? 'valid') as Verdict, card };
}

function checkedCardOf(card: CardDoc) {
  return { cardNo: card.cardNo, nameMasked: card.holderNameMasked, honourTitle: card.honourTitle, birthYear: card.holderBirthYear };
}

async function recordVisit(ctx: HandlerContext, hospital: HospitalDoc, card: CardDoc, window: number, at: string, offline: boolean): Promise<{ id: string; repeat: boolean }> {
  const visit: VisitDoc = {
    _id: visitIdOf(card.cardNo, window, hospital._id),
    cardId: card._id,
    cardNo: card.cardNo,
    userId: card.userId,
    holderOrgPath: card.holderOrgPath,
    hospitalId: hospital._id,
    hospitalName: hospital.name,
    clerkId: ctx.caller.user?._id ?? null,
    window,
    at,
    month: localMonth(at),
    offline,
    recordedAt: ctx.now.toISOString(),
  };
  try {
    await ctx.store.insert(C.visits, visit);
    return { id: visit._id, repeat: false };
  } catch (e) {
    if (isStoreError(e, 'duplicate')) return { id: visit._id, repeat: true };
    throw e;
  }
}

/** Short-code tries are counted per person (a shared clerk account would share its limit) and per hour. */
function hourKey(ctx: MemberContext): string {
  return `${ctx.caller.user._id}_${Math.floor(ctx.now.getTime() / 3600_000)}`;
}

/**
 * Takes one short-code try, atomically: one conditional increment while under the limit, so concurrent tries can
 * never exceed it (no read-then-increment). A matching code gives its try back.
 */
async function takeShortCodeTry(ctx: MemberContext): Promise<boolean> {
  const id = hourKey(ctx);
  for (let attempt = 0; attempt < 2; attempt++) {
    const took = await ctx.store.update(C.attempts, { _id: id, n: { $lt: SHORT_CODE_FAILURES_PER_HOUR } }, { $inc: { n: 1 } });
    if (took.matched === 1) return true;
    try {
      await ctx.store.insert<AttemptDoc>(C.attempts, { _id: id, n: 1, hour: Math.floor(ctx.now.getTime() / 3600_000) });
      return true;
    } catch (e) {
      if (!isStoreError(e, 'duplicate')) throw e;
    }
  }
  return false;
}

async function giveBackShortCodeTry(ctx: MemberContext): Promise<void> {
  await ctx.store.update(C.attempts, { _id: hourKey(ctx), n: { $gt: 0 } }, { $inc: { n: -1 } });
}

export async function verify(ctx: MemberContext, input: Input<'greencard', 'verify'>): Promise<VerifyOutput> {
  const hospital = await clerkHospital(ctx);
  // The clerk checked the code when the request was first made: a retry (the first call died) is judged at that time.
  const nowMs = (ctx.retry && ctx.requestedAt ? ctx.requestedAt : ctx.now).getTime();
  let cardNo: string;
  let window: number;
  if (input.shortCode !== undefined) {
    if (!(await takeShortCodeTry(ctx))) throw new AppError('rate_limited', '短码输错次数太多，请改用扫码，或一小时后再试');
    const match = matchShortCode(shortCodeKey(ctx.runtime.secrets), input.shortCode, nowMs);
    if (!match) return answer(ctx, 'wrong_short_code');
    await giveBackShortCodeTry(ctx);
    ({ cardNo, window } = match);
  } else {
    const signed = checkSigned(input.code ?? '', signingKeys(ctx.runtime.secrets));
    if (!signed.ok) return answer(ctx, signed.verdict);
    ({ cardNo, window } = signed);
  }
  const { verdict, card } = await judge(ctx, hospital, cardNo, window, nowMs);
  // Nobody verifies their own card: a clerk who is also a model worker is served by a colleague.
  if (card && card.userId === ctx.caller.user._id) throw new AppError('auth.forbidden', '不能核验自己的绿通卡，请由其他工作人员核验');
  if (verdict !== 'valid' || !card) return answer(ctx, verdict, card ? { card: checkedCardOf(card) } : {});
  const visit = await recordVisit(ctx, hospital, card, window, ctx.now.toISOString(), false);
  return answer(ctx, 'valid', {
    card: checkedCardOf(card),
    priorities: hospital.priorities,
    visitId: visit.id,
    repeat: visit.repeat,
    ...(visit.repeat ? { message: `${VERDICT_MESSAGES.valid}（这个码刚才已核验过，不重复记录就诊）` } : {}),
  });
}

/**
 * Visits the verify page accepted while offline. Each code is checked again here — signature, hospital, and the
 * code's window at the moment it was checked — and recorded once per code (the visit id is deterministic).
 */
export async function uploadVisits(ctx: HandlerContext, input: Input<'greencard', 'uploadVisits'>) {
  const hospital = await clerkHospital(ctx);
  const keys = signingKeys(ctx.runtime.secrets);
  const nowMs = ctx.now.getTime();
  let accepted = 0;
  let duplicates = 0;
  const rejected: { index: number; verdict: Verdict }[] = [];
  for (const [index, v] of input.visits.entries()) {
    const atMs = Date.parse(v.checkedAt);
    if (atMs > nowMs + CLOCK_TOLERANCE_MS || atMs < nowMs - OFFLINE_UPLOAD_MAX_AGE_MS) {
      rejected.push({ index, verdict: 'expired_code' });
      continue;
    }
    const signed = checkSigned(v.code, keys);
    if (!signed.ok) {
      rejected.push({ index, verdict: signed.verdict });
      continue;
    }
    const { verdict, card } = await judge(ctx, hospital, signed.cardNo, signed.window, atMs);
    // A card suspended or revoked after the offline check was still good when the clerk accepted it.
    const changedLater = card && card.status !== 'active' && Date.parse(card.statusChangedAt) > atMs;
    const effective = changedLater ? windowVerdict(signed.window, atMs) ?? 'valid' : verdict;
    if (effective !== 'valid' || !card) {
      rejected.push({ index, verdict: effective });
      continue;
    }
    const visit = await recordVisit(ctx, hospital, card, signed.window, new Date(atMs).toISOString(), true);
    if (visit.repeat) duplicates++;
    else accepted++;
  }
  return { accepted, duplicates, rejected };
}

export async function visitStats(ctx: HandlerContext, input: Input<'greencard', 'visitStats'>) {
  const filter: Filter = { ...scopeFilter(ctx.caller, 'holderOrgPath') };
  const range: FieldOps = {};
  if (input.from) range.$gte = input.from;
  if (input.to) range.$lte = input.to;
  if (Object.keys(range).length > 0) filter.month = range;
  const counts = new Map<string, { hospitalId: string; hospitalName: string; month: string; visits: number }>();
  let total = 0;
  for (let skip = 0; skip < 100_000; skip += 1000) {
    const page = await ctx.store.find<VisitDoc>(C.visits, filter, { sort: { _id: 1 }, limit: 1000, skip, projection: { hospitalId: 1, hospitalName: 1, month: 1 } });
    for (const v of page) {
      const key = `${v.hospitalId}|${v.month}`;
      const row = counts.get(key) ?? { hospitalId: v.hospitalId, hospitalName: v.hospitalName, month: v.month, visits: 0 };
      row.visits++;
      total++;
      counts.set(key, row);
    }
    if (page.length < 1000) break;
  }
  const rows = [...counts.values()].sort((a, b) => b.month.localeCompare(a.month) || a.hospitalName.localeCompare(b.hospitalName, 'zh'));
  return { rows, total };
}
