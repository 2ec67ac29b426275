import { eligibilityRules } from '../../../types/trips.schema';
import {
  ACTIVE,
  ENDED,
  HOLDS_PLACE,
  ageAtDeparture,
  canCancelAt,
  cancelDeadlineOf,
  checkEligibility,
  drawOrder,
  drawUniform,
  freesPlace,
  hasPriority,
  isOfferExpired,
  offerDeadline,
  opensAtFor,
  rulesText,
  ticketOf,
} from './rules';
import { localDateOf, localYearOf } from '../../../types/time';
import { signupWorkflow, type SignupEvent, type SignupState } from '../../../types/trips.workflow';

/** Whether the declared workflow lets this event leave this state (the only way statuses change). */
const canTransition = (status: SignupState, event: SignupEvent) => (signupWorkflow.events[event].from as readonly string[]).includes(status);

const rules = (r: object = {}) => eligibilityRules.parse({ audience: 'all', ...r });
const trip = (r: object = {}) => ({ tripId: 't1', orgId: 'org_jx', orgName: '嘉兴市总工会', rules: rules(r) });
const person = (p: object = {}) => ({
  orgPath: ['org_zj', 'org_jx', 'org_jx_nh', 'gu_x'],
  birthYear: 1970,
  honourLevels: [],
  pastTripDates: [],
  yearClaims: [],
  ...p,
});

describe('dates in Asia/Shanghai', () => {
  it('uses the Shanghai business date, not the UTC one', () => {
    expect(localDateOf('2026-12-31T15:59:59Z')).toBe('2026-12-31');
    expect(localDateOf('2026-12-31T16:00:00Z')).toBe('2027-01-01');
    expect(localYearOf('2026-12-31T16:30:00Z')).toBe(2027);
  });
  it('puts the cancellation deadline at 0:00 Shanghai N days before departure', () => {
    expect(cancelDeadlineOf('2026-07-10', 3).toISOString()).toBe('2026-07-06T16:00:00.000Z');
    expect(cancelDeadlineOf('2026-07-10', 0).toISOString()).toBe('2026-07-09T16:00:00.000Z');
  });
  it('computes age at departure from the departure year', () => {
    expect(ageAtDeparture(1961, '2026-01-02')).toBe(65);
    expect(ageAtDeparture(1960, '2026-12-31')).toBe(66);
  });
});

describe('eligibility', () => {
  it('accepts an ordinary worker of the subtree', () => {
    expect(checkEligibility(trip(), person(), '2026-07-01', '2026-06-01')).toEqual({ eligible: true, reasons: [], priority: false });
  });
  it('explains each failed rule in plain words', () => {
    const e = checkEligibility(
      trip({ audience: 'model_workers', maxAge: 60 }),
      person({ orgPath: ['org_zj', 'org_hz'], birthYear: 1960, yearClaims: [{ year: 2026, tripId: 'other' }] }),
      '2026-07-01',
      '2026-06-01',
    );
    expect(e.eligible).toBe(false);
    expect(e.reasons).toEqual([
      '这次疗休养只面向嘉兴市总工会所属的职工，您的工会不在其中',
      '这次疗休养只面向劳模工匠，您还没有经确认的荣誉记录',
      '出发时年龄不能超过 60 岁，按出发年份计算您为 66 岁',
      '每人每年只能参加一次疗休养，您 2026 年已报名了其他疗休养（含候补）',
    ]);
  });
  it('checks honour levels', () => {
    const t = trip({ audience: 'honour_levels', honourLevels: ['national', 'provincial'] });
    expect(checkEligibility(t, person({ honourLevels: ['city'] }), '2026-07-01', '2026-06-01').reasons[0]).toContain('全国级、省部级');
    expect(checkEligibility(t, person({ honourLevels: ['provincial'] }), '2026-07-01', '2026-06-01').eligible).toBe(true);
  });
  it('age limit: the year of departure decides', () => {
    const t = trip({ maxAge: 65 });
    expect(checkEligibility(t, person({ birthYear: 1961 }), '2026-12-31', '2026-06-01').eligible).toBe(true);
    expect(checkEligibility(t, person({ birthYear: 1961 }), '2027-01-01', '2026-06-01').eligible).toBe(false);
  });
  it('a year claim on the same trip is not a conflict; another year is fine', () => {
    expect(checkEligibility(trip(), person({ yearClaims: [{ year: 2026, tripId: 't1' }] }), '2026-07-01', '2026-06-01').eligible).toBe(true);
    expect(checkEligibility(trip(), person({ yearClaims: [{ year: 2025, tripId: 'x' }] }), '2026-07-01', '2026-06-01').eligible).toBe(true);
    expect(checkEligibility(trip({ onePerYear: false }), person({ yearClaims: [{ year: 2026, tripId: 'x' }] }), '2026-07-01', '2026-06-01').eligible).toBe(true);
  });
  it('priority for people not on a trip in the last N years', () => {
    const r = rules({ priorityYears: 3 });
    expect(hasPriority(r, [], '2026-06-01')).toBe(true);
    expect(hasPriority(r, ['2023-05-31'], '2026-06-01')).toBe(true);
    expect(hasPriority(r, ['2023-06-01'], '2026-06-01')).toBe(false);
    expect(hasPriority(rules(), [], '2026-06-01')).toBe(false);
  });
  it('gives priority people a head start', () => {
    const r = rules({ priorityYears: 2, priorityHeadStartHours: 24 });
    expect(opensAtFor('2026-06-01T01:00:00.000Z', r, true).toISOString()).toBe('2026-06-01T01:00:00.000Z');
    expect(opensAtFor('2026-06-01T01:00:00.000Z', r, false).toISOString()).toBe('2026-06-02T01:00:00.000Z');
  });
  it('describes the rules in sentences', () => {
    const text = rulesText(rules({ maxAge: 65, priorityYears: 3, priorityWeight: 3 }), '嘉兴市总工会');
    expect(text).toEqual([
      '面向嘉兴市总工会所属的全体职工',
      '出发时年龄不超过 65 岁（按出发年份计算）',
      '每人每年只能报名参加一次疗休养（各级工会合计，含候补）',
      '近 3 年没有参加过疗休养的职工优先：抽签时中签机会是其他人的 3 倍',
    ]);
  });
});

