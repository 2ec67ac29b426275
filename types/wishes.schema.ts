/**
 * wishes: 微心愿 — small wishes of archived hardship households, collected by their union (or the archived worker),
 * vetted, published to an area's pool, claimed by one volunteer with a delivery deadline, delivered with photos and
 * confirmed; volunteer points, a ranking for staff, and a public wall.
 */
import { z } from 'zod';
import { defineAction } from './contract';
import { FIGURES_EXAMPLE, figuresInput, figuresOutput, todoInput, todoOutput, trailOutput } from './dashboard';
import { docId, empty, localDate, reason, text } from './common';
import { defineErrors } from './errors';
import { fileView } from './files.schema';
import { ORG_LEVELS } from './org';
import { MEMBER_ROLES, STAFF_ROLES, type Role } from './roles';
import { PERSONAL_DATA_MESSAGES, personalDataIn } from './wishes.text';
import { wishWorkflow, type WishEvent, type WishStatus } from './wishes.workflow';

export const wishesErrors = defineErrors('wishes', {
  not_archived: '只能为已建档的困难职工家庭登记心愿',
  too_valuable: '心愿的估计价值超过了本地的上限',
  year_limit: '这户家庭今年登记的心愿已达上限',
  bad_date: '希望实现的日期不正确',
  not_in_pool: '这个心愿现在不在心愿池中',
  already_claimed: '这个心愿刚刚被其他志愿者认领了，请看看其他心愿',
  claim_limit: '您同时认领的心愿已达上限，请先送达已认领的心愿',
  own_household: '不能认领自己家庭的心愿',
  other_area: '这个心愿不在您所在地区的心愿池中',
  claim_expired: '认领已超过送达期限，心愿已回到心愿池',
  not_claimer: '这个心愿不是您认领的',
  wrong_status: '心愿当前的状态不能进行这个操作',
  already_thanked: '已经留过感谢的话了',
});

/** Who claims wishes: volunteers, and model workers (劳模志愿者). */
export const VOLUNTEER_ROLES = ['volunteer', 'model_worker'] as const satisfies readonly Role[];
/** Who browses the pool: volunteers, and staff who volunteer too (a staff post alone does not open the pool). */
const POOL_ROLES = [...VOLUNTEER_ROLES] as const;

export const WISH_CATEGORIES = ['appliance', 'mobility', 'health', 'study', 'daily', 'other'] as const;
export type WishCategory = (typeof WISH_CATEGORIES)[number];
export const WISH_CATEGORY_LABELS: Record<WishCategory, string> = {
  appliance: '家用电器',
  mobility: '出行工具',
  health: '康复护理',
  study: '学习用品',
  daily: '生活用品',
  other: '其他',
};

export const HANDOVERS = ['at_union', 'with_staff'] as const;
export type Handover = (typeof HANDOVERS)[number];
export const HANDOVER_LABELS: Record<Handover, string> = {
  at_union: '送到基层工会，由工会转交',
  with_staff: '由工会人员陪同送到家中',
};

export const WISH_STATUSES = ['submitted', 'returned', 'rejected', 'published', 'claimed', 'delivered', 'completed', 'withdrawn'] as const satisfies readonly WishStatus[];
export const WISH_STATUS_LABELS = Object.fromEntries(WISH_STATUSES.map((s) => [s, wishWorkflow.states[s].label])) as Record<WishStatus, string>;
export const WISH_EVENTS = Object.keys(wishWorkflow.events) as WishEvent[];

/** Pages of a long list (the pool runs to thousands). */
const paging = {
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(100_000).default(0),
};

const int = (min: number, max: number, label: string) =>
  z.number({ error: `${label}应为数字` }).int(`${label}应为整数`).min(min, `${label}不能小于 ${min}`).max(max, `${label}不能大于 ${max}`);

/** Text a volunteer will read: checked for phone numbers, ID numbers and addresses. */
function publicText(max: number, min: number, label: string) {
  return text(max, min, label).superRefine((v, ctx) => {
    const kind = personalDataIn(v);
    if (kind) ctx.addIssue({ code: 'custom', message: PERSONAL_DATA_MESSAGES[kind] });
  });
}

