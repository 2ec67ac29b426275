/** greencard: the medical green-channel card — policy, partner hospitals, cards, codes, verification and visits. */
import { z } from 'zod';
import { defineAction } from './contract';
import { docId, empty, isoInstant, optionalText, reason, text } from './common';
import { HONOUR_LEVELS } from './account.schema';
import { VERDICTS } from './greencard.code';
import { CARD_EVENTS, cardWorkflow } from './greencard.workflow';

import { defineErrors } from './errors';
import { HOSPITAL_ROLES as CLERK, REGISTERED_ROLES as REGISTERED, STAFF_ROLES as STAFF } from './roles';

export const greencardErrors = defineErrors('greencard', {
  not_eligible: '您暂时不符合申领绿通卡的条件',
  already_holding: '您已持有绿通卡或申领正在审核中',
  bad_transition: '这张卡当前的状态不能进行这个操作',
  no_card: '您还没有绿通卡，请先申领。',
  card_not_usable: '您的绿通卡暂时不能使用，请联系所在工会。',
  no_hospital: '您的账号还没有绑定合作医院，请联系工会',
  not_configured: '绿通卡动态码服务尚未配置，请联系工会',
});
const HOLDER = ['model_worker'] as const;

export const PRIORITIES = ['registration', 'consultation', 'examination', 'treatment', 'admission', 'payment', 'medicine', 'parking'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS: Record<Priority, string> = {
  registration: '挂号优先',
  consultation: '就诊优先',
  examination: '检查优先',
  treatment: '治疗优先',
  admission: '住院优先',
  payment: '缴费优先',
  medicine: '取药优先',
  parking: '停车优先',
};
export const STANDARD_PRIORITIES: Priority[] = ['registration', 'consultation', 'examination', 'treatment', 'admission'];

export const CARD_STATUSES = ['pending', 'active', 'suspended', 'revoked', 'rejected'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];
export const CARD_STATUS_LABELS = Object.fromEntries(CARD_STATUSES.map((s) => [s, cardWorkflow.states[s].label])) as Record<CardStatus, string>;

const month = z.string().regex(/^\d{4}-\d{2}$/, '月份格式应为 年-月');

export const hospitalInput = z
  .object({
    id: docId.optional(),
    name: text(40, 2, '医院名称'),
    address: text(100, 2, '地址'),
    desk: text(100, 2, '窗口位置'),
    phone: text(30, 3, '电话'),
    hours: text(100, 2, '服务时间'),
    priorities: z.array(z.enum(PRIORITIES, { error: '优先项目不正确' })).min(1, '请至少选择一项优先服务').max(PRIORITIES.length),
    honouredOrgIds: z.array(docId).min(1, '请至少选择一个发卡工会').max(20, '发卡工会不能超过 20 个'),
    ownerOrgId: docId.optional(),
  })
  .strict();

export const hospitalView = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  desk: z.string(),
  phone: z.string(),
  hours: z.string(),
  priorities: z.array(z.enum(PRIORITIES)),
  honouredOrgIds: z.array(z.string()),
  honouredOrgNames: z.array(z.string()),
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  /** Orgs asked to have their cards honoured here, waiting for their staff to agree. */
  pendingOrgIds: z.array(z.string()),
  pendingOrgNames: z.array(z.string()),
  /** The caller's org (or one above) owns the hospital. */
  canEdit: z.boolean(),
  /** Requests to honour the caller's own org's cards, for the caller to answer. */
  requestsToAnswer: z.array(z.string()),
});
export type HospitalView = z.infer<typeof hospitalView>;

export const policyInput = z
  .object({
    orgId: docId,
    titles: z.array(text(40, 2, '荣誉称号')).max(30, '荣誉称号不能超过 30 个'),
    levels: z.array(z.enum(HONOUR_LEVELS)).max(HONOUR_LEVELS.length),
    validityMonths: z.number({ error: '有效期应为数字' }).int().min(1, '有效期至少 1 个月').max(120, '有效期不能超过 120 个月'),
  })
  .strict()
  .refine((p) => p.titles.length + p.levels.length > 0, { message: '请至少选择一个荣誉称号或荣誉级别', path: ['titles'] });

