/** Labels, page addresses and small helpers shared by the 微心愿 pages. */
import type { WishStatus } from '../../../types/wishes.workflow';

export { HANDOVER_LABELS, HANDOVERS, WISH_CATEGORIES, WISH_CATEGORY_LABELS, WISH_STATUS_LABELS, STAFF_VIEW_LABELS } from '../../../types/wishes.schema';

/** Status colour group, for the status tag. */
export function statusTone(status: WishStatus): 'good' | 'wait' | 'act' | 'ended' {
  if (status === 'completed') return 'good';
  if (status === 'published') return 'act';
  if (status === 'rejected' || status === 'withdrawn') return 'ended';
  return 'wait';
}

export const PAGES = {
  home: '/pkg-wishes/index/index',
  pool: '/pkg-wishes/pool/index',
  detail: (id: string) => `/pkg-wishes/detail/index?wishId=${id}`,
  mine: '/pkg-wishes/mine/index',
  deliver: (id: string) => `/pkg-wishes/deliver/index?wishId=${id}`,
  collect: (householdId?: string) => (householdId ? `/pkg-wishes/collect/index?householdId=${householdId}` : '/pkg-wishes/collect/index'),
  resubmit: (wishId: string) => `/pkg-wishes/collect/index?resubmit=${wishId}`,
  wall: '/pkg-wishes/wall/index',
  staff: '/pkg-wishes/staff/index',
};

/** ¥450 → 约 450 元 */
export const yuan = (v: number) => `约 ${v} 元`;
