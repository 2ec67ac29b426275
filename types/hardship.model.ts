/**
 * hardship (困难帮扶): the case form, the staff's records of each step (home visit, income check, award, payment), the
 * per-org configuration (低保 standard, which levels a case passes, deadlines, 公示 days, tiers) and what people and
 * staff see. One schema validates the form in the app and the input in the function. The actions are in
 * hardship.schema.ts; the pure rules (per-capita income, self-test, documents by cause, tier suggestions) in
 * hardship.rules.ts; the lifecycle in hardship.workflow.ts.
 */
import { z } from 'zod';
import { docId, idNumber, localDate, mobilePhone, optionalText, personName, text } from './common';
import { defineErrors } from './errors';
import { ORG_LEVELS } from './org';
import { fileView } from './files.schema';

export const hardshipErrors = defineErrors('hardship', {
  duplicate: '这位职工今年已有同类帮扶申请，请在原申请中查看进度',
  not_yours: '只有提交人可以修改或撤回这份申请',
  locked: '申请已进入审批，不能再修改这一项',
  not_at_step: '这份申请不在您所在工会办理的环节',
  step_rule: '按本地帮扶规定，这一环节不能这样办理',
  out_of_bounds: '救助金额超出了规定的范围',
  notice_closed: '公示期已结束，不能再提出异议',
  not_member: '这位职工不在您所在工会的管理范围内',
  config_level: '帮扶标准由县（市、区）级及以上工会设置',
  amount_mismatch: '发放金额与批准金额不一致，请核对',
  no_form: '请先补全申请信息',
  import_bad: '名单文件无法读取，请使用下载的模板填写',
});

// ---- Vocabulary ---------------------------------------------------------------------------------------------

