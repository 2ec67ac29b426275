/** Labels and small helpers shared by the 疗休养 pages. */
import type { SignupStatus } from '../../../types/trips.schema';

export { SIGNUP_STATUS_LABELS, TRIP_MODE_LABELS, TRIP_THEME_LABELS, TRIP_THEMES } from '../../../types/trips.schema';

/** Status colour group, for the status tag. */
export function statusTone(status: SignupStatus): 'good' | 'wait' | 'act' | 'ended' {
  if (status === 'confirmed' || status === 'attended') return 'good';
  if (status === 'offered') return 'act';
  if (status === 'waiting' || status === 'applied' || status === 'pending_review' || status === 'placing') return 'wait';
  return 'ended';
}

export const PAGES = {
  list: '/pkg-trips/list/index',
  detail: (id: string) => `/pkg-trips/detail/index?id=${id}`,
  signup: (tripId: string, sessionId: string) => `/pkg-trips/signup/index?tripId=${tripId}&sessionId=${sessionId}`,
  mine: '/pkg-trips/mine/index',
  manage: '/pkg-trips/manage/index',
  edit: (id?: string) => (id ? `/pkg-trips/edit/index?id=${id}` : '/pkg-trips/edit/index'),
  roster: (sessionId: string) => `/pkg-trips/roster/index?sessionId=${sessionId}`,
  review: '/pkg-trips/review/index',
  draw: (sessionId: string) => `/pkg-trips/draw/index?sessionId=${sessionId}`,
};
