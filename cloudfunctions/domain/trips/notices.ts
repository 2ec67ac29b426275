/**
 * What 疗休养 tells people (ADR 0014): an offered place with its deadline, the review's result, the draw's result,
 * moving up to first in the waiting list, and the day before departure. Drafts travel with the workflow move that
 * causes them; the waiting-list and departure notices belong to a due item and have ids derived from it.
 */
import { addLocalDays, formatDate, formatInstant, localDateOf } from '../../../types/time';
import type { HandlerContext } from '../../core/context';
import { type NoticeDraft, dueNotice, remindPass, writeDueNotices } from '../../core/notices';
import { C, type SignupDoc, type TripDoc } from './model';

const MINE = '/pkg-trips/mine/index';

export function offerNotice(trip: TripDoc, s: SignupDoc, expires: string): NoticeDraft {
  return {
    userId: s.userId,
    kind: 'trip_offer',
    title: `疗休养有空出的名额：${trip.title}`,
    body: `请在 ${formatInstant(expires)} 前确认是否参加，逾期名额将顺延给下一位。`,
    link: MINE,
    fields: { subject: trip.title, deadline: expires, note: '请按时确认，逾期顺延给下一位' },
  };
}

export function reviewNotice(trip: TripDoc, s: SignupDoc, approved: boolean, reason?: string): NoticeDraft {
  return {
    userId: s.userId,
    kind: 'trip_review',
    title: approved ? `报名审核通过：${trip.title}` : `报名审核未通过：${trip.title}`,
    body: approved ? `您报名的 ${formatDate(s.departDate)} 出发的疗休养已通过工会审核，报名成功。` : `工会审核未通过，原因：${reason ?? '未说明'}。如有疑问请联系所在工会。`,
    link: MINE,
    fields: { subject: trip.title, outcome: approved ? '审核通过' : '未通过', note: approved ? `${formatDate(s.departDate)}出发` : reason ?? '' },
  };
}

export function drawNotice(trip: TripDoc, s: SignupDoc, won: boolean, rank: number): NoticeDraft {
  const review = won && trip.needsReview;
  return {
    userId: s.userId,
    kind: 'trip_draw',
    title: won ? `抽签中签：${trip.title}` : `抽签未中签：${trip.title}`,
    body: won
      ? `您在抽签中排第 ${rank} 位，已中签${review ? '，等待工会审核' : '，报名成功'}。`
      : `您在抽签中排第 ${rank} 位，未中签，已按抽签顺序进入候补。有人取消时会通知您。`,
    link: MINE,
    fields: { subject: trip.title, outcome: won ? '中签' : '未中签', note: won ? (review ? '等待工会审核' : '报名成功') : `候补，抽签第${rank}位` },
  };
}

/**
 * When someone ahead of the first waiting person left the queue (an offer, a cancellation), that person is told they
 * are next — once per round of their sign-up (the id is derived from it).
 */
export async function notifyFirstInLine(ctx: HandlerContext, trip: TripDoc, sessionId: string): Promise<number> {
  const [first] = await ctx.store.find<SignupDoc>(C.signups, { sessionId, status: 'waiting' }, { sort: { waitNo: 1 }, limit: 1 });
  if (!first || first.waitNo === null) return 0;
  const ahead = await ctx.store.count(C.signups, { sessionId, waitNo: { $lt: first.waitNo } });
  if (ahead === 0) return 0;
  const doc = dueNotice(ctx, 'trip_first_in_line', `${first._id}:r${first.round}`, `${C.signups}:${first._id}`, {
    userId: first.userId,
    title: `候补排到第 1 位：${trip.title}`,
    body: `您已是 ${formatDate(first.departDate)} 出发这一期的候补第 1 位，有人取消时名额会先给您，请留意消息并按时确认。`,
    link: MINE,
    fields: { subject: trip.title, deadline: ctx.now.toISOString(), note: '您已是候补第1位，请留意消息' },
  });
  return writeDueNotices(ctx.store, [doc], ctx);
}

/** The day before departure (Asia/Shanghai), every confirmed traveller is reminded once. Hourly; idempotent. */
export async function remindDepartures(ctx: HandlerContext): Promise<{ due: number; written: number }> {
  const tomorrow = addLocalDays(localDateOf(ctx.now), 1);
  let due = 0;
  const written = await remindPass(ctx.store, 'trip_departure', tomorrow, ctx.now, async (since) => {
    const trips = new Map<string, TripDoc | null>();
    let written = 0;
    for (let skip = 0; skip < 50_000; skip += 500) {
      const filter = { departDate: tomorrow, status: 'confirmed', ...(since ? { updatedAt: { $gte: since } } : {}) };
      const page = await ctx.store.find<SignupDoc>(C.signups, filter, { sort: { _id: 1 }, limit: 500, skip });
      due += page.length;
      const docs = [];
      for (const s of page) {
        if (!trips.has(s.tripId)) trips.set(s.tripId, await ctx.store.get<TripDoc>(C.trips, s.tripId));
        const trip = trips.get(s.tripId);
        if (!trip) continue;
        const session = trip.sessions.find((x) => x.id === s.sessionId);
        docs.push(
          dueNotice(ctx, 'trip_departure', `${s._id}:${s.departDate}`, `${C.signups}:${s._id}`, {
            userId: s.userId,
            title: `明天出发：${trip.title}`,
            body: `您报名的疗休养（${session?.label ?? ''}）明天 ${formatDate(s.departDate)} 出发，请带好身份证件和常用药品，按时到达集合地点。`,
            link: MINE,
            fields: { subject: trip.title, date: s.departDate, note: '请带好证件和常用药品' },
          }),
        );
      }
      written += await writeDueNotices(ctx.store, docs, ctx);
      if (page.length < 500) break;
    }
    return written;
  });
  return { due, written };
}
