/**
 * trips: 疗休养 — trips in sessions (期次), sign-ups that never oversell, waiting lists, lotteries,
 * offers of freed places, and the staff's roster, review queue and check-in.
 */
import { z } from 'zod';
import { defineAction } from './contract';
import { docId, empty, isoInstant, localDate, mobilePhone, optionalText, personName, reason, text } from './common';
import { HONOUR_LEVELS } from './account.schema';
import { defineErrors } from './errors';
import { FIGURES_EXAMPLE, figuresInput, figuresOutput, todoInput, todoOutput, trailOutput } from './dashboard';
import { signupWorkflow } from './trips.workflow';
import { MEMBER_ROLES as PEOPLE, STAFF_ROLES as STAFF_ONLY } from './roles';

export const tripsErrors = defineErrors('trips', {
  not_open: '报名还没有开始，请到时再来',
  closed: '这个疗休养已停止报名',
  not_eligible: '您暂时不符合报名条件',
  already_signed_up: '您已经报名了这个疗休养，请在“我的报名”中查看',
  full: '名额已满',
  not_active: '这条报名已经结束，无需取消',
  cancel_closed: '取消截止时间已过，如有特殊情况请联系工会',
  no_offer: '目前没有待您确认的名额',
  offer_expired: '确认时限已过，名额已顺延给下一位',
  locked: '发布后不能修改这一项',
  places_taken: '名额不能少于已占用的人数',
  wrong_status: '疗休养当前的状态不能进行这个操作',
  not_pending: '这条报名不在待审核状态',
  not_confirmed: '这条报名还没有报名成功，不能签到',
  not_departure: '只能在出发前一天到返回当天之间签到',
  not_lottery: '这个疗休养是先到先得，不需要抽签',
  draw_too_early: '报名截止后才能抽签',
  already_drawn: '这个期次已经抽过签了',
  not_drawn: '这个期次还没有抽签',
  no_org: '尚未建立工会组织',
});

export const TRIP_THEMES = ['liaoyang', 'kangyang', 'yiyang', 'wenyang'] as const;
export type TripTheme = (typeof TRIP_THEMES)[number];
export const TRIP_THEME_LABELS: Record<TripTheme, string> = { liaoyang: '疗养', kangyang: '康养', yiyang: '医养', wenyang: '文养' };

export const TRIP_MODES = ['first_come', 'lottery'] as const;
export type TripMode = (typeof TRIP_MODES)[number];
export const TRIP_MODE_LABELS: Record<TripMode, string> = { first_come: '先到先得', lottery: '报名后抽签' };

export const TRIP_STATUSES = ['draft', 'published', 'closed'] as const;
export type TripStatus = (typeof TRIP_STATUSES)[number];

export const AUDIENCES = ['all', 'model_workers', 'honour_levels'] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * A sign-up's life. `placing` is the short moment while a place is being taken; `applied` is a lottery
 * application before the draw; pending_review, confirmed, offered and attended hold a place.
 */
export const SIGNUP_STATUSES = [
  'placing',
  'applied',
  'pending_review',
  'confirmed',
  'waiting',
  'offered',
  'attended',
  'cancelled',
  'rejected',
  'declined',
  'offer_expired',
] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];
export const SIGNUP_STATUS_LABELS = Object.fromEntries(SIGNUP_STATUSES.map((s) => [s, signupWorkflow.states[s].label])) as Record<SignupStatus, string>;

