/** staff: people and roles inside the caller's subtree, the honour registry, transfers and deaths. */
import { z } from 'zod';
import { defineAction } from './contract';
import { decisionInput, docId, empty, idNumber, localDate, optionalText, personName, reason, text } from './common';
import { HONOUR_LEVELS, honourView, orgSummary, transferView } from './account.schema';
import { defineErrors } from './errors';
import { exportFile, exportTablesInput } from './dashboard';
import { GRANTABLE_ROLES, ROLES, STAFF_ROLES as STAFF_ONLY } from './roles';

export const staffErrors = defineErrors('staff', {
  self_change: '不能修改自己的角色，请联系上级工会',
  role_absent: '该人员没有这个角色',
  person_deceased: '该人员已登记去世',
  honour_exists: '这条荣誉已经登记过了',
  link_not_pending: '这条荣誉没有待确认的关联',
  maker_checker: '登记荣誉和确认关联需要由两位工作人员分别办理',
  no_org: '尚未建立工会组织',
});

export const personRow = z.object({
  userId: z.string(),
  nameMasked: z.string(),
  phoneMasked: z.string(),
  idMasked: z.string(),
  org: orgSummary.nullable(),
  roles: z.array(z.enum(ROLES)),
  status: z.enum(['active', 'deceased']),
  hospitalId: z.string().nullable(),
  staffOrgId: z.string().nullable(),
});
export type PersonRow = z.infer<typeof personRow>;

export const honourInput = z
  .object({
    name: personName,
    idNumber: idNumber,
    title: text(40, 2, '荣誉称号'),
    level: z.enum(HONOUR_LEVELS, { error: '请选择荣誉级别' }),
    year: z.number({ error: '年份应为数字' }).int().min(1950, '年份不正确').max(2100, '年份不正确'),
    awardingBody: text(60, 2, '授予单位'),
  })
  .strict();
export type HonourInput = z.input<typeof honourInput>;

export const registryHonour = honourView.extend({
  nameMasked: z.string(),
  idMasked: z.string(),
  orgId: z.string(),
  linkedUserId: z.string().nullable(),
});

export const importRowError = z.object({ row: z.number().int(), field: z.string().optional(), message: z.string() });