/** What is collected: the same schema checks the page's form and the function's input. */
export const wishForm = z
  .object({
    title: publicText(20, 2, '心愿名称'),
    category: z.enum(WISH_CATEGORIES, { error: '请选择心愿类别' }),
    description: publicText(300, 5, '心愿说明'),
    valueYuan: int(1, 100_000, '估计价值'),
    neededBy: localDate,
    handover: z.enum(HANDOVERS, { error: '请选择送达方式' }),
    photoIds: z.array(docId).max(3, '最多 3 张照片').default([]),
  })
  .strict();
export type WishForm = z.input<typeof wishForm>;

export const thanksText = publicText(100, 2, '感谢的话');

// ---- Policy (per city or county; the deepest one on a household's or a volunteer's path applies)

export const valueBand = z.object({ fromYuan: int(0, 100_000, '价值档起点'), points: int(0, 1000, '加分') }).strict();

export const wishPolicy = z
  .object({
    /** Highest estimated value a wish may have (yuan). */
    maxValueYuan: int(50, 10_000, '心愿价值上限'),
    /** Wishes a household may have a calendar year (not counting rejected or withdrawn ones). */
    wishesPerYear: int(1, 12, '每户每年心愿数'),
    /** Which level vets: the town (街道、乡镇) or the county. */
    vetLevel: z.enum(['town', 'county'], { error: '请选择审核层级' }),
    /** Which area's pool a wish is published to: the county's or the city's. */
    poolLevel: z.enum(['county', 'city'], { error: '请选择心愿池范围' }),
    /** Claims a volunteer may hold at once (claimed or delivered, not yet confirmed). */
    maxOpenClaims: int(1, 10, '每人同时认领数'),
    /** Days a volunteer has to deliver. */
    claimDays: int(1, 60, '送达期限'),
    /** Days before the deadline the volunteer is reminded. */
    remindDaysBefore: int(0, 14, '提前提醒天数'),
    /** Points for each completed wish, and extra points by value band (the highest band reached). */
    pointsPerWish: int(0, 1000, '每个心愿积分'),
    valueBands: z.array(valueBand).max(5, '最多 5 个价值档').default([]),
  })
  .strict();
export type WishPolicy = z.output<typeof wishPolicy>;

export const DEFAULT_WISH_POLICY: WishPolicy = {
  maxValueYuan: 500,
  wishesPerYear: 2,
  vetLevel: 'county',
  poolLevel: 'county',
  maxOpenClaims: 3,
  claimDays: 14,
  remindDaysBefore: 2,
  pointsPerWish: 10,
  valueBands: [
    { fromYuan: 200, points: 5 },
    { fromYuan: 400, points: 10 },
  ],
};

/** The points a completed wish of this value earns. */
export function pointsFor(policy: Pick<WishPolicy, 'pointsPerWish' | 'valueBands'>, valueYuan: number): number {
  const band = [...policy.valueBands].sort((a, b) => b.fromYuan - a.fromYuan).find((b) => valueYuan >= b.fromYuan);
  return policy.pointsPerWish + (band?.points ?? 0);
}

// ---- Views

/** What a volunteer sees in the pool: no phone, address, ID, full name or case details. */
export const poolItem = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(WISH_CATEGORIES),
  description: z.string(),
  valueYuan: z.number().int(),
  neededBy: z.string(),
  surnameMasked: z.string(),
  ageBand: z.string(),
  unionName: z.string(),
  poolName: z.string(),
  publishedAt: z.string(),
  /** It was claimed before and released when the deadline passed. */
  released: z.boolean(),
  /** The caller's own household's wish (shown, never claimable). */
  own: z.boolean(),
});
export type PoolItem = z.infer<typeof poolItem>;

export const poolRef = z.object({ id: z.string(), name: z.string(), level: z.enum(ORG_LEVELS) });

export const wishAction = z.enum([...WISH_EVENTS]);
export type WishAction = z.infer<typeof wishAction>;

export const historyLine = z.object({ at: z.string(), event: z.string(), text: z.string() });

export const contactView = z.object({ orgName: z.string(), people: z.array(z.object({ name: z.string(), phone: z.string() })) });