/** Picture references: CloudBase file ids or https URLs, never anything that could run. */
export const pictureRef = z
  .string({ error: '图片地址应为文字' })
  .max(300, '图片地址太长')
  .regex(/^(cloud:\/\/|https:\/\/)[A-Za-z0-9._~:/?#@!$&()*+,;=%-]+$/, '图片应为云存储文件或 https 地址');

const int = (min: number, max: number, label: string) =>
  z.number({ error: `${label}应为数字` }).int(`${label}应为整数`).min(min, `${label}不能小于 ${min}`).max(max, `${label}不能大于 ${max}`);

export const eligibilityRules = z
  .object({
    audience: z.enum(AUDIENCES, { error: '请选择报名对象' }),
    honourLevels: z.array(z.enum(HONOUR_LEVELS)).max(4).default([]),
    /** Oldest age allowed at departure (null: no limit). */
    maxAge: int(18, 100, '年龄上限').nullable().default(null),
    minAge: int(16, 100, '年龄下限').nullable().default(null),
    /** At most one trip a calendar year (Asia/Shanghai), across all trips. */
    onePerYear: z.boolean().default(true),
    /** Priority for people who have not been on a trip in the last N years (0: none). */
    priorityYears: int(0, 10, '优先年限').default(0),
    /** Lottery: how many times more likely a priority person is to be drawn. */
    priorityWeight: int(1, 10, '优先权重').default(3),
    /** First-come: how many hours earlier priority people may sign up. */
    priorityHeadStartHours: int(0, 72, '优先报名时长').default(0),
  })
  .strict();
export type EligibilityRules = z.output<typeof eligibilityRules>;

export const sessionForm = z
  .object({
    /** Existing session id when editing; omitted for a new session. */
    id: docId.optional(),
    label: optionalText(20, '期次名称'),
    departDate: localDate,
    returnDate: localDate,
    places: int(1, 500, '名额'),
  })
  .strict()
  .refine((s) => s.returnDate >= s.departDate, { message: '返回日期不能早于出发日期', path: ['returnDate'] });

export const tripForm = z
  .object({
    title: text(40, 2, '标题'),
    route: text(60, 2, '线路'),
    itinerary: text(2000, 2, '行程安排'),
    themes: z.array(z.enum(TRIP_THEMES, { error: '主题不正确' })).min(1, '请至少选择一个主题').max(4),
    pictures: z.array(pictureRef).max(9, '最多 9 张图片').default([]),
    costNote: optionalText(500, '费用说明'),
    subsidyNote: optionalText(500, '补贴说明'),
    healthNote: optionalText(500, '健康提示'),
    mode: z.enum(TRIP_MODES, { error: '请选择报名方式' }),
    needsReview: z.boolean(),
    opensAt: isoInstant,
    closesAt: isoInstant,
    /** Cancelling is possible until 0:00 (Asia/Shanghai) this many days before departure. */
    cancelDaysBefore: int(0, 60, '取消截止天数'),
    /** Hours a waiting person has to accept an offered place. */
    offerHours: int(1, 168, '确认时限'),
    rules: eligibilityRules,
    sessions: z.array(sessionForm).min(1, '请至少设置一个期次').max(12, '最多 12 个期次'),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (Date.parse(t.closesAt) <= Date.parse(t.opensAt)) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: '报名截止时间应晚于开始时间' });
    if (t.rules.audience === 'honour_levels' && t.rules.honourLevels.length === 0)
      ctx.addIssue({ code: 'custom', path: ['rules', 'honourLevels'], message: '请选择可报名的荣誉级别' });
    if (t.rules.maxAge !== null && t.rules.minAge !== null && t.rules.minAge > t.rules.maxAge)
      ctx.addIssue({ code: 'custom', path: ['rules', 'minAge'], message: '年龄下限不能高于上限' });
  });
export type TripForm = z.input<typeof tripForm>;

/** What a person fills in to sign up; the page and the function check it with this same schema. */
export const signUpForm = z
  .object({
    emergencyName: personName,
    emergencyPhone: mobilePhone,
    emergencyRelation: text(10, 1, '与本人关系'),
    healthNotes: optionalText(200, '健康情况说明'),
    healthDeclared: z.literal(true, { error: '请确认健康声明' }),
    agreed: z.literal(true, { error: '请阅读并同意报名须知' }),
  })
  .strict();
export type SignUpForm = z.input<typeof signUpForm>;

export const sessionView = z.object({
  id: z.string(),
  label: z.string(),
  departDate: z.string(),
  returnDate: z.string(),
  places: z.number().int(),
  placesLeft: z.number().int(),
  waiting: z.number().int(),
  cancelDeadline: z.string(),
  drawnAt: z.string().nullable(),
});
export type SessionView = z.infer<typeof sessionView>;

export const eligibilityView = z.object({
  eligible: z.boolean(),
  /** Plain-Chinese reasons when not eligible. */
  reasons: z.array(z.string()),
  priority: z.boolean(),
  /** Plain-Chinese description of the rules, for everyone. */
  rulesText: z.array(z.string()),
  /** When this person may start signing up (priority head start). */
  opensAtForMe: z.string(),
});

export const historyEntry = z.object({ at: z.string(), status: z.enum(SIGNUP_STATUSES), note: z.string() });

export const mySignupView = z.object({
  id: z.string(),
  tripId: z.string(),
  tripTitle: z.string(),
  sessionId: z.string(),
  sessionLabel: z.string(),
  departDate: z.string(),
  returnDate: z.string(),
  status: z.enum(SIGNUP_STATUSES),
  statusText: z.string(),
  /** Waiting: the current place in the queue (1 = next). */
  queuePosition: z.number().int().nullable(),
  offerExpiresAt: z.string().nullable(),
  cancelDeadline: z.string(),
  canCancel: z.boolean(),
  history: z.array(historyEntry),
});
export type MySignupView = z.infer<typeof mySignupView>;