describe('status machine', () => {
  it('allows only the listed transitions', () => {
    expect(signupWorkflow.events.place).toMatchObject({ from: ['none', 'placing', 'cancelled', 'rejected', 'declined', 'offer_expired'], to: 'confirmed' });
    expect(canTransition('waiting', 'offer')).toBe(true);
    expect(canTransition('confirmed', 'offer')).toBe(false);
    expect(canTransition('attended', 'cancel')).toBe(false);
    expect(canTransition('offered', 'expire')).toBe(true);
    expect(canTransition('cancelled', 'accept')).toBe(false);
  });
  it('knows which statuses hold a place', () => {
    expect(HOLDS_PLACE.every((s) => ACTIVE.includes(s))).toBe(true);
    expect(ENDED.some((s) => ACTIVE.includes(s))).toBe(false);
    expect(freesPlace('confirmed')).toBe(true);
    expect(freesPlace('waiting')).toBe(false);
    expect(freesPlace('attended')).toBe(false);
  });
  it('cancelling a place only before the deadline; leaving a queue any time', () => {
    const deadline = new Date('2026-07-06T16:00:00Z');
    expect(canCancelAt('confirmed', deadline, new Date('2026-07-06T15:59:59Z'))).toBe(true);
    expect(canCancelAt('confirmed', deadline, new Date('2026-07-06T16:00:00Z'))).toBe(false);
    expect(canCancelAt('waiting', deadline, new Date('2026-07-08T00:00:00Z'))).toBe(true);
    expect(canCancelAt('cancelled', deadline, new Date('2026-07-01T00:00:00Z'))).toBe(false);
  });
  it('offers expire at their deadline', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const d = offerDeadline(now, 24);
    expect(d.toISOString()).toBe('2026-06-02T00:00:00.000Z');
    expect(isOfferExpired(d.toISOString(), new Date('2026-06-01T23:59:59Z'))).toBe(false);
    expect(isOfferExpired(d.toISOString(), d)).toBe(true);
    expect(isOfferExpired(null, d)).toBe(false);
  });
});

describe('the draw', () => {
  const entries = Array.from({ length: 200 }, (_, i) => ({ ticket: ticketOf(`t_u${i}`), weight: i < 50 ? 3 : 1 }));
  it('is reproducible from the seed and does not depend on the list order', () => {
    const a = drawOrder('seed-abc-123', entries).map((e) => e.ticket);
    const b = drawOrder('seed-abc-123', [...entries].reverse()).map((e) => e.ticket);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(200);
    expect(drawOrder('another-seed', entries).map((e) => e.ticket)).not.toEqual(a);
  });
  it('gives uniforms strictly inside (0, 1)', () => {
    for (const e of entries) {
      const u = drawUniform('s', e.ticket);
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThan(1);
    }
  });
  it('favours the weighted: over many seeds, weight-3 people win far more often', () => {
    let heavy = 0;
    let light = 0;
    for (let s = 0; s < 200; s++) {
      const winners = drawOrder(`seed-${s}`, entries).slice(0, 20);
      for (const w of winners) {
        if (w.weight === 3) heavy++;
        else light++;
      }
    }
    // 50 people of weight 3 vs 150 of weight 1: equal total weight, so about half the winners each;
    // unweighted, heavy would get only a quarter.
    expect(heavy / (heavy + light)).toBeGreaterThan(0.4);
  });
});
