/**
 * What the green card tells its holder (ADR 0014): issued (approved, or issued in a batch), an application not
 * approved, suspended, reinstated, revoked, renewed — with the move that does it — and, 30 days before it runs out,
 * that it is due for renewal (a timer, once per card and expiry date).
 */
import type { CardEvent } from '../../../types/greencard.workflow';
import { addLocalDays, formatDate, localDateOf } from '../../../types/time';
import type { HandlerContext } from '../../core/context';
import { type NoticeDraft, dueNotice, remindPass, writeDueNotices } from '../../core/notices';
import { C, type CardDoc } from './docs';

const CARD_PAGE = '/pkg-greencard/card/index';
export const RENEWAL_NOTICE_DAYS = 30;

const KIND: Record<CardEvent, string> = {
  approve: 'card_issued',
  reject: 'card_rejected',
  suspend: 'card_suspended',
  reinstate: 'card_reinstated',
  revoke: 'card_revoked',
  renew: 'card_renewed',
};

/** The holder's notice for a decision on their card. */
export function cardNotice(card: Pick<CardDoc, 'userId' | 'cardNo'>, event: CardEvent, validUntil: string | null, reason?: string): NoticeDraft {
  const until = validUntil ? `，有效期至 ${formatDate(validUntil)}` : '';
  const why = reason ? `原因：${reason}。` : '';
  const text: Record<CardEvent, [string, string, string]> = {
    approve: ['您的医疗绿通卡已发放', `卡号 ${card.cardNo}${until}。就医时在“医疗绿通”中出示即可享受优先服务。`, '已发放'],
    reject: ['您的医疗绿通卡申领未通过', `${why}如有疑问请联系所在工会。`, '未通过'],
    suspend: ['您的医疗绿通卡已暂停使用', `${why}暂停期间不能在医院使用，请联系所在工会。`, '已暂停'],
    reinstate: ['您的医疗绿通卡已恢复使用', `卡号 ${card.cardNo}${until}，可以正常出示使用。`, '已恢复'],
    revoke: ['您的医疗绿通卡已注销', `${why}如有疑问请联系所在工会。`, '已注销'],
    renew: ['您的医疗绿通卡已续期', `卡号 ${card.cardNo}${until}。`, '已续期'],
  };
  const [title, body, outcome] = text[event];
  return { userId: card.userId, kind: KIND[event], title, body, link: CARD_PAGE, fields: { subject: '医疗绿通卡', outcome, note: reason ?? body } };
}

/** Cards that run out within 30 days are told once per card and expiry date. Hourly; idempotent. */
export async function remindRenewals(ctx: HandlerContext): Promise<{ due: number; written: number }> {
  const today = localDateOf(ctx.now);
  const last = addLocalDays(today, RENEWAL_NOTICE_DAYS);
  let due = 0;
  const written = await remindPass(ctx.store, 'card_renewal_due', today, ctx.now, async (since) => {
    let n = 0;
    for (let skip = 0; skip < 50_000; skip += 500) {
      const filter = { status: 'active', validUntil: { $gte: today, $lte: last }, ...(since ? { updatedAt: { $gte: since } } : {}) };
      const page = await ctx.store.find<CardDoc>(C.cards, filter, { sort: { _id: 1 }, limit: 500, skip });
      due += page.length;
      n += await writeDueNotices(
        ctx.store,
        page.map((card) =>
          dueNotice(ctx, 'card_renewal_due', `${card._id}:${card.validUntil}`, `${C.cards}:${card._id}`, {
            userId: card.userId,
            title: '您的医疗绿通卡即将到期',
            body: `卡号 ${card.cardNo} 的有效期到 ${formatDate(card.validUntil)}，请及时联系所在工会办理续期。`,
            link: CARD_PAGE,
            fields: { subject: '医疗绿通卡续期', date: card.validUntil!, note: '请及时联系所在工会续期' },
          }),
        ),
        ctx,
      );
      if (page.length < 500) break;
    }
    return n;
  });
  return { due, written };
}
