/** Shared helpers of the trips tests (integration and race). */
import type { TripForm } from '../../../types/trips.schema';
import { addLocalDays, localDateOf } from '../../../types/time';
import type { TestEnv } from '../../testing/harness';

export const STAFF = 'demo-staff-city';

export const FORM = {
  emergencyName: '李大明',
  emergencyPhone: '13812345678',
  emergencyRelation: '配偶',
  healthDeclared: true,
  agreed: true,
} as const;

export function tripFormAt(now: Date, over: Partial<TripForm> = {}): TripForm {
  const day = 86_400_000;
  return {
    title: '景宁畲乡森林康养',
    route: '嘉兴—丽水景宁',
    itinerary: '第一天：抵达景宁。第二天：森林步道。第三天：返程。',
    themes: ['kangyang'],
    mode: 'first_come',
    needsReview: false,
    opensAt: new Date(now.getTime() - 3600_000).toISOString(),
    closesAt: new Date(now.getTime() + 10 * day).toISOString(),
    cancelDaysBefore: 3,
    offerHours: 24,
    rules: { audience: 'all' },
    sessions: [{ departDate: '2026-07-01', returnDate: '2026-07-03', places: 2 }],
    ...over,
  };
}

/** Creates and publishes a trip as city staff; returns its id and first session id. */
export async function publishedTrip(env: TestEnv, over: Partial<TripForm> = {}): Promise<{ tripId: string; sessionId: string }> {
  const { tripId } = await env.ok<{ tripId: string }>('trips', 'createTrip', { trip: tripFormAt(env.clock.now, over) }, { as: STAFF });
  await env.ok('trips', 'publishTrip', { tripId }, { as: STAFF });
  return { tripId, sessionId: `${tripId}_s1` };
}

/** A session departing `days` days from today (Shanghai dates) for `nights` nights. */
export function sessionFromNow(days: number, nights: number, places: number) {
  const today = localDateOf(new Date());
  return { departDate: addLocalDays(today, days), returnDate: addLocalDays(today, days + nights), places };
}
