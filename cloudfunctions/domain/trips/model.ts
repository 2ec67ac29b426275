/** The stored shapes of 疗休养 and the small store helpers every trips module shares. */
import type { z } from 'zod';
import type { EligibilityRules, SignupStatus, TripMode, TripStatus, TripTheme, signUpForm } from '../../../types/trips.schema';
import { Quota } from '../../core/claims';
import type { HandlerContext } from '../../core/context';
import { notFound } from '../../core/errors';
import type { Store } from '../../core/store/port';
import type { HistoryItem } from '../../core/workflow';

export const C = {
  trips: 'trips',
  sessions: 'trip_sessions',
  signups: 'trip_signups',
  counters: 'trip_counters',
  yearClaims: 'trip_year_claims',
  people: 'trip_people',
  draws: 'trip_draws',
} as const;

/** What a sign-up needs of a session without reading the session: kept on the trip, written with it. */
export interface SessionInfo {
  id: string;
  label: string;
  departDate: string;
  returnDate: string;
}

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
  sessions: SessionInfo[];
  status: TripStatus;
  version: number;
  history: HistoryItem[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  closedAt: string | null;
}

/**
 * A session (期次) and its places: a quota whose ledger `held` lists the sign-ups holding a place
 * (capacity `places` = `placesLeft` + holders, always, since every change is one conditional update).
 */
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
  held: Record<string, string>;
  touchedAt: string;
  drawnAt: string | null;
  drawSeed: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The places of a session: `Quota` on trip_sessions, with the session's own field names. */
export function sessionPlaces(store: Store): Quota {
  return new Quota(store, C.sessions, { capacity: 'places', left: 'placesLeft', held: 'held' });
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

/** The sign-up form as stored: the shared schema's fields, less the two ticks, with the health notes always set. */
export type SignupForm = Omit<z.output<typeof signUpForm>, 'healthDeclared' | 'agreed' | 'healthNotes'> & { healthNotes: string };

/** One per person per trip: `${tripId}_${userId}`. A new sign-up after an ended one reuses it (round + 1). */
export interface SignupDoc {
  _id: string;
  tripId: string;
  sessionId: string;
  userId: string;
  /** The organising union's path, for staff scope queries and the workflow's "who". */
  tripOrgPath: string[];
  departDate: string;
  round: number;
  status: SignupStatus;
  version: number;
  history: HistoryItem[];
  priority: boolean;
  weight: number;
  ticket: string;
  form: SignupForm;
  waitNo: number | null;
  drawRank: number | null;
  offerExpiresAt: string | null;
  yearClaimId: string | null;
  createdAt: string;
  updatedAt: string;
  checkedInAt: string | null;
}

/** One per person per calendar year (Asia/Shanghai): `${userId}_${year}`, held by the sign-up while it is active. */
export interface YearClaimDoc {
  _id: string;
  /** The sign-up holding the claim. */
  holder: string;
  userId: string;
  year: number;
  tripId: string;
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
  entries: { ticket: string; signupId: string; weight: number; nameMasked: string; rank: number; won: boolean }[];
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
    held: {},
    touchedAt: at,
    drawnAt: null,
    drawSeed: null,
    createdAt: at,
    updatedAt: at,
  };
}

export function sessionInfoOf(s: Pick<SessionDoc, '_id' | 'label' | 'departDate' | 'returnDate'>): SessionInfo {
  return { id: s._id, label: s.label, departDate: s.departDate, returnDate: s.returnDate };
}

export const signupIdOf = (tripId: string, userId: string) => `${tripId}_${userId}`;
export const yearClaimIdOf = (userId: string, year: number) => `${userId}_${year}`;
export const waitCounterIdOf = (sessionId: string) => `${sessionId}_wait`;

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

export async function getSignup(ctx: HandlerContext, signupId: string): Promise<SignupDoc> {
  const s = await ctx.store.get<SignupDoc>(C.signups, signupId);
  if (!s) throw notFound('没有找到这条报名');
  return s;
}
