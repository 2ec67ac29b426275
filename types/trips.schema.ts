/**
 * trips: 疗休养 — trips in sessions (期次), sign-ups that never oversell, waiting lists, lotteries,
 * offers of freed places, and the staff's roster, review queue and check-in.
 */
import { z } from 'zod';
import { defineAction } from './contract';
import { docId, empty, reason } from './common';
import { MEMBER_ROLES as PEOPLE, STAFF_ROLES as STAFF_ONLY } from './roles';
import {
  SIGNUP_STATUSES,
  TRIP_STATUSES,
  TRIP_THEMES,
  drawResult,
  myTripState,
  mySignupView,
  reviewItem,
  rosterRow,
  sessionView,
  signUpForm,
  tripDetail,
  tripForm,
  tripSummary,
} from './trips.model';

export * from './trips.model';

const signUpResult = z.object({ signup: mySignupView, message: z.string() });

/** Inputs and outputs many actions share. */
const bySignup = z.object({ signupId: docId }).strict();
const bySession = z.object({ sessionId: docId }).strict();
const byTrip = z.object({ tripId: docId }).strict();
const tripStatus = z.object({ tripId: z.string(), status: z.enum(TRIP_STATUSES) });

const EXAMPLE_TRIP: z.input<typeof tripForm> = {
  title: '景宁畲乡森林康养',
  route: '嘉兴—丽水景宁',
  itinerary: '第一天：抵达景宁，入住康养基地。第二天：森林步道、中医体质辨识。第三天：畲乡文化体验，返程。',
  themes: ['kangyang'],
  mode: 'first_come',
  needsReview: false,
  opensAt: '2026-06-01T01:00:00.000Z',
  closesAt: '2026-06-10T10:00:00.000Z',
  cancelDaysBefore: 3,
  offerHours: 24,
  rules: { audience: 'all' },
  sessions: [{ departDate: '2026-07-01', returnDate: '2026-07-03', places: 40 }],
};

/** What a person does to their own sign-up: answered with the sign-up as it now stands. */
function onOwnSignup<I extends z.ZodType>(summary: string, input: I) {
  return defineAction({ summary, input, output: signUpResult, access: PEOPLE, target: { kind: 'self' }, mutates: true, example: { signupId: 'trip_demo_u_demo' } as z.input<I> });
}

