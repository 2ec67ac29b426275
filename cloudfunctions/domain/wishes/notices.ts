/**
 * What 微心愿 tells people, as notice drafts (core/notices.ts) carried by the workflow moves that cause them: vetted
 * (to the collector and the household), claimed (to the household's union staff and the household), about to expire
 * and released (to the volunteer; a release also to the union staff, the wish being stuck), given back (to the union
 * staff), delivered (to whoever confirms), completed with points, disputed and thanked (to the volunteer), fulfilled
 * by the union (to the household). Notices to others name the household by its masked surname only. The message
 * centre shows the title and body; WeChat templates take `fields` by their sources (`subject`, `outcome`,
 * `deadline`, `date`, `note`: types/notice-templates.ts), formatted within WeChat's limits by the sender.
 */
import { formatInstant } from '../../../types/time';
import type { NoticeDraft } from '../../core/notices';
import type { WishDoc } from './model';

export const WISH_NOTICE_KINDS = [
  'wish_vetted', 'wish_claimed', 'wish_expiring', 'wish_released', 'wish_stuck', 'wish_given_back', 'wish_delivered', 'wish_completed', 'wish_fulfilled', 'wish_disputed', 'wish_thanked',
] as const;
export type WishNoticeKind = (typeof WISH_NOTICE_KINDS)[number];

export const wishLink = (id: string) => `/pkg-wishes/detail/index?wishId=${id}`;

/** Values for the subscribe-message templates (types/notice-templates.ts `FieldSource`): the sender formats them. */
interface Fields {
  outcome?: string;
  note?: string;
  deadline?: string;
  date?: string;
}

function draft(userId: string, kind: WishNoticeKind, w: Pick<WishDoc, '_id' | 'title'>, title: string, body: string, fields: Fields = {}): NoticeDraft {
  const values = Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;
  return { userId, kind, title, body, link: wishLink(w._id), fields: { subject: `微心愿：${w.title}`, ...values } };
}

/** Each person once, in order. */
function people(...ids: (string | null | undefined)[]): string[] {
  return [...new Set(ids.filter((x): x is string => !!x))];
}

export function vettedNotices(w: WishDoc, decision: 'approve' | 'return' | 'reject', reason?: string): NoticeDraft[] {
  const text = { approve: '已通过审核，发布到心愿池', return: `被退回修改：${reason ?? ''}`, reject: `未通过审核：${reason ?? ''}` }[decision];
  const outcome = { approve: '已通过', return: '退回修改', reject: '未通过' }[decision];
  return people(w.collectedBy, w.householdUserId).map((u) => draft(u, 'wish_vetted', w, `心愿审核结果：${w.title}`, `心愿“${w.title}”${text}`, { outcome, note: decision === 'approve' ? '已发布到心愿池，等待志愿者认领' : reason }));
}

/** To the household's union staff (the handover) and the household itself. */
export function claimedNotices(w: WishDoc, dueAt: string): NoticeDraft[] {
  const staff = w.unionStaffIds.filter((u) => u !== w.householdUserId);
  const fields = { outcome: '已认领', deadline: dueAt, note: `约定${formatInstant(dueAt)}前送达` };
  return [
    ...people(...staff).map((u) => draft(u, 'wish_claimed', w, `心愿已被认领：${w.title}`, `${w.surnameMasked}家的心愿“${w.title}”已被志愿者认领，约定 ${formatInstant(dueAt)} 前送达，请留意交接。`, fields)),
    ...people(w.householdUserId).map((u) => draft(u, 'wish_claimed', w, `您家的心愿有人认领了：${w.title}`, `心愿“${w.title}”已有志愿者认领，约定 ${formatInstant(dueAt)} 前送达，工会会与您联系交接。`, fields)),
  ];
}

export function expiringNotice(w: WishDoc, volunteerId: string, dueAt: string): NoticeDraft {
  return draft(volunteerId, 'wish_expiring', w, `认领的心愿快到期了：${w.title}`, `请在 ${formatInstant(dueAt)} 前送达并上传照片；逾期未送达，心愿会回到心愿池。不能送达时请尽早放弃认领。`, {
    outcome: '快到期', deadline: dueAt, date: dueAt, note: '逾期未送达，心愿会回到心愿池',
  });
}

export function releasedNotice(w: WishDoc, volunteerId: string): NoticeDraft {
  return draft(volunteerId, 'wish_released', w, `认领已到期释放：${w.title}`, `心愿“${w.title}”超过送达期限没有送达，已回到心愿池，由工会跟进。`, { outcome: '已释放', note: '超过送达期限，心愿已回到心愿池' });
}

/** To the household's union staff: a claim ran out, the wish is back in the pool (stuck) and needs following up. */
export function stuckNotices(w: WishDoc, volunteerId: string): NoticeDraft[] {
  return people(...w.unionStaffIds).filter((u) => u !== volunteerId).map((u) =>
    draft(u, 'wish_stuck', w, `心愿认领超期未送达：${w.title}`, `${w.surnameMasked}家的心愿“${w.title}”认领后超过送达期限没有送达，已回到心愿池（第 ${w.releases + 1} 次）。请跟进：联系志愿者，或由工会直接帮助完成。`, {
      outcome: '滞留', note: '认领超期未送达，请跟进',
    }));
}

/** To the household's union staff: the volunteer gave the claim back. */
export function givenBackNotices(w: WishDoc, volunteerId: string, reason: string): NoticeDraft[] {
  return people(...w.unionStaffIds).filter((u) => u !== volunteerId).map((u) =>
    draft(u, 'wish_given_back', w, `志愿者放弃了认领：${w.title}`, `${w.surnameMasked}家的心愿“${w.title}”的志愿者放弃了认领（${reason}），心愿已回到心愿池。`, { outcome: '回到心愿池', note: `放弃原因：${reason}` }));
}

export function deliveredNotices(w: WishDoc): NoticeDraft[] {
  return people(...w.unionStaffIds, w.householdUserId).map((u) => draft(u, 'wish_delivered', w, `心愿已送达，请确认：${w.title}`, `志愿者已送达心愿“${w.title}”并上传了照片，请确认是否收到。`, { outcome: '已送达', note: '请确认是否收到' }));
}

export function completedNotice(w: WishDoc, volunteerId: string, points: number): NoticeDraft {
  return draft(volunteerId, 'wish_completed', w, `心愿已完成：${w.title}`, `${w.surnameMasked}家已确认收到“${w.title}”，您获得 ${points} 志愿积分，谢谢您！`, { outcome: '已完成', note: `获得${points}志愿积分` });
}

/** To the household: its wish was fulfilled by the union directly. */
export function fulfilledNotices(w: WishDoc): NoticeDraft[] {
  return people(w.householdUserId).map((u) => draft(u, 'wish_fulfilled', w, `心愿已完成：${w.title}`, `您家的心愿“${w.title}”由工会直接帮助完成了，工会会与您联系送达。`, { outcome: '已完成', note: '由工会直接帮助完成' }));
}

export function disputedNotice(w: WishDoc, volunteerId: string, reason: string): NoticeDraft {
  return draft(volunteerId, 'wish_disputed', w, `心愿还没有确认收到：${w.title}`, `工会或家庭反映：${reason}。请与工会联系人核实后重新送达。`, { outcome: '未确认', note: reason });
}

export function thankedNotice(w: WishDoc, volunteerId: string): NoticeDraft {
  return draft(volunteerId, 'wish_thanked', w, `收到一句感谢：${w.title}`, `${w.surnameMasked}家给您留了一句感谢的话，点开看看。`, { outcome: '收到感谢', note: '点开看看家庭留给您的话' });
}
