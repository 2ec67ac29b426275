/**
 * trips: the forms and views of 疗休养 — statuses, eligibility rules, the trip and sign-up forms, and what people and
 * staff see. The actions that take and give them are in trips.schema.ts.
 */
import { z } from 'zod';
import { docId, isoInstant, localDate, mobilePhone, optionalText, personName, text } from './common';
import { HONOUR_LEVELS } from './account.schema';
import { defineErrors } from './errors';
import { signupWorkflow } from './trips.workflow';

export const tripsErrors = defineErrors('trips', {
  not_open: '报名还没有开始，请到时再来',
  closed: '这个疗休养已停止报名',
  not_eligible: '您暂时不符合报名条件',
  already_signed_up: '您已经报名了这个疗休养，请在“我的报名”中查看',
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