export const policyView = z.object({
  orgId: z.string(),
  orgName: z.string(),
  titles: z.array(z.string()),
  levels: z.array(z.enum(HONOUR_LEVELS)),
  validityMonths: z.number().int(),
  configured: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type PolicyView = z.infer<typeof policyView>;

export const eligibilityView = z.object({
  eligible: z.boolean(),
  issuerOrgId: z.string().nullable(),
  issuerOrgName: z.string().nullable(),
  honourTitle: z.string().nullable(),
  /** Plain-Chinese explanations, shown as they are. */
  reasons: z.array(z.string()),
});
export type EligibilityView = z.infer<typeof eligibilityView>;

export const partnerHospital = hospitalView.pick({ id: true, name: true, address: true, desk: true, phone: true, hours: true, priorities: true });
export type PartnerHospital = z.infer<typeof partnerHospital>;

/** The holder's own card (their own name unmasked only behind the eye). */
export const holderCard = z.object({
  cardId: z.string(),
  cardNo: z.string(),
  status: z.enum(CARD_STATUSES),
  /** True when the card is active and inside its validity period. */
  usable: z.boolean(),
  statusReason: z.string().nullable(),
  name: z.string(),
  nameMasked: z.string(),
  idMasked: z.string(),
  /** Everything the system keeps of the ID number (the full number is never stored). */
  idRevealed: z.string(),
  birthYear: z.number().int(),
  honourTitle: z.string(),
  issuerOrgId: z.string(),
  issuerOrgName: z.string(),
  validFrom: z.string().nullable(),
  validUntil: z.string().nullable(),
  appliedAt: z.string(),
});
export type HolderCard = z.infer<typeof holderCard>;

export const myCardOutput = z.object({
  card: holderCard.nullable(),
  eligibility: eligibilityView,
  hospitals: z.array(partnerHospital),
  serverNow: z.string(),
});
export type MyCardOutput = z.infer<typeof myCardOutput>;

export const codeItem = z.object({ w: z.number().int(), c: z.string(), s: z.string() });
export type CodeItem = z.infer<typeof codeItem>;

export const codesOutput = z.object({
  cardNo: z.string(),
  serverNow: z.string(),
  windowMs: z.number().int(),
  codes: z.array(codeItem).max(1000),
});
export type CodesOutput = z.infer<typeof codesOutput>;

export const visitView = z.object({
  id: z.string(),
  hospitalId: z.string(),
  hospitalName: z.string(),
  at: z.string(),
  offline: z.boolean(),
});
export type VisitView = z.infer<typeof visitView>;

export const directoryEntry = z.object({
  cardNo: z.string(),
  status: z.enum(CARD_STATUSES),
  nameMasked: z.string(),
  honourTitle: z.string(),
  birthYear: z.number().int(),
  validUntilAt: z.string(),
});

export type DirectoryEntry = z.infer<typeof directoryEntry>;

export const verifierSyncOutput = z.object({
  hospital: partnerHospital,
  keys: z.array(z.object({ kid: z.string(), publicKey: z.string() })),
  cards: z.array(directoryEntry),
  syncedAt: z.string(),
});
export type VerifierSyncOutput = z.infer<typeof verifierSyncOutput>;

/** What the clerk sees for a card: the least that lets them match the person at the desk. */
export const checkedCard = z.object({
  cardNo: z.string(),
  nameMasked: z.string(),
  honourTitle: z.string(),
  birthYear: z.number().int(),
});

export const verifyOutput = z.object({
  verdict: z.enum(VERDICTS),
  title: z.string(),
  message: z.string(),
  checkedAt: z.string(),
  card: checkedCard.nullable(),
  priorities: z.array(z.enum(PRIORITIES)),
  visitId: z.string().nullable(),
  /** This code was already recorded at this hospital: no second visit. */
  repeat: z.boolean(),
});
export type VerifyOutput = z.infer<typeof verifyOutput>;

export const staffCardRow = z.object({
  cardId: z.string(),
  cardNo: z.string(),
  status: z.enum(CARD_STATUSES),
  usable: z.boolean(),
  statusReason: z.string().nullable(),
  nameMasked: z.string(),
  idMasked: z.string(),
  honourTitle: z.string(),
  issuerOrgName: z.string(),
  validUntil: z.string().nullable(),
  appliedAt: z.string(),
  /** What the caller may do to this card now, from the declared workflow. */
  actions: z.array(z.enum(CARD_EVENTS)),
});
export type StaffCardRow = z.infer<typeof staffCardRow>;

const cardRef = z.object({ cardId: docId }).strict();

const withReason = z.object({ cardId: docId, reason }).strict();

/** A staff decision on one card, through the card workflow: answered with the card as staff now see it. */
function onCard<I extends z.ZodType>(summary: string, input: I, example: z.input<I>) {
  return defineAction({ summary, input, output: staffCardRow, access: STAFF, target: { kind: 'card', field: 'cardId' }, mutates: true, example });
}

export const greencardActions = {
  myCard: defineAction({
    summary: '我的绿通卡、申领资格与合作医院',
    input: empty,
    output: myCardOutput,
    access: REGISTERED,
    target: { kind: 'self' },
    mutates: false,
    example: {},
  }),
  apply: defineAction({
    summary: '申领医疗绿通卡（不符合条件时说明原因）',
    input: empty,
    output: myCardOutput,
    access: REGISTERED,
    target: { kind: 'self' },
    mutates: true,
    example: {},
  }),
  myCodes: defineAction({
    summary: '领取接下来 13 小时的动态码（离线可用）',
    input: empty,
    output: codesOutput,
    access: HOLDER,
    target: { kind: 'self' },
    mutates: false,
    example: {},
  }),
  myVisits: defineAction({
    summary: '我的绿色通道就诊记录',
    input: z.object({ limit: z.number().int().min(1).max(100).default(50) }).strict(),
    output: z.object({ visits: z.array(visitView) }),
    access: HOLDER,
    target: { kind: 'self' },
    mutates: false,
    example: { limit: 20 },
  }),

  verifierSync: defineAction({
    summary: '核验端同步：公钥、本院受理的卡及暂停/注销名单',
    input: empty,
    output: verifierSyncOutput,
    access: CLERK,
    target: { kind: 'self' },
    mutates: false,
    example: {},
  }),
  verify: defineAction({
    summary: '核验绿通卡（扫码、粘贴长码或输入短码），有效时记录一次就诊',
    input: z
      .object({
        code: z.string().trim().min(1, '请输入或扫描码').max(400, '码太长，不是绿通卡的码').optional(),
        shortCode: z.string().trim().max(20, '短码是 10 位数字').optional(),
      })
      .strict()
      .refine((v) => (v.code ? 1 : 0) + (v.shortCode ? 1 : 0) === 1, { message: '请扫描二维码或输入短码（二选一）' }),
    output: verifyOutput,
    access: CLERK,
    target: { kind: 'self' },
    mutates: true,
    idempotent: true,
    example: { code: 'GC1.AAAA' },
  }),
  uploadVisits: defineAction({
    summary: '上传离线时核验通过的就诊记录（重复上传不会重复记录）',
    input: z
      .object({
        visits: z
          .array(z.object({ code: z.string().trim().min(1).max(400, '码太长'), checkedAt: isoInstant }).strict())
          .max(200, '一次最多上传 200 条'),
      })
      .strict(),
    output: z.object({
      accepted: z.number().int(),
      duplicates: z.number().int(),
      rejected: z.array(z.object({ index: z.number().int(), verdict: z.enum(VERDICTS) })),
    }),
    access: CLERK,
    target: { kind: 'self' },
    mutates: true,
    idempotent: true,
    example: { visits: [{ code: 'GC1.AAAA', checkedAt: '2026-06-01T02:00:00.000Z' }] },
  }),

  recover: defineAction({
    summary: '补全中断操作的留痕，清理过期的短码计数（定时触发器调用）',
    input: empty,
    output: z.object({ audits: z.number().int(), attempts: z.number().int() }),
    access: 'public',
    target: { kind: 'open' },
    mutates: true,
    example: {},
    timer: '0 */10 * * * * *',
  }),

  listHospitals: defineAction({
    summary: '合作医院列表',
    input: empty,
    output: z.object({ hospitals: z.array(hospitalView) }),
    access: STAFF,
    target: { kind: 'scope' },
    mutates: false,
    example: {},
  }),
  saveHospital: defineAction({
    summary: '新增或修改合作医院（优先项目、受理哪些工会发放的卡）',
    input: hospitalInput,
    output: hospitalView,
    access: STAFF,
    target: { kind: 'hospital', field: 'id' },
    mutates: true,
    example: {
      name: '嘉兴市第一医院',
      address: '嘉兴市南湖区中环南路1882号',
      desk: '门诊一楼服务台',
      phone: '0573-82719000',
      hours: '工作日 8:00-17:00',
      priorities: ['registration', 'consultation'],
      honouredOrgIds: ['org_jx'],
    },
  }),
  answerHonourRequest: defineAction({
    summary: '答复合作医院受理本工会绿通卡的请求',
    input: z.object({ hospitalId: docId, orgId: docId, agree: z.boolean() }).strict(),
    output: hospitalView,
    access: STAFF,
    target: { kind: 'hospital', field: 'hospitalId' },
    mutates: true,
    example: { hospitalId: 'hosp_demo', orgId: 'org_jx', agree: true },
  }),
  getPolicy: defineAction({
    summary: '查看发卡工会的申领条件与有效期',
    input: z.object({ orgId: docId }).strict(),
    output: policyView,
    access: STAFF,
    target: { kind: 'org', field: 'orgId', allow: ['sameUnion', 'childOrg', 'parentOrg'] },
    mutates: false,
    example: { orgId: 'org_jx' },
  }),
  savePolicy: defineAction({
    summary: '设置发卡工会的申领条件与有效期',
    input: policyInput,
    output: policyView,
    access: STAFF,
    target: { kind: 'org', field: 'orgId' },
    mutates: true,
    example: { orgId: 'org_jx', titles: ['全国劳动模范'], levels: [], validityMonths: 36 },
  }),
  listCards: defineAction({
    summary: '本辖区的绿通卡与申领',
    input: z
      .object({
        status: z.enum(CARD_STATUSES).optional(),
        limit: z.number().int().min(1).max(100).default(20),
        offset: z.number().int().min(0).max(100000).default(0),
      })
      .strict(),
    output: z.object({ cards: z.array(staffCardRow), total: z.number().int() }),
    access: STAFF,
    target: { kind: 'scope', lists: 'card' },
    mutates: false,
    example: { status: 'pending' },
  }),
  approve: onCard('批准绿通卡申领', cardRef, { cardId: 'gc_LT000001' }),
  reject: onCard('不批准绿通卡申领（需说明原因）', withReason, { cardId: 'gc_LT000001', reason: '荣誉信息有误' }),
  suspend: onCard('暂停绿通卡（需说明原因）', withReason, { cardId: 'gc_LT000001', reason: '手机遗失，暂停使用' }),
  reinstate: onCard('恢复已暂停的绿通卡', z.object({ cardId: docId, reason: reason.optional() }).strict(), { cardId: 'gc_LT000001' }),
  revoke: onCard('注销绿通卡（需说明原因）', withReason, { cardId: 'gc_LT000001', reason: '荣誉被撤销' }),
  renew: onCard('绿通卡续期', cardRef, { cardId: 'gc_LT000001' }),
  issueBatch: defineAction({
    summary: '为本辖区所有符合条件的劳模一次发卡',
    input: z.object({ orgId: docId.optional(), note: optionalText(100, '备注') }).strict(),
    output: z.object({ issued: z.number().int(), alreadyHolding: z.number().int(), ineligible: z.number().int(), cards: z.array(staffCardRow) }),
    access: STAFF,
    target: { kind: 'org', field: 'orgId' },
    mutates: true,
    example: { orgId: 'org_jx' },
  }),
  visitStats: defineAction({
    summary: '本辖区劳模每家医院每月的绿色通道就诊次数',
    input: z.object({ from: month.optional(), to: month.optional() }).strict(),
    output: z.object({
      rows: z.array(z.object({ hospitalId: z.string(), hospitalName: z.string(), month: z.string(), visits: z.number().int() })),
      total: z.number().int(),
    }),
    access: STAFF,
    target: { kind: 'scope' },
    mutates: false,
    example: { from: '2026-01' },
  }),
} as const;