export const CASE_KINDS = ['ongoing', 'one_off'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_KIND_LABELS: Record<CaseKind, string> = { ongoing: '日常救助', one_off: '临时救助' };

export const CAUSES = ['own_illness', 'family_illness', 'disability', 'unemployment', 'low_income', 'disaster', 'accident', 'schooling', 'other'] as const;
export type Cause = (typeof CAUSES)[number];
export const CAUSE_LABELS: Record<Cause, string> = {
  own_illness: '本人患病',
  family_illness: '家属患病',
  disability: '因残',
  unemployment: '失业',
  low_income: '收入低',
  disaster: '因灾',
  accident: '意外事故',
  schooling: '子女就学',
  other: '其他',
};

export const WORK_STATUSES = ['employed', 'unemployed', 'retired'] as const;
export type WorkStatus = (typeof WORK_STATUSES)[number];
export const WORK_STATUS_LABELS: Record<WorkStatus, string> = { employed: '在职', unemployed: '失业', retired: '退休' };

export const AID_KINDS = ['living', 'medical', 'schooling'] as const;
export type AidKind = (typeof AID_KINDS)[number];
export const AID_KIND_LABELS: Record<AidKind, string> = { living: '生活救助', medical: '医疗救助', schooling: '金秋助学' };

export const CATEGORIES = ['deep', 'relative', 'accident'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = { deep: '深度困难', relative: '相对困难', accident: '意外致困' };

export const HEALTH_STATES = ['healthy', 'chronic', 'serious', 'disabled'] as const;
export const HEALTH_LABELS: Record<(typeof HEALTH_STATES)[number], string> = { healthy: '健康', chronic: '慢性病', serious: '重病', disabled: '残疾' };

export const RELATIONS = ['spouse', 'child', 'parent', 'sibling', 'grandchild', 'other'] as const;
export const RELATION_LABELS: Record<(typeof RELATIONS)[number], string> = { spouse: '配偶', child: '子女', parent: '父母', sibling: '兄弟姐妹', grandchild: '孙辈', other: '其他' };

export const HOUSING_TYPES = ['owned', 'rented', 'public', 'relatives', 'other'] as const;
export const HOUSING_LABELS: Record<(typeof HOUSING_TYPES)[number], string> = { owned: '自有住房', rented: '租房', public: '公租房', relatives: '借住亲友家', other: '其他' };

export const BUSINESS_TYPES = ['none', 'self', 'employs'] as const;
export const BUSINESS_LABELS: Record<(typeof BUSINESS_TYPES)[number], string> = { none: '没有', self: '个体经营（无雇工）', employs: '经营企业并雇用他人' };

/** Documents a case may need, by what they prove. */
export const DOCS = ['diagnosis', 'medical_receipts', 'admission', 'fee_receipts', 'disability_cert', 'incident_proof', 'unemployment_proof', 'income_proof', 'other'] as const;
export type DocKind = (typeof DOCS)[number];
export const DOC_LABELS: Record<DocKind, string> = {
  diagnosis: '本年度诊断证明',
  medical_receipts: '自付医疗费用票据',
  admission: '录取通知书或在学证明',
  fee_receipts: '学费缴费凭证',
  disability_cert: '残疾证',
  incident_proof: '受灾或事故证明',
  unemployment_proof: '失业登记证明',
  income_proof: '收入证明',
  other: '其他材料',
};

export const PAY_METHODS = ['bank', 'cash', 'other'] as const;
export const PAY_METHOD_LABELS: Record<(typeof PAY_METHODS)[number], string> = { bank: '银行转账', cash: '现金', other: '其他' };

export const ATTESTATIONS = ['applicant_signed', 'visitors_attest'] as const;
export const ATTESTATION_LABELS: Record<(typeof ATTESTATIONS)[number], string> = {
  applicant_signed: '申请人已在走访记录上签字',
  visitors_attest: '申请人无法签字，由走访人共同证明',
};

export const INCOME_CHECK_OUTCOMES = ['consistent', 'inconsistent', 'unavailable'] as const;
export const INCOME_CHECK_LABELS: Record<(typeof INCOME_CHECK_OUTCOMES)[number], string> = {
  consistent: '核对结果与申报相符',
  inconsistent: '核对结果与申报不符',
  unavailable: '暂无法核对',
};

export const RECHECK_OUTCOMES = ['continue', 'change', 'exit'] as const;
export type RecheckOutcome = (typeof RECHECK_OUTCOMES)[number];
export const RECHECK_LABELS: Record<RecheckOutcome, string> = { continue: '继续建档', change: '调整困难类别', exit: '脱困（退出档案）' };

/** The version of the declaration and consent text the person signs (shown on the form; recorded on the case). */
export const CONSENT_VERSION = '2026-01';
export const DECLARATION_TEXT = '本人承诺所填信息及提交的材料真实、完整，如有虚假，愿意退回所得救助并承担相应责任。';
export const CONSENT_TEXT =
  '本人及共同生活的家庭成员同意工会委托有关部门（救助管理机构）查询、核对本户的收入、存款、房产、车辆等家庭经济状况，查询结果仅用于本次帮扶审核。';

const yuan = (label: string, max = 10_000_000) =>
  z.number({ error: `${label}应为数字` }).min(0, `${label}不能小于 0`).max(max, `${label}不能超过 ${max}`);
const int = (min: number, max: number, label: string) =>
  z.number({ error: `${label}应为数字` }).int(`${label}应为整数`).min(min, `${label}不能小于 ${min}`).max(max, `${label}不能大于 ${max}`);

// ---- The case form ------------------------------------------------------------------------------------------

export const householdMember = z
  .object({
    relation: z.enum(RELATIONS, { error: '请选择与本人关系' }),
    age: int(0, 120, '年龄'),
    health: z.enum(HEALTH_STATES, { error: '请选择健康状况' }),
    /** Work or school, in a few words (no employer's address, no ID numbers). */
    occupation: text(30, 1, '职业或就读学校'),
    monthlyIncome: yuan('月收入', 1_000_000),
  })
  .strict();
export type HouseholdMember = z.infer<typeof householdMember>;

export const attachmentRef = z.object({ fileId: docId, doc: z.enum(DOCS, { error: '材料类型不正确' }) }).strict();
export type AttachmentRef = z.infer<typeof attachmentRef>;

const caseFormShape = {
  kind: z.enum(CASE_KINDS, { error: '请选择救助类型' }),
  primaryCause: z.enum(CAUSES, { error: '请选择主要致困原因' }),
  secondaryCauses: z.array(z.enum(CAUSES, { error: '致困原因不正确' })).max(4, '次要原因最多选 4 项'),
  workStatus: z.enum(WORK_STATUSES, { error: '请选择本人就业状况' }),
  monthlyIncome: yuan('本人月收入', 1_000_000),
  members: z.array(householdMember).max(12, '家庭成员最多 12 人'),
  housingType: z.enum(HOUSING_TYPES, { error: '请选择住房情况' }),
  housingArea: yuan('住房面积', 10_000),
  homes: int(0, 20, '住房套数'),
  hasCar: z.boolean({ error: '请选择是否有车' }),
  business: z.enum(BUSINESS_TYPES, { error: '请选择经营情况' }),
  /** 刚性支出 this year (yuan). */
  medicalCosts: yuan('医疗支出'),
  schoolingCosts: yuan('教育支出'),
  otherCosts: yuan('其他刚性支出'),
  /** Aid already received elsewhere this year (yuan) and from whom. */
  aidReceived: yuan('已获其他救助'),
  aidReceivedNote: optionalText(100, '已获救助说明'),
  narrative: text(1000, 10, '困难情况说明'),
  aidKinds: z.array(z.enum(AID_KINDS, { error: '救助项目不正确' })).min(1, '请至少选择一个救助项目').max(AID_KINDS.length),
  attachments: z.array(attachmentRef).max(20, '材料最多 20 个'),
  declared: z.literal(true, { error: '请确认承诺书' }),
  consentIncomeCheck: z.literal(true, { error: '请同意家庭经济状况核对授权' }),
};

function refineCase(f: { primaryCause?: string; secondaryCauses?: string[]; aidKinds?: string[] }, ctx: z.RefinementCtx) {
  if (f.primaryCause && f.secondaryCauses?.includes(f.primaryCause)) ctx.addIssue({ code: 'custom', path: ['secondaryCauses'], message: '次要原因不要重复主要原因' });
  if (f.aidKinds && new Set(f.aidKinds).size !== f.aidKinds.length) ctx.addIssue({ code: 'custom', path: ['aidKinds'], message: '救助项目不要重复' });
}

/** The whole case as filed: the form and the function check it with this schema. */
export const caseForm = z.object(caseFormShape).strict().superRefine(refineCase);
export type CaseForm = z.output<typeof caseForm>;
export type CaseFormInput = z.input<typeof caseForm>;

/** A draft: any part of the form, saved as it is. */
export const draftForm = z
  .object({
    ...caseFormShape,
    narrative: optionalText(1000, '困难情况说明'),
    declared: z.boolean().optional(),
    consentIncomeCheck: z.boolean().optional(),
  })
  .partial()
  .strict();
export type DraftForm = z.output<typeof draftForm>;

/** Filing on behalf of a member (who may have no phone or no account): the member record. */
export const memberRecord = z
  .object({
    name: personName,
    idNumber,
    phone: mobilePhone.optional(),
    /** The member's grassroots union (inside the filer's subtree). */
    orgId: docId,
  })
  .strict();
export type MemberRecord = z.infer<typeof memberRecord>;

// ---- Staff records of the steps -----------------------------------------------------------------------------

export const homeVisit = z
  .object({
    visitedOn: localDate,
    visitors: z.array(personName).min(2, '入户走访至少两人').max(6, '走访人最多 6 人'),
    findings: text(1000, 10, '走访情况'),
    attestation: z.enum(ATTESTATIONS, { error: '请选择签字或证明方式' }),
    photoIds: z.array(docId).max(9, '照片最多 9 张'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (new Set(v.visitors).size !== v.visitors.length) ctx.addIssue({ code: 'custom', path: ['visitors'], message: '走访人不要重复' });
  });
export type HomeVisit = z.infer<typeof homeVisit>;

export const incomeCheck = z
  .object({
    checkedOn: localDate,
    outcome: z.enum(INCOME_CHECK_OUTCOMES, { error: '请选择核对结果' }),
    note: optionalText(300, '核对说明'),
  })
  .strict();
export type IncomeCheck = z.infer<typeof incomeCheck>;

export const awardInput = z
  .object({
    aidKind: z.enum(AID_KINDS, { error: '救助项目不正确' }),
    amount: yuan('救助金额', 1_000_000),
    /** Required when the amount differs from the suggestion. */
    reason: optionalText(200, '金额调整原因'),
  })
  .strict();
export type AwardInput = z.infer<typeof awardInput>;

export const paymentInput = z
  .object({
    caseId: docId,
    payee: personName,
    amount: yuan('发放金额', 1_000_000),
    paidOn: localDate,
    method: z.enum(PAY_METHODS, { error: '请选择发放方式' }),
    voucherNo: text(40, 2, '凭证号'),
  })
  .strict();
export type PaymentInput = z.infer<typeof paymentInput>;

export const dispatchRow = z
  .object({
    name: personName,
    idNumber,
    phone: mobilePhone.optional(),
    orgId: docId,
    reason: text(200, 2, '下派原因'),
  })
  .strict();
export type DispatchRow = z.infer<typeof dispatchRow>;

// ---- Configuration per org and year -------------------------------------------------------------------------

export const TIER_BASES = ['fixed', 'dibao_months', 'cost_share'] as const;
export type TierBasis = (typeof TIER_BASES)[number];
export const TIER_BASIS_LABELS: Record<TierBasis, string> = { fixed: '固定金额', dibao_months: '低保标准的月数', cost_share: '自付费用的比例' };

export const tierRule = z
  .object({
    category: z.enum(CATEGORIES),
    aidKind: z.enum(AID_KINDS),
    basis: z.enum(TIER_BASES, { error: '请选择计算方式' }),
    /** fixed: yuan; dibao_months: months; cost_share: percent (0–100). */
    value: yuan('标准', 1_000_000),
    min: yuan('最低金额', 1_000_000),
    /** The cap per case. */
    max: yuan('最高金额', 1_000_000),
  })
  .strict()
  .refine((r) => r.min <= r.max, { message: '最低金额不能高于最高金额', path: ['max'] })
  .refine((r) => r.basis !== 'cost_share' || r.value <= 100, { message: '比例不能超过 100%', path: ['value'] });
export type TierRule = z.infer<typeof tierRule>;

export const SLA_STEPS = ['grassroots', 'town', 'county', 'city'] as const;

export const hardshipConfig = z
  .object({
    /** The local 低保 standard, yuan per person per month. */
    dibao: yuan('低保标准', 100_000).min(1, '请填写低保标准'),
    /** Whether cases pass a town (street) review between grassroots verification and the county. */
    townReview: z.boolean(),
    /** Which level decides. */
    decideAt: z.enum(['town', 'county', 'city'], { error: '请选择审批层级' }),
    /** The town may decide small cases itself: total up to this amount (null: never). */
    townDecidesUpTo: yuan('乡镇审批限额', 1_000_000).nullable(),
    /** Medical aid of this amount or more goes up to the city (null: never). */
    cityMedicalFrom: yuan('上报市级的医疗救助金额', 10_000_000).nullable(),
    /** Days each step may take before the case is overdue. */
    slaDays: z.object({ grassroots: int(1, 90, '基层核实时限'), town: int(1, 90, '乡镇审核时限'), county: int(1, 90, '县级审批时限'), city: int(1, 90, '市级审批时限') }).strict(),
    /** 公示 length in working days (at least 5). */
    noticeWorkingDays: int(5, 30, '公示天数'),
    holidays: z.array(localDate).max(60, '节假日最多 60 天'),
    workdays: z.array(localDate).max(30, '调休上班日最多 30 天'),
    /** Cap per household and year across all aid kinds. */
    householdYearCap: yuan('每户每年救助上限', 10_000_000),
    recheckMonths: int(1, 24, '复核周期'),
    tiers: z.array(tierRule).min(1, '请设置救助标准').max(CATEGORIES.length * AID_KINDS.length),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.tiers.forEach((t, i) => {
      const key = `${t.category}:${t.aidKind}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['tiers', i], message: '同一类别和救助项目只能有一条标准' });
      seen.add(key);
    });
    if (c.decideAt === 'town' && !c.townReview) ctx.addIssue({ code: 'custom', path: ['decideAt'], message: '由乡镇审批时需要乡镇审核环节' });
  });
export type HardshipConfig = z.output<typeof hardshipConfig>;

// ---- Views --------------------------------------------------------------------------------------------------

export const CASE_STATUSES = ['none', 'draft', 'reviewing', 'returned', 'notice', 'paying', 'paid', 'archived', 'closed', 'concluded', 'rejected', 'withdrawn'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STEP_KINDS = ['verify', 'review'] as const;
export const stepView = z.object({
  kind: z.enum(STEP_KINDS),
  level: z.enum(ORG_LEVELS),
  orgId: z.string(),
  orgName: z.string(),
  /** Plain words: 基层工会入户核实 / 大云镇总工会审核 … */
  label: z.string(),
  state: z.enum(['done', 'current', 'next']),
});
export type StepView = z.infer<typeof stepView>;

export const awardView = z.object({ aidKind: z.enum(AID_KINDS), label: z.string(), amount: z.number(), suggested: z.number(), reason: z.string().nullable() });
export const paymentView = z.object({ payee: z.string(), amount: z.number(), paidOn: z.string(), method: z.enum(PAY_METHODS), voucherNo: z.string(), batch: z.string() });

/** A case in a list: never family members, attachments, illness or income details. */
export const caseSummary = z.object({
  id: z.string(),
  caseNo: z.string(),
  type: z.enum(['aid', 'recheck']),
  origin: z.enum(['self', 'behalf', 'dispatch', 'recheck']),
  status: z.enum(CASE_STATUSES),
  statusText: z.string(),
  /** Where it is now, in plain words (待大云镇总工会审核 …). */
  stepText: z.string(),
  name: z.string(),
  orgName: z.string(),
  aidKinds: z.array(z.enum(AID_KINDS)),
  totalAmount: z.number().nullable(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  reminders: z.number().int(),
  updatedAt: z.string(),
  /** Whether the caller acts on it now (it is at their union's step). */
  mine: z.boolean(),
});
export type CaseSummary = z.infer<typeof caseSummary>;

export const timelineEntry = z.object({ at: z.string(), what: z.string(), who: z.string(), why: z.string().nullable() });

export const suggestionItem = z.object({ aidKind: z.enum(AID_KINDS), label: z.string(), suggested: z.number(), min: z.number(), max: z.number(), rule: z.string() });
export const suggestionView = z.object({
  /** The category the income facts point to (the approver may choose another). */
  category: z.enum(CATEGORIES).nullable(),
  byCategory: z.array(z.object({ category: z.enum(CATEGORIES), items: z.array(suggestionItem) })),
  householdCapLeft: z.number(),
  /** The town's limit when the town decides small cases (null: none). */
  limit: z.number().nullable(),
});
export type SuggestionView = z.infer<typeof suggestionView>;

export const incomeView = z.object({ annualIncome: z.number(), rigidExpenses: z.number(), householdSize: z.number().int(), perCapitaMonthly: z.number(), dibao: z.number() });

export const caseDetail = caseSummary.extend({
  personMasked: z.object({ idMasked: z.string(), phone: z.string().nullable(), birthYear: z.number().int() }),
  filerText: z.string(),
  dispatch: z.object({ byOrgName: z.string(), reason: z.string(), dueOn: z.string() }).nullable(),
  form: draftForm.nullable(),
  income: incomeView.nullable(),
  missingDocs: z.array(z.object({ doc: z.enum(DOCS), label: z.string() })),
  /** Warnings for the reviewers (two homes, a business employing others …). */
  flags: z.array(z.string()),
  files: z.array(fileView.extend({ doc: z.string() })),
  steps: z.array(stepView),
  visit: homeVisit.nullable(),
  incomeCheck: incomeCheck.nullable(),
  category: z.enum(CATEGORIES).nullable(),
  awards: z.array(awardView),
  notice: z.object({ from: z.string(), until: z.string() }).nullable(),
  payments: z.array(paymentView),
  objections: z.array(z.object({ at: z.string(), reason: z.string() })),
  recheck: z.object({ householdId: z.string(), outcome: z.enum(RECHECK_OUTCOMES).nullable(), category: z.enum(CATEGORIES).nullable() }).nullable(),
  timeline: z.array(timelineEntry),
  /** What the caller may do now (names the page's buttons). */
  actions: z.array(z.enum(['edit', 'withdraw', 'resubmit', 'verify', 'forward', 'decide', 'conclude', 'send_back', 'return', 'reject', 'remind', 'pay', 'archive', 'close', 'object'])),
  /** For the deciding step: the computed suggestion and its bounds. */
  suggestion: suggestionView.nullable(),
  /** Earlier steps the case may be sent back to (index and label). */
  backTo: z.array(z.object({ index: z.number().int(), label: z.string() })),
  /** The caller may also forward (go up a level) or must decide here. */
  canForward: z.boolean(),
  canDecide: z.boolean(),
  consent: z.object({ version: z.string(), at: z.string() }).nullable(),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const householdView = z.object({
  id: z.string(),
  name: z.string(),
  orgName: z.string(),
  category: z.enum(CATEGORIES),
  categoryText: z.string(),
  status: z.enum(['archived', 'closed']),
  archivedAt: z.string(),
  recheckDueOn: z.string(),
  recheckDue: z.boolean(),
  recheckCaseId: z.string().nullable(),
  closedReason: z.string().nullable(),
});
export type HouseholdView = z.infer<typeof householdView>;

export const noticeItem = z.object({
  caseId: z.string(),
  /** 王*明 — never the full name, ID, phone, address, illness or other hardship details. */
  nameMasked: z.string(),
  orgName: z.string(),
  categoryText: z.string(),
  aidKindsText: z.string(),
  amount: z.number(),
  from: z.string(),
  until: z.string(),
  decidedBy: z.string(),
});
export type NoticeItem = z.infer<typeof noticeItem>;

export const selfTestInput = z
  .object({
    householdSize: int(1, 20, '家庭人口'),
    /** The household's income this year (all members, yuan). */
    annualIncome: yuan('家庭年收入'),
    /** 刚性支出 this year: medical, schooling and other essential costs (yuan). */
    medicalCosts: yuan('医疗支出'),
    schoolingCosts: yuan('教育支出'),
    otherCosts: yuan('其他刚性支出'),
    /** The union whose local standard applies (default: the caller's own). */
    orgId: docId.optional(),
  })
  .strict();
export type SelfTestInput = z.infer<typeof selfTestInput>;

export const selfTestResult = z.object({
  perCapitaMonthly: z.number(),
  dibao: z.number(),
  orgName: z.string(),
  category: z.enum(CATEGORIES).nullable(),
  /** Plain words: which category the household likely falls in, and why. */
  verdict: z.string(),
  explain: z.array(z.string()),
  /** What to prepare. */
  prepare: z.array(z.string()),
});
export type SelfTestResult = z.infer<typeof selfTestResult>;

export const configView = z.object({
  orgId: z.string(),
  orgName: z.string(),
  year: z.number().int(),
  configured: z.boolean(),
  /** Where the values come from when this org has none (an org above, or the built-in defaults). */
  source: z.string(),
  config: hardshipConfig,
  updatedAt: z.string().nullable(),
});