export const tripsActions = {
  listOpen: defineAction({
    summary: '可报名的疗休养（含剩余名额与我的报名资格）',
    input: z.object({ theme: z.enum(TRIP_THEMES).optional() }).strict(),
    output: z.object({ trips: z.array(tripSummary.extend({ eligible: z.boolean(), reasons: z.array(z.string()), mySignupStatus: z.enum(SIGNUP_STATUSES).nullable() })) }),
    access: PEOPLE,
    target: { kind: 'open' },
    mutates: false,
    example: {},
  }),
  detail: defineAction({
    summary: '疗休养详情、我的资格与我的报名',
    input: byTrip,
    output: z.object({ trip: tripDetail, me: myTripState }),
    access: PEOPLE,
    target: { kind: 'open' },
    mutates: false,
    example: { tripId: 'trip_demo' },
  }),
  signUp: defineAction({
    summary: '报名一个期次（名额有限，满员后进入候补）',
    input: z.object({ tripId: docId, sessionId: docId, form: signUpForm }).strict(),
    output: signUpResult,
    access: PEOPLE,
    target: { kind: 'self' },
    mutates: true,
    example: {
      tripId: 'trip_demo',
      sessionId: 'trip_demo_s1',
      form: { emergencyName: '李大明', emergencyPhone: '13812345678', emergencyRelation: '配偶', healthDeclared: true, agreed: true },
    },
  }),
  mySignups: defineAction({
    summary: '我的疗休养报名与状态记录',
    input: empty,
    output: z.object({ signups: z.array(mySignupView) }),
    access: PEOPLE,
    target: { kind: 'self' },
    mutates: false,
    example: {},
  }),
  cancel: onOwnSignup('取消我的报名（截止前取消会把名额让给候补）', z.object({ signupId: docId, reason: reason.optional() }).strict()),
  acceptOffer: onOwnSignup('确认接受空出的名额', bySignup),
  declineOffer: onOwnSignup('放弃空出的名额（顺延给下一位）', bySignup),
  drawResult: defineAction({
    summary: '抽签结果与公开的随机种子（任何人可复核）',
    input: bySession,
    output: drawResult,
    access: PEOPLE,
    target: { kind: 'open' },
    mutates: false,
    example: { sessionId: 'trip_demo_s1' },
  }),
  expireOffers: defineAction({
    summary: '把超时未确认的名额顺延给下一位（定时触发器调用）',
    input: z.object({ tripId: docId.optional() }).strict(),
    output: z.object({ expired: z.number().int(), offered: z.number().int() }),
    access: 'public',
    target: { kind: 'open' },
    mutates: true,
    example: {},
    timer: '0 */10 * * * * *',
  }),

  recover: defineAction({
    summary: '补全中断的报名、顺延与抽签，释放无主的名额（定时触发器调用）',
    input: empty,
    output: z.object({ sessions: z.number().int(), repaired: z.number().int(), claims: z.number().int(), audits: z.number().int(), expired: z.number().int() }),
    access: 'public',
    target: { kind: 'open' },
    mutates: true,
    example: {},
    timer: '0 */5 * * * * *',
  }),

  // ---- staff ----
  listManaged: defineAction({
    summary: '本辖区的疗休养（含草稿）',
    input: z.object({ status: z.enum(TRIP_STATUSES).optional() }).strict(),
    output: z.object({ trips: z.array(tripSummary.extend({ pendingReview: z.number().int() })) }),
    access: STAFF_ONLY,
    target: { kind: 'scope', lists: 'trip' },
    mutates: false,
    example: {},
  }),
  getForEdit: defineAction({
    summary: '读取疗休养以便修改',
    input: byTrip,
    output: z.object({ tripId: z.string(), status: z.enum(TRIP_STATUSES), form: tripForm }),
    access: STAFF_ONLY,
    target: { kind: 'trip', field: 'tripId' },
    mutates: false,
    example: { tripId: 'trip_demo' },
  }),
  createTrip: defineAction({
    summary: '新建疗休养（草稿）',
    input: z.object({ trip: tripForm }).strict(),
    output: tripStatus,
    access: STAFF_ONLY,
    target: { kind: 'scope' },
    mutates: true,
    example: { trip: EXAMPLE_TRIP },
  }),
  updateTrip: defineAction({
    summary: '修改疗休养（发布后的修改记入操作留痕）',
    input: z.object({ tripId: docId, trip: tripForm, reason: reason.optional() }).strict(),
    output: tripStatus,
    access: STAFF_ONLY,
    target: { kind: 'trip', field: 'tripId' },
    mutates: true,
    example: { tripId: 'trip_demo', trip: EXAMPLE_TRIP },
  }),
  publishTrip: defineAction({
    summary: '发布疗休养',
    input: byTrip,
    output: tripStatus,
    access: STAFF_ONLY,
    target: { kind: 'trip', field: 'tripId' },
    mutates: true,
    example: { tripId: 'trip_demo' },
  }),
  closeTrip: defineAction({
    summary: '关闭报名',
    input: z.object({ tripId: docId, reason: reason.optional() }).strict(),
    output: tripStatus,
    access: STAFF_ONLY,
    target: { kind: 'trip', field: 'tripId' },
    mutates: true,
    example: { tripId: 'trip_demo' },
  }),
  runDraw: defineAction({
    summary: '报名截止后抽签（按公开种子，可复核）',
    input: z.object({ sessionId: docId, seed: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '种子应为 8–64 位字母或数字').optional() }).strict(),
    output: drawResult,
    access: STAFF_ONLY,
    target: { kind: 'session', field: 'sessionId' },
    mutates: true,
    example: { sessionId: 'trip_demo_s1' },
  }),
  roster: defineAction({
    summary: '期次名单（含联系方式，仅限主办工会工作人员）',
    input: bySession,
    output: z.object({ tripId: z.string(), tripTitle: z.string(), session: sessionView, rows: z.array(rosterRow) }),
    access: STAFF_ONLY,
    target: { kind: 'session', field: 'sessionId' },
    mutates: false,
    example: { sessionId: 'trip_demo_s1' },
  }),
  exportRoster: defineAction({
    summary: '导出期次名单（Excel）',
    input: bySession,
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int() }),
    access: STAFF_ONLY,
    target: { kind: 'session', field: 'sessionId' },
    mutates: false,
    example: { sessionId: 'trip_demo_s1' },
  }),
  reviewQueue: defineAction({
    summary: '待审核的报名',
    input: z.object({ tripId: docId.optional() }).strict(),
    output: z.object({ items: z.array(reviewItem) }),
    access: STAFF_ONLY,
    target: { kind: 'scope', lists: 'signup' },
    mutates: false,
    example: {},
  }),
  review: defineAction({
    summary: '审核报名（通过或不通过）',
    input: z
      .object({ signupId: docId, decision: z.enum(['approve', 'reject'], { error: '请选择审核结果' }), reason: reason.optional() })
      .strict()
      .refine((v) => v.decision === 'approve' || !!v.reason, { message: '请填写不通过的原因', path: ['reason'] }),
    output: z.object({ signupId: z.string(), status: z.enum(SIGNUP_STATUSES) }),
    access: STAFF_ONLY,
    target: { kind: 'signup', field: 'signupId' },
    mutates: true,
    example: { signupId: 'trip_demo_u_demo', decision: 'approve' },
  }),
  checkIn: defineAction({
    summary: '出发签到',
    input: bySignup,
    output: z.object({ signupId: z.string(), status: z.enum(SIGNUP_STATUSES), checkedInAt: z.string() }),
    access: STAFF_ONLY,
    target: { kind: 'signup', field: 'signupId' },
    mutates: true,
    example: { signupId: 'trip_demo_u_demo' },
  }),
} as const;
