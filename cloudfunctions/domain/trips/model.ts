/** The stored shapes of 疗休养 and the small store helpers every trips module shares. */
import type { EligibilityRules, SignupStatus, TripMode, TripStatus, TripTheme } from '../../../types/trips.schema';
import { AppError, notFound } from '../../core/errors';
import type { DocValue } from '../../core/store/port';
import type { HandlerContext } from '../../core/wrapper';
import type { UserDoc } from '../../core/users';

export const C = {
  trips: 'trips',
  sessions: 'trip_sessions',
  signups: 'trip_signups',
  counters: 'trip_counters',
  yearClaims: 'trip_year_claims',
  people: 'trip_people',
  draws: 'trip_draws',
} as const;

export interface TripDoc {
  _id: string;
  orgId: string;
  orgPath: string[];
  orgName: string;
  title: string;
  route: string;
  itinerary: string;
  themes: TripTheme[];
  pictures: string[];
  costNote: string;
  subsidyNote: string;
  healthNote: string;
  mode: TripMode;
  needsReview: boolean;
  opensAt: string;
  closesAt: string;
  cancelDaysBefore: number;
  offerHours: number;
  rules: EligibilityRules;
  sessionIds: string[];
  status: TripStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  closedAt: string | null;
}

export interface SessionDoc {
  _id: string;
  tripId: string;
  orgPath: string[];
  label: string;
  departDate: string;
  returnDate: string;
  places: number;
  /** Places nobody holds. Taken only by a conditional decrement while it is above zero. */
  placesLeft: number;
  drawnAt: string | null;
  drawSeed: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * Per-session waiting-list counter: each joiner takes the next waiting number with one atomic find-one-and-update
 * (`$inc: { lastWaitNo: 1 }`), so numbers are distinct and gapless under any rush. `left` counts departures from
 * the queue, for the position shown right after joining.
 */
export interface CounterDoc {
  _id: string;
  sessionId: string;
  lastWaitNo: number;
  left: number;
}

export interface HistoryItem {
  at: string;
  status: SignupStatus;
  note: string;
  by?: string;
}

export interface SignupForm {
  emergencyName: string;
  emergencyPhone: string;
  emergencyRelation: string;
  healthNotes: string;
}

/** One per person per trip: `${tripId}_${userId}`. A new sign-up after an ended one reuses it (round + 1). */
export interface SignupDoc {
  _id: string;
  tripId: string;
  sessionId: string;
  userId: string;
  /** The organising union's path, for staff scope queries. */
  tripOrgPath: string[];
  departDate: string;
  round: number;
  /** Random token of the attempt that made this round, shared with its year claim. */
  token: string;
  status: SignupStatus;
  priority: boolean;
  weight: number;
  ticket: string;
  form: SignupForm;
  waitNo: number | null;
  drawRank: number | null;
  offerExpiresAt: string | null;
  yearClaimId: string | null;
  history: HistoryItem[];
  createdAt: string;
  updatedAt: string;
  checkedInAt: string | null;
}

/** One per person per calendar year (Asia/Shanghai): `${userId}_${year}`, held while a sign-up is active. */
export interface YearClaimDoc {
  _id: string;
  userId: string;
  year: number;
  tripId: string;
  signupId: string;
  token: string;
  at: string;
}

/** Trips a person went on (recorded at check-in), for the "not been recently" priority. */
export interface TripPersonDoc {
  _id: string;
  attendedDates: string[];
}

export interface DrawDoc {
  _id: string;
  sessionId: string;
  tripId: string;
  seed: string;
  places: number;
  drawnAt: string;
  entries: { ticket: string; weight: number; nameMasked: string; rank: number; won: boolean }[];
}

export const sessionIdOf = (tripId: string, n: number) => `${tripId}_s${n}`;

/** A new session (期次) of a trip, with every place free. */
export function sessionDoc(
  tripId: string,
  orgPath: string[],
  n: number,
  s: { label?: string; departDate: string; returnDate: string; places: number },
  at: string,
): SessionDoc {
  return {
    _id: sessionIdOf(tripId, n),
    tripId,
    orgPath,
    label: s.label || `第 ${n} 期`,
    departDate: s.departDate,
    returnDate: s.returnDate,
    places: s.places,
    placesLeft: s.places,
    drawnAt: null,
    drawSeed: null,
    createdAt: at,
    updatedAt: at,
  };
}
export const signupIdOf = (tripId: string, userId: string) => `${tripId}_${userId}`;
export const yearClaimIdOf = (userId: string, year: number) => `${userId}_${year}`;
export const waitCounterIdOf = (sessionId: string) => `${sessionId}_wait`;

/** Domain values into the port's update documents. */
export function dv<T>(value: T): DocValue {
  return value as unknown as DocValue;
}

/** Domain fields into a `$set`. */
export function fields<T extends object>(value: T): Record<string, DocValue> {
  return value as unknown as Record<string, DocValue>;
}

export function requireUser(ctx: HandlerContext): UserDoc {
  const user = ctx.caller.user;
  if (!user) throw new AppError('auth.not_registered', '请先完善个人信息（实名登记）');
  return user;
}

export async function getTrip(ctx: HandlerContext, tripId: string): Promise<TripDoc> {
  const trip = await ctx.store.get<TripDoc>(C.trips, tripId);
  if (!trip) throw notFound('没有找到这个疗休养');
  return trip;
}

export async function getSession(ctx: HandlerContext, sessionId: string): Promise<SessionDoc> {
  const s = await ctx.store.get<SessionDoc>(C.sessions, sessionId);
  if (!s) throw notFound('没有找到这个期次');
  return s;
}

export function historyItem(ctx: HandlerContext, status: SignupStatus, note: string): HistoryItem {
  const item: HistoryItem = { at: ctx.now.toISOString(), status, note };
  const by = ctx.caller.user?._id;
  if (by) item.by = by;
  return item;
}
