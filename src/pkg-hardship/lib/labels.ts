/** Pages, labels and small helpers shared by the 困难帮扶 pages. */
import type { CaseStatus } from '../../../types/hardship.schema';

export const PAGES = {
  home: '/pkg-hardship/index/index',
  selftest: '/pkg-hardship/selftest/index',
  apply: (caseId?: string) => (caseId ? `/pkg-hardship/apply/index?caseId=${caseId}` : '/pkg-hardship/apply/index'),
  detail: (caseId: string) => `/pkg-hardship/detail/index?caseId=${caseId}`,
  review: (caseId: string) => `/pkg-hardship/review/index?caseId=${caseId}`,
  notices: '/pkg-hardship/notices/index',
  staff: '/pkg-hardship/staff/index',
  payments: '/pkg-hardship/payments/index',
  households: '/pkg-hardship/households/index',
  dispatch: '/pkg-hardship/dispatch/index',
  config: '/pkg-hardship/config/index',
};

export function statusTone(status: CaseStatus): 'good' | 'wait' | 'bad' | 'ended' {
  if (status === 'paid' || status === 'archived' || status === 'closed' || status === 'concluded' || status === 'notice' || status === 'paying') return 'good';
  if (status === 'returned') return 'bad';
  if (status === 'reviewing' || status === 'draft') return 'wait';
  return status === 'rejected' ? 'bad' : 'ended';
}

export const yuan = (n: number) => `${Math.round(n * 100) / 100} 元`;

/** Numbers typed into a text box: '' stays unset. */
export function num(s: string): number | undefined {
  const t = s.trim();
  if (!t) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : NaN;
}