/** One wish as the caller may see it: `viewer` says which parts they are entitled to. */
export const wishView = z.object({
  id: z.string(),
  viewer: z.enum(['volunteer', 'claimer', 'household', 'staff']),
  title: z.string(),
  category: z.enum(WISH_CATEGORIES),
  description: z.string(),
  valueYuan: z.number().int(),
  neededBy: z.string(),
  handover: z.enum(HANDOVERS),
  status: z.enum(WISH_STATUSES),
  statusText: z.string(),
  surnameMasked: z.string(),
  ageBand: z.string(),
  unionName: z.string(),
  poolName: z.string(),
  releases: z.number().int(),
  /** Staff and the household: the household's name (staff see it in full). */
  householdName: z.string().nullable(),
  claim: z
    .object({ volunteerName: z.string(), claimedAt: z.string(), dueAt: z.string(), mine: z.boolean() })
    .nullable(),
  /** The handover contact: the grassroots union's staff (for the claiming volunteer and staff), never the household. */
  contact: contactView.nullable(),
  photos: z.array(fileView),
  delivery: z.object({ at: z.string(), note: z.string(), photos: z.array(fileView) }).nullable(),
  /** Why it was returned, rejected, disputed or withdrawn (the latest decision with a reason). */
  lastReason: z.string().nullable(),
  thanks: z.string().nullable(),
  points: z.number().int().nullable(),
  fulfilledBy: z.enum(['volunteer', 'union']).nullable(),
  /** What the caller may do now (the page renders these). */
  actions: z.array(wishAction),
  /** A volunteer viewing a published wish: whether they may claim it, and why not. */
  claimable: z.object({ ok: z.boolean(), reason: z.string().nullable() }),
  history: z.array(historyLine),
});
export type WishView = z.infer<typeof wishView>;

/** A volunteer's own claim or a past one. */
export const myClaim = z.object({
  id: z.string(),
  title: z.string(),
  valueYuan: z.number().int(),
  status: z.enum(WISH_STATUSES),
  statusText: z.string(),
  surnameMasked: z.string(),
  unionName: z.string(),
  dueAt: z.string().nullable(),
  /** In their history: how it ended for them (completed, given back, released). */
  outcome: z.string(),
  points: z.number().int().nullable(),
  thanks: z.string().nullable(),
  at: z.string(),
});
export type MyClaim = z.infer<typeof myClaim>;

/** A household's own wish. */
export const myWish = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(WISH_STATUSES),
  statusText: z.string(),
  neededBy: z.string(),
  lastReason: z.string().nullable(),
  at: z.string(),
});

export const mineOutput = z.object({
  points: z.object({ total: z.number().int(), completed: z.number().int() }),
  claimLimit: z.object({ max: z.number().int(), open: z.number().int() }),
  claims: z.array(myClaim),
  history: z.array(myClaim),
  household: z
    .object({
      householdId: z.string(),
      surnameMasked: z.string(),
      wishes: z.array(myWish),
      allowance: z.object({ year: z.number().int(), used: z.number().int(), max: z.number().int() }),
    })
    .nullable(),
});
export type MineOutput = z.infer<typeof mineOutput>;

export const tileOutput = z.object({
  openClaims: z.number().int(),
  nextDueAt: z.string().nullable(),
  /** The person's household's wishes waiting on them (to confirm receipt). */
  toConfirm: z.number().int(),
  householdOpen: z.number().int(),
});
export type WishTile = z.infer<typeof tileOutput>;

export const householdItem = z.object({
  id: z.string(),
  name: z.string(),
  nameMasked: z.string(),
  unionName: z.string(),
  category: z.enum(['deep', 'relative', 'accident']),
  archivedAt: z.string(),
  allowance: z.object({ year: z.number().int(), used: z.number().int(), max: z.number().int() }),
});

/** A wish in a staff list or queue. */
export const staffItem = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(WISH_CATEGORIES),
  description: z.string(),
  valueYuan: z.number().int(),
  neededBy: z.string(),
  status: z.enum(WISH_STATUSES),
  statusText: z.string(),
  householdName: z.string(),
  unionName: z.string(),
  poolName: z.string(),
  collectedBy: z.string(),
  volunteerName: z.string().nullable(),
  dueAt: z.string().nullable(),
  releases: z.number().int(),
  /** Stuck queue: why the wish is there. */
  stuckReason: z.string().nullable(),
  photos: z.array(fileView),
  actions: z.array(wishAction),
  updatedAt: z.string(),
});
export type StaffItem = z.infer<typeof staffItem>;

