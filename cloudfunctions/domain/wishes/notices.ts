/**
 * What 微心愿 tells people, as notice drafts (core/notices.ts) carried by the workflow moves that cause them: vetted
 * (to the collector), claimed (to the household's union staff), about to expire and released (to the volunteer),
 * delivered (to whoever confirms), completed with points (to the volunteer) — and disputed and thanked (to the
 * volunteer). The message centre shows the title and body; WeChat templates take `fields` (thing ≤ 20 characters).
 */
import { formatInstant } from '../../../types/time';
import type { NoticeDraft } from '../../core/notices';
import type { WishDoc } from './model';

export const WISH_NOTICE_KINDS = ['wish_vetted', 'wish_claimed', 'wish_expiring', 'wish_released', 'wish_delivered', 'wish_completed', 'wish_disputed', 'wish_thanked'] as const;
export type WishNoticeKind = (typeof WISH_NOTICE_KINDS)[number];

export const wishLink = (id: string) => `/pkg-wishes/detail/index?wishId=${id}`;

const thing = (s: string) => (s.length > 20 ? `${s.slice(0, 19)}…` : s);

function draft(userId: string, kind: WishNoticeKind, w: Pick<WishDoc, '_id' | 'title'>, title: string, body: string, extra: Record<string, string> = {}): NoticeDraft {
  return { userId, kind, title, body, link: wishLink(w._id), fields: { thing1: thing(w.title), ...extra } };
}

/** Each person once, in order. */
function people(...ids: (string | null | undefined)[]): string[] {
  return [...new Set(ids.filter((x): x is string => !!x))];
}

export function vettedNotices(w: WishDoc, decision: 'approve' | 'return' | 'reject', reason?: string): NoticeDraft[] {
  const text = { approve: '已通过审核，发布到心愿池', return: `被退回修改：${reason ?? ''}`, reject: `未通过审核：${reason ?? ''}` }[decision];
  return people(w.collectedBy, w.householdUserId).map((u) => draft(u, 'wish_vetted', w, `心愿审核结果：${w.title}`, `心愿“${w.title}”${text}`, { phrase2: { approve: '已通过', return: '退回修改', reject: '未通过' }[decision] }));
}

export function claimedNotices(w: WishDoc, dueAt: string): NoticeDraft[] {
  return w.unionStaffIds.map((u) => draft(u, 'wish_claimed', w, `心愿已被认领：${w.title}`, `${w.surnameMasked}家的心愿“${w.title}”已被志愿者认领，约定 ${formatInstant(dueAt)} 前送达，请留意交接。`, { time2: formatInstant(dueAt) }));
}

export function expiringNotice(w: WishDoc, volunteerId: string, dueAt: string): NoticeDraft {
  return draft(volunteerId, 'wish_expiring', w, `认领的心愿快到期了：${w.title}`, `请在 ${formatInstant(dueAt)} 前送达并上传照片；逾期未送达，心愿会回到心愿池。不能送达时请尽早放弃认领。`, { time2: formatInstant(dueAt) });
}

export function releasedNotice(w: WishDoc, volunteerId: string): NoticeDraft {
  return draft(volunteerId, 'wish_released', w, `认领已到期释放：${w.title}`, `心愿“${w.title}”超过送达期限没有送达，已回到心愿池，由工会跟进。`);
}

export function deliveredNotices(w: WishDoc): NoticeDraft[] {
  return people(...w.unionStaffIds, w.householdUserId).map((u) => draft(u, 'wish_delivered', w, `心愿已送达，请确认：${w.title}`, `志愿者已送达心愿“${w.title}”并上传了照片，请确认是否收到。`));
}

export function completedNotice(w: WishDoc, volunteerId: string, points: number): NoticeDraft {
  return draft(volunteerId, 'wish_completed', w, `心愿已完成：${w.title}`, `${w.surnameMasked}家已确认收到“${w.title}”，您获得 ${points} 志愿积分，谢谢您！`, { number2: String(points) });
}

export function disputedNotice(w: WishDoc, volunteerId: string, reason: string): NoticeDraft {
  return draft(volunteerId, 'wish_disputed', w, `心愿还没有确认收到：${w.title}`, `工会或家庭反映：${reason}。请与工会联系人核实后重新送达。`);
}

export function thankedNotice(w: WishDoc, volunteerId: string): NoticeDraft {
  return draft(volunteerId, 'wish_thanked', w, `收到一句感谢：${w.title}`, `${w.surnameMasked}家给您留了一句感谢的话，点开看看。`);
}