export const tripSummary = z.object({
  id: z.string(),
  title: z.string(),
  route: z.string(),
  themes: z.array(z.enum(TRIP_THEMES)),
  cover: z.string().nullable(),
  mode: z.enum(TRIP_MODES),
  needsReview: z.boolean(),
  status: z.enum(TRIP_STATUSES),
  orgName: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  /** upcoming | open | closed, by the sign-up window and status. */
  phase: z.enum(['upcoming', 'open', 'ended']),
  sessions: z.array(sessionView),
});

export const tripDetail = tripSummary.extend({
  itinerary: z.string(),
  pictures: z.array(z.string()),
  costNote: z.string(),
  subsidyNote: z.string(),
  healthNote: z.string(),
  cancelDaysBefore: z.number().int(),
  offerHours: z.number().int(),
  rules: eligibilityRules,
});

export const myTripState = z.object({
  eligibility: eligibilityView,
  mySignup: mySignupView.nullable(),
});

export const rosterRow = z.object({
  signupId: z.string(),
  userId: z.string(),
  name: z.string(),
  phone: z.string(),
  orgName: z.string(),
  birthYear: z.number().int(),
  emergencyName: z.string(),
  emergencyPhone: z.string(),
  emergencyRelation: z.string(),
  healthNotes: z.string(),
  status: z.enum(SIGNUP_STATUSES),
  statusText: z.string(),
  waitNo: z.number().int().nullable(),
  drawRank: z.number().int().nullable(),
  priority: z.boolean(),
  signedUpAt: z.string(),
  checkedInAt: z.string().nullable(),
});
export type RosterRow = z.infer<typeof rosterRow>;

export const reviewItem = z.object({
  signupId: z.string(),
  tripId: z.string(),
  tripTitle: z.string(),
  sessionLabel: z.string(),
  departDate: z.string(),
  name: z.string(),
  phone: z.string(),
  orgName: z.string(),
  birthYear: z.number().int(),
  healthNotes: z.string(),
  signedUpAt: z.string(),
});

export const drawResult = z.object({
  sessionId: z.string(),
  seed: z.string(),
  algorithm: z.string(),
  places: z.number().int(),
  drawnAt: z.string(),
  /** The published applicant list in draw order: ticket, weight, masked name, outcome. */
  entries: z.array(
    z.object({ ticket: z.string(), weight: z.number().int(), nameMasked: z.string(), rank: z.number().int(), won: z.boolean() }),
  ),
});
export type DrawResult = z.infer<typeof drawResult>;

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
  cancel: defineAction({
    summary: '取消我的报名（截止前取消会把名额让给候补）',
    input: z.object({ signupId: docId, reason: reason.optional() }).strict(),
    output: signUpResult,
    access: PEOPLE,
    target: { kind: 'self' },
    mutates: true,
    example: { signupId: 'trip_demo_u_demo' },
  }),
  acceptOffer: defineAction({
    summary: '确认接受空出的名额',
    input: bySignup,
    output: signUpResult,
    access: PEOPLE,
    target: { kind: 'self' },
    mutates: true,
    example: { signupId: 'trip_demo_u_demo' },
  }),
  declineOffer: defineAction({
    summary: '放弃空出的名额（顺延给下一位）',
    input: bySignup,
    output: signUpResult,
    access: PEOPLE,
    target: { kind: 'self' },
    mutates: true,
    example: { signupId: 'trip_demo_u_demo' },
  }),
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

  remind: defineAction({
    summary: '出发前一天提醒报名成功的职工（定时触发器调用，每项只提醒一次）',
    input: empty,
    output: z.object({ due: z.number().int(), written: z.number().int() }),
    access: 'public',
    target: { kind: 'open' },
    mutates: true,
    example: {},
    timer: '0 0 * * * * *',
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
  figures: defineAction({
    summary: '工作统计：本辖区疗休养的期次、名额、候补与签到（按月份与工会）',
    input: figuresInput,
    output: figuresOutput,
    access: STAFF_ONLY,
    target: { kind: 'org', field: 'orgId' },
    mutates: false,
    example: FIGURES_EXAMPLE,
  }),
  todo: defineAction({
    summary: '待办：待审核的报名、即将到期的候补名额、待抽签的期次（最久的在前）',
    input: todoInput,
    output: todoOutput,
    access: STAFF_ONLY,
    target: { kind: 'org', field: 'orgId' },
    mutates: false,
    example: { orgId: 'org_jx' },
  }),
  trail: defineAction({
    summary: '一条报名的办理记录（谁、何时、做了什么、为什么）',
    input: bySignup,
    output: trailOutput,
    access: STAFF_ONLY,
    target: { kind: 'signup', field: 'signupId' },
    mutates: false,
    example: { signupId: 'trip_demo_u_demo' },
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