export const staffActions = {
  exportTables: defineAction({
    summary: '把工作统计的表格导出为 Excel（每张表一页）',
    input: exportTablesInput,
    output: exportFile,
    access: STAFF_ONLY,
    target: { kind: 'scope' },
    mutates: false,
    example: { title: '嘉兴市总工会工作统计', tables: [{ title: '每月发卡', rowLabel: '月份', columns: ['发卡张数'], rows: [{ label: '2026年6月', values: [3] }], unit: '张', note: '' }] },
  }),
  searchPeople: defineAction({
    summary: '查找本辖区的人员（脱敏显示）',
    input: z
      .object({
        name: optionalText(20, '姓名'),
        orgId: docId.optional(),
        role: z.enum(ROLES).optional(),
        limit: z.number().int().min(1).max(100).default(20),
        offset: z.number().int().min(0).max(100000).default(0),
      })
      .strict(),
    output: z.object({ people: z.array(personRow), total: z.number().int() }),
    access: STAFF_ONLY,
    target: { kind: 'scope', lists: 'person' },
    mutates: false,
    example: { name: '王', limit: 20 },
  }),
  grantRole: defineAction({
    summary: '授予角色（仅限本辖区）',
    input: z
      .object({ userId: docId, role: z.enum(GRANTABLE_ROLES), orgId: docId.optional(), hospitalId: docId.optional() })
      .strict(),
    output: personRow,
    access: STAFF_ONLY,
    target: { kind: 'person', field: 'userId' },
    mutates: true,
    example: { userId: 'u_demo', role: 'volunteer' },
  }),
  revokeRole: defineAction({
    summary: '取消角色（仅限本辖区）',
    input: z.object({ userId: docId, role: z.enum(GRANTABLE_ROLES), reason: reason.optional() }).strict(),
    output: personRow,
    access: STAFF_ONLY,
    target: { kind: 'person', field: 'userId' },
    mutates: true,
    example: { userId: 'u_demo', role: 'volunteer' },
  }),
  addHonour: defineAction({
    summary: '登记一条劳模工匠荣誉',
    input: honourInput,
    output: registryHonour,
    access: STAFF_ONLY,
    target: { kind: 'scope' },
    mutates: true,
    example: {
      name: '王小明',
      idNumber: '330402198001011236',
      title: '全国劳动模范',
      level: 'national',
      year: 2020,
      awardingBody: '中华人民共和国国务院',
    },
  }),
  importHonours: defineAction({
    summary: '从 CSV 或 Excel 表格批量导入荣誉（先校验，全部无误才写入）',
    input: z
      .object({
        fileName: z.string().regex(/^[^/\\]{1,100}\.(csv|xlsx)$/i, '只支持 .csv 或 .xlsx 文件'),
        contentBase64: z.string().max(2_800_000, '文件不能超过 2 MB').regex(/^[A-Za-z0-9+/=\r\n]*$/, '文件内容不正确'),
        commit: z.boolean().default(false),
      })
      .strict(),
    output: z.object({
      rows: z.number().int(),
      errors: z.array(importRowError),
      created: z.number().int(),
      unchanged: z.number().int(),
      committed: z.boolean(),
    }),
    access: STAFF_ONLY,
    target: { kind: 'scope' },
    mutates: true,
    example: { fileName: 'honours.csv', contentBase64: '', commit: false },
  }),
  listHonours: defineAction({
    summary: '荣誉登记册（本辖区）',
    input: z
      .object({
        linkStatus: z.enum(['none', 'suggested', 'confirmed', 'rejected']).optional(),
        limit: z.number().int().min(1).max(100).default(20),
        offset: z.number().int().min(0).max(100000).default(0),
      })
      .strict(),
    output: z.object({ honours: z.array(registryHonour), total: z.number().int() }),
    access: STAFF_ONLY,
    target: { kind: 'scope', lists: 'honour' },
    mutates: false,
    example: { linkStatus: 'suggested' },
  }),
  confirmHonourLink: defineAction({
    summary: '确认荣誉与登记人员的关联',
    input: z.object({ honourId: docId }).strict(),
    output: registryHonour,
    access: STAFF_ONLY,
    target: { kind: 'honour', field: 'honourId' },
    mutates: true,
    example: { honourId: 'h_demo' },
  }),
  rejectHonourLink: defineAction({
    summary: '否认荣誉与登记人员的关联',
    input: z.object({ honourId: docId, reason }).strict(),
    output: registryHonour,
    access: STAFF_ONLY,
    target: { kind: 'honour', field: 'honourId' },
    mutates: true,
    example: { honourId: 'h_demo', reason: '身份信息不符' },
  }),
  markTransfer: defineAction({
    summary: '登记人员调动到其他基层工会（调入工会不在本辖区时，由调入工会确认）',
    input: z.object({ userId: docId, toOrgId: docId, reason }).strict(),
    output: personRow.extend({ transfer: transferView }),
    access: STAFF_ONLY,
    target: { kind: 'person', field: 'userId' },
    mutates: true,
    example: { userId: 'u_demo', toOrgId: 'org_demo', reason: '工作调动' },
  }),
  listTransfers: defineAction({
    summary: '等待本工会确认的调动申请',
    input: empty,
    output: z.object({ transfers: z.array(transferView) }),
    access: STAFF_ONLY,
    target: { kind: 'scope', lists: 'transfer' },
    mutates: false,
    example: {},
  }),
  decideTransfer: defineAction({
    summary: '确认或不同意调动申请',
    input: decisionInput('transferId', 'confirm', 'reject', '不同意'),
    output: transferView,
    access: STAFF_ONLY,
    target: { kind: 'transfer', field: 'transferId' },
    mutates: true,
    example: { transferId: 'tr_demo', decision: 'confirm' },
  }),
  recover: defineAction({
    summary: '补全中断的批量导入的留痕（定时触发器调用）',
    input: empty,
    output: z.object({ imports: z.number().int() }),
    access: 'public',
    target: { kind: 'open' },
    mutates: true,
    example: {},
    timer: '0 */10 * * * * *',
  }),
  markDeceased: defineAction({
    summary: '登记人员去世',
    input: z.object({ userId: docId, date: localDate, reason: reason.optional() }).strict(),
    output: personRow,
    access: STAFF_ONLY,
    target: { kind: 'person', field: 'userId' },
    mutates: true,
    example: { userId: 'u_demo', date: '2026-01-01' },
  }),
} as const;