export const STAFF_VIEWS = ['confirm', 'stuck', 'active', 'done'] as const;
export type StaffListView = (typeof STAFF_VIEWS)[number];
export const STAFF_VIEW_LABELS: Record<StaffListView, string> = {
  confirm: '待确认收到',
  stuck: '滞留心愿',
  active: '进行中',
  done: '已结束',
};

export const rankingRow = z.object({ rank: z.number().int(), name: z.string(), orgName: z.string(), points: z.number().int(), completed: z.number().int() });

export const policyView = z.object({
  orgId: z.string(),
  orgName: z.string(),
  /** The org whose policy applies (this org's own, one above it, or null for the defaults). */
  fromOrgId: z.string().nullable(),
  fromOrgName: z.string().nullable(),
  policy: wishPolicy,
  canEdit: z.boolean(),
});

export const wallOutput = z.object({
  areas: z.array(z.object({ id: z.string(), name: z.string(), published: z.number().int(), claimed: z.number().int(), completed: z.number().int() })),
  totals: z.object({ published: z.number().int(), claimed: z.number().int(), completed: z.number().int() }),
  feed: z.array(z.object({ id: z.string(), title: z.string(), surnameMasked: z.string(), areaName: z.string(), volunteerNameMasked: z.string(), completedAt: z.string(), thanks: z.string().nullable() })),
  asOf: z.string(),
});

const byWish = z.object({ wishId: docId }).strict();
/** Actions the household takes on its own wish as well as its union's staff (the authority suite's outcomes). */
const HOUSEHOLD_OR_UNION = ['self', 'sameUnion', 'childOrg'] as const;
const wishAnswer = z.object({ wish: wishView, message: z.string() });

const EXAMPLE_FORM: z.input<typeof wishForm> = {
  title: '一台洗衣机',
  category: 'appliance',
  description: '家里的洗衣机坏了多年，老人手洗衣服很吃力，希望有一台小型波轮洗衣机。',
  valueYuan: 450,
  neededBy: '2026-07-31',
  handover: 'with_staff',
};

