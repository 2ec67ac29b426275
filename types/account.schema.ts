/** account: the caller's own identity, profile, roles and honours; the organisation tree. */
import { z } from 'zod';
import { defineAction } from './contract';
import { docId, empty, idNumber, mobilePhone, personName, text } from './common';
import { ORG_LEVELS } from './org';
import { REGISTERED_ROLES, ROLES } from './roles';
import { defineErrors } from './errors';

export const accountErrors = defineErrors('account', {
  already_registered: '您已完成实名登记，如需修改请使用“修改资料”',
  id_taken: '该身份证号已被其他微信账号登记。如有疑问，请联系所在基层工会',
  use_transfer: '更换所属工会需要提交调动申请，由工会确认后生效',
  transfer_open: '已有一条等待确认的调动申请，请等它办结或先撤回',
  transfer_closed: '这条调动申请已经办结',
});

export const TRANSFER_STATUSES = ['pending', 'done', 'rejected', 'withdrawn'] as const;
export const transferView = z.object({
  id: z.string(),
  userId: z.string(),
  fromOrgName: z.string(),
  toOrgName: z.string(),
  status: z.enum(TRANSFER_STATUSES),
  statusText: z.string(),
  reason: z.string(),
  decisionReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TransferView = z.infer<typeof transferView>;

export const HONOUR_LEVELS = ['national', 'provincial', 'city', 'county'] as const;
export type HonourLevel = (typeof HONOUR_LEVELS)[number];
export const HONOUR_LEVEL_LABELS: Record<HonourLevel, string> = {
  national: '全国级',
  provincial: '省部级',
  city: '市级',
  county: '县级',
};

export const orgSummary = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(ORG_LEVELS),
  parentId: z.string().nullable(),
});
export type OrgSummary = z.infer<typeof orgSummary>;

export const honourView = z.object({
  id: z.string(),
  title: z.string(),
  level: z.enum(HONOUR_LEVELS),
  year: z.number().int(),
  awardingBody: z.string(),
  linkStatus: z.enum(['none', 'suggested', 'confirmed', 'rejected']),
});
export type HonourView = z.infer<typeof honourView>;

export const staffScope = z.object({ orgId: z.string(), orgName: z.string(), level: z.enum(ORG_LEVELS) });

/** The person's own profile: unmasked, because it is theirs. */
export const ownProfile = z.object({
  userId: z.string(),
  name: z.string(),
  phone: z.string(),
  idMasked: z.string(),
  birthYear: z.number().int().nullable(),
  org: orgSummary.nullable(),
  status: z.enum(['active', 'deceased']),
});

export const meOutput = z.object({
  registered: z.boolean(),
  roles: z.array(z.enum(ROLES)),
  profile: ownProfile.nullable(),
  honours: z.array(honourView),
  staffScope: staffScope.nullable(),
  hospital: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type MeOutput = z.infer<typeof meOutput>;

/** The form a person fills in to register or edit their profile; the same schema checks it in the function. */
export const profileForm = z
  .object({
    name: personName,
    phone: mobilePhone,
    idNumber: idNumber,
    orgId: docId,
  })
  .strict();
export type ProfileForm = z.input<typeof profileForm>;

export const updateProfileInput = profileForm.partial().strict().refine((v) => Object.keys(v).length > 0, {
  message: '没有需要修改的内容',
});

export const accountActions = {
  me: defineAction({
    summary: '我的资料、身份与荣誉',
    input: empty,
    output: meOutput,
    access: 'signedIn',
    target: { kind: 'self' },
    mutates: false,
    example: {},
  }),
  register: defineAction({
    summary: '实名登记',
    input: profileForm,
    output: meOutput,
    access: 'signedIn',
    target: { kind: 'self' },
    mutates: true,
    example: { name: '王小明', phone: '13812345678', idNumber: '330402198001011236', orgId: 'org_demo' },
  }),
  updateProfile: defineAction({
    summary: '修改个人资料',
    input: updateProfileInput,
    output: meOutput,
    access: REGISTERED_ROLES,
    target: { kind: 'self' },
    mutates: true,
    example: { phone: '13912345678' },
  }),
  requestTransfer: defineAction({
    summary: '申请调动到其他基层工会（由调入工会确认）',
    input: z.object({ toOrgId: docId, reason: text(200, 2, '调动原因') }).strict(),
    output: transferView,
    access: REGISTERED_ROLES,
    target: { kind: 'self' },
    mutates: true,
    example: { toOrgId: 'org_demo', reason: '工作单位变动' },
  }),
  myTransfers: defineAction({
    summary: '我的调动申请',
    input: empty,
    output: z.object({ transfers: z.array(transferView) }),
    access: REGISTERED_ROLES,
    target: { kind: 'self' },
    mutates: false,
    example: {},
  }),
  withdrawTransfer: defineAction({
    summary: '撤回我的调动申请',
    input: z.object({ transferId: docId }).strict(),
    output: transferView,
    access: REGISTERED_ROLES,
    target: { kind: 'self' },
    mutates: true,
    example: { transferId: 'tr_demo' },
  }),
  maintain: defineAction({
    summary: '清理过期的请求记录（定时触发器调用）',
    input: empty,
    output: z.object({ requestsRemoved: z.number().int() }),
    access: 'public',
    target: { kind: 'open' },
    mutates: true,
    example: {},
    timer: '0 7 * * * * *',
  }),
  listOrgs: defineAction({
    summary: '组织（工会）列表，用于选择所属基层工会',
    input: z.object({ parentId: docId.nullable().optional(), level: z.enum(ORG_LEVELS).optional() }).strict(),
    output: z.object({ orgs: z.array(orgSummary) }),
    access: 'public',
    target: { kind: 'open' },
    mutates: false,
    example: { parentId: null },
  }),
} as const;