export const wishesActions = {
  // ---- volunteers
  pool: defineAction({
    summary: '心愿池：本地区待认领的心愿（按类别筛选，按截止日期或发布时间排序，分页）',
    input: z
      .object({
        poolId: docId.optional(),
        category: z.enum(WISH_CATEGORIES).optional(),
        sort: z.enum(['deadline', 'newest']).default('deadline'),
        ...paging,
      })
      .strict(),
    // total: the wishes counted up to 500 ahead of this page (totalCapped: there are more).
    output: z.object({ pools: z.array(poolRef), poolId: z.string().nullable(), items: z.array(poolItem), total: z.number().int(), totalCapped: z.boolean() }),
    access: POOL_ROLES,
    target: { kind: 'open' },
    mutates: false,
    example: { sort: 'deadline' },
  }),
  wish: defineAction({
    summary: '一个心愿（志愿者、认领人、本户与工会看到的内容不同）',
    input: byWish,
    output: wishView,
    access: MEMBER_ROLES,
    target: { kind: 'wish', field: 'wishId', allow: HOUSEHOLD_OR_UNION },
    mutates: false,
    example: { wishId: 'w_demo' },
  }),
  claim: defineAction({
    summary: '认领一个心愿（先到先得，每人同时认领数有上限，须在期限内送达）',
    input: byWish,
    output: wishAnswer,
    access: VOLUNTEER_ROLES,
    target: { kind: 'wish', field: 'wishId' },
    mutates: true,
    example: { wishId: 'w_demo' },
  }),
  giveBack: defineAction({
    summary: '放弃认领（心愿立即回到心愿池）',
    input: z.object({ wishId: docId, reason }).strict(),
    output: wishAnswer,
    access: VOLUNTEER_ROLES,
    target: { kind: 'wish', field: 'wishId' },
    mutates: true,
    example: { wishId: 'w_demo', reason: '近期出差，无法按时送达' },
  }),
  deliver: defineAction({
    summary: '送达心愿（至少一张送达照片）',
    input: z
      .object({
        wishId: docId,
        photoIds: z.array(docId).min(1, '请上传至少一张送达照片').max(6, '最多 6 张照片'),
        note: publicText(100, 0, '送达说明').optional(),
      })
      .strict(),
    output: wishAnswer,
    access: VOLUNTEER_ROLES,
    target: { kind: 'wish', field: 'wishId' },
    mutates: true,
    example: { wishId: 'w_demo', photoIds: ['f_demo'] },
  }),
  mine: defineAction({
    summary: '我的志愿积分、认领与记录；我家的心愿',
    input: empty,
    output: mineOutput,
    access: MEMBER_ROLES,
    target: { kind: 'self' },
    mutates: false,
    example: {},
  }),
  tile: defineAction({
    summary: '首页“微心愿”上显示的我的状态',
    input: empty,
    output: tileOutput,
    access: MEMBER_ROLES,
    target: { kind: 'self' },
    mutates: false,
    example: {},
  }),

  // ---- the household and its union
  collect: defineAction({
    summary: '为已建档的困难职工家庭登记心愿（工会代登记，或本人登记）',
    input: z.object({ householdId: docId.optional(), form: wishForm }).strict(),
    output: wishAnswer,
    access: MEMBER_ROLES,
    target: { kind: 'household', field: 'householdId', allow: ['self', 'sameUnion', 'childOrg'] },
    mutates: true,
    example: { householdId: 'hh_demo', form: EXAMPLE_FORM },
  }),
  resubmit: defineAction({
    summary: '修改被退回的心愿并重新提交',
    input: z.object({ wishId: docId, form: wishForm }).strict(),
    output: wishAnswer,
    access: MEMBER_ROLES,
    target: { kind: 'wish', field: 'wishId', allow: HOUSEHOLD_OR_UNION },
    mutates: true,
    example: { wishId: 'w_demo', form: EXAMPLE_FORM },
  }),
  withdraw: defineAction({
    summary: '撤回心愿（不再需要）',
    input: z.object({ wishId: docId, reason }).strict(),
    output: wishAnswer,
    access: MEMBER_ROLES,
    target: { kind: 'wish', field: 'wishId', allow: HOUSEHOLD_OR_UNION },
    mutates: true,
    example: { wishId: 'w_demo', reason: '家里已自行解决' },
  }),
  confirm: defineAction({
    summary: '确认收到心愿（完成后为志愿者记积分）',
    input: byWish,
    output: wishAnswer,
    access: MEMBER_ROLES,
    target: { kind: 'wish', field: 'wishId', allow: HOUSEHOLD_OR_UNION },
    mutates: true,
    example: { wishId: 'w_demo' },
  }),
  dispute: defineAction({
    summary: '没有收到：退回志愿者并说明原因',
    input: z.object({ wishId: docId, reason }).strict(),
    output: wishAnswer,
    access: MEMBER_ROLES,
    target: { kind: 'wish', field: 'wishId', allow: HOUSEHOLD_OR_UNION },
    mutates: true,
    example: { wishId: 'w_demo', reason: '东西还没有送到' },
  }),
  thank: defineAction({
    summary: '给志愿者留一句感谢的话',
    input: z.object({ wishId: docId, text: thanksText }).strict(),
    output: wishAnswer,
    access: MEMBER_ROLES,
    target: { kind: 'wish', field: 'wishId', allow: HOUSEHOLD_OR_UNION },
    mutates: true,
    example: { wishId: 'w_demo', text: '谢谢您送来的洗衣机，老人用着很方便！' },
  }),

  // ---- staff
  households: defineAction({
    summary: '本辖区已建档的困难职工家庭（用于登记心愿）',
    input: z.object({ ...paging }).strict(),
    output: z.object({ items: z.array(householdItem), total: z.number().int() }),
    access: STAFF_ROLES,
    target: { kind: 'scope', lists: 'household' },
    mutates: false,
    example: {},
  }),
  vetQueue: defineAction({
    summary: '待审核的心愿（本级负责审核的）',
    input: empty,
    output: z.object({ items: z.array(staffItem) }),
    access: STAFF_ROLES,
    target: { kind: 'scope', lists: 'wish' },
    mutates: false,
    example: {},
  }),
  vet: defineAction({
    summary: '审核心愿：通过并发布、退回修改或不予通过',
    input: z
      .object({ wishId: docId, decision: z.enum(['approve', 'return', 'reject'], { error: '请选择审核结果' }), reason: reason.optional() })
      .strict()
      .refine((v) => v.decision === 'approve' || !!v.reason, { message: '请填写原因', path: ['reason'] }),
    output: wishAnswer,
    access: STAFF_ROLES,
    target: { kind: 'wish', field: 'wishId' },
    mutates: true,
    example: { wishId: 'w_demo', decision: 'approve' },
  }),
  staffList: defineAction({
    summary: '本辖区的心愿：待确认收到、滞留心愿、进行中、已结束',
    input: z.object({ view: z.enum(STAFF_VIEWS), ...paging }).strict(),
    output: z.object({ items: z.array(staffItem), total: z.number().int() }),
    access: STAFF_ROLES,
    target: { kind: 'scope', lists: 'wish' },
    mutates: false,
    example: { view: 'stuck' },
  }),
  fulfil: defineAction({
    summary: '滞留的心愿由工会直接帮助完成',
    input: z.object({ wishId: docId, reason: reason.optional() }).strict(),
    output: wishAnswer,
    access: STAFF_ROLES,
    target: { kind: 'wish', field: 'wishId' },
    mutates: true,
    example: { wishId: 'w_demo', reason: '工会出资购买并送达' },
  }),
  ranking: defineAction({
    summary: '本辖区志愿者积分排行',
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ rows: z.array(rankingRow) }),
    access: STAFF_ROLES,
    target: { kind: 'scope' },
    mutates: false,
    example: {},
  }),
  exportRanking: defineAction({
    summary: '导出志愿者积分排行（Excel）',
    input: empty,
    output: z.object({ fileName: z.string(), contentBase64: z.string(), rows: z.number().int() }),
    access: STAFF_ROLES,
    target: { kind: 'scope' },
    mutates: false,
    example: {},
  }),
  policy: defineAction({
    summary: '心愿规则（价值上限、审核层级、心愿池范围、认领上限与期限、积分）',
    input: z.object({ orgId: docId.optional() }).strict(),
    output: policyView,
    access: STAFF_ROLES,
    target: { kind: 'scope' },
    mutates: false,
    example: {},
  }),
  savePolicy: defineAction({
    summary: '设置本地的心愿规则（县级及以上工会）',
    input: z.object({ orgId: docId, policy: wishPolicy }).strict(),
    output: policyView,
    access: STAFF_ROLES,
    target: { kind: 'org', field: 'orgId' },
    mutates: true,
    example: { orgId: 'org_jx', policy: DEFAULT_WISH_POLICY },
  }),

  // ---- everyone
  wall: defineAction({
    summary: '心愿墙：各地区发布、认领、完成的心愿数与最近完成的心愿',
    input: empty,
    output: wallOutput,
    access: 'public',
    target: { kind: 'open' },
    mutates: false,
    example: {},
  }),

  // ---- the staff workspace
  figures: defineAction({
    summary: '工作统计：本辖区心愿的登记、发布、认领、完成（按月份与工会），滞留心愿、活跃志愿者与志愿积分',
    input: figuresInput,
    output: figuresOutput,
    access: STAFF_ROLES,
    target: { kind: 'org', field: 'orgId' },
    mutates: false,
    example: FIGURES_EXAMPLE,
  }),
  todo: defineAction({
    summary: '待办：待审核、待确认收到、滞留的心愿和快到送达期限的认领（最久的在前）',
    input: todoInput,
    output: todoOutput,
    access: STAFF_ROLES,
    target: { kind: 'org', field: 'orgId' },
    mutates: false,
    example: { orgId: 'org_jx' },
  }),
  trail: defineAction({
    summary: '一个心愿的办理记录（谁、何时、做了什么、为什么）',
    input: byWish,
    output: trailOutput,
    access: STAFF_ROLES,
    target: { kind: 'wish', field: 'wishId' },
    mutates: false,
    example: { wishId: 'w_demo' },
  }),

  // ---- timers
  sweep: defineAction({
    summary: '提醒快到期的认领，释放超过送达期限的认领，刷新心愿墙（定时触发器调用）',
    input: empty,
    output: z.object({ reminded: z.number().int(), released: z.number().int() }),
    access: 'public',
    target: { kind: 'open' },
    mutates: true,
    example: {},
    timer: '0 */10 * * * * *',
  }),
  recover: defineAction({
    summary: '补全中断的认领、放弃、释放与确认（名额账、积分、留痕与消息）（定时触发器调用）',
    input: empty,
    output: z.object({ quotas: z.number().int(), repaired: z.number().int(), audits: z.number().int() }),
    access: 'public',
    target: { kind: 'open' },
    mutates: true,
    example: {},
    timer: '0 */5 * * * * *',
  }),
} as const;
