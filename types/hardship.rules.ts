/**
 * The pure rules of 困难帮扶, shared by the form (which shows them as the person types) and the function (which
 * stores and enforces them): per-capita income, the likely category, the self-test, the documents each cause needs,
 * warnings for reviewers, tier suggestions and their bounds, and the 公示 period in working days. No platform imports.
 */
import {
  AID_KIND_LABELS,
  CATEGORY_LABELS,
  DOC_LABELS,
  type AidKind,
  type AttachmentRef,
  type Category,
  type Cause,
  type DocKind,
  type HardshipConfig,
  type HouseholdMember,
  type TierRule,
} from './hardship.model';
import { addLocalDays, isWorkingDay, workingDaysEnd, type WorkCalendar } from './time';

/** The built-in configuration, used where no org above a case has set its own (one published example's figures). */
export const DEFAULT_CONFIG: HardshipConfig = {
  dibao: 1180,
  townReview: true,
  decideAt: 'county',
  townDecidesUpTo: null,
  cityMedicalFrom: null,
  slaDays: { grassroots: 7, town: 7, county: 10, city: 15 },
  noticeWorkingDays: 5,
  holidays: [],
  workdays: [],
  householdYearCap: 30000,
  recheckMonths: 12,
  tiers: [
    { category: 'deep', aidKind: 'living', basis: 'dibao_months', value: 10, min: 1000, max: 20000 },
    { category: 'deep', aidKind: 'medical', basis: 'cost_share', value: 100, min: 0, max: 20000 },
    { category: 'deep', aidKind: 'schooling', basis: 'dibao_months', value: 10, min: 1000, max: 15000 },
    { category: 'relative', aidKind: 'living', basis: 'dibao_months', value: 8, min: 800, max: 15000 },
    { category: 'relative', aidKind: 'medical', basis: 'cost_share', value: 80, min: 0, max: 10000 },
    { category: 'relative', aidKind: 'schooling', basis: 'dibao_months', value: 8, min: 800, max: 10000 },
    { category: 'accident', aidKind: 'living', basis: 'cost_share', value: 15, min: 0, max: 5000 },
    { category: 'accident', aidKind: 'medical', basis: 'cost_share', value: 15, min: 0, max: 10000 },
    { category: 'accident', aidKind: 'schooling', basis: 'fixed', value: 2000, min: 1000, max: 3000 },
  ],
};

const round2 = (n: number) => Math.round(n * 100) / 100;

export interface IncomeFacts {
  annualIncome: number;
  rigidExpenses: number;
  householdSize: number;
  perCapitaMonthly: number;
}

/** (annual household income − 刚性支出) ÷ 12 ÷ household size, with its inputs. */
export function perCapita(annualIncome: number, rigidExpenses: number, householdSize: number): IncomeFacts {
  const size = Math.max(1, Math.floor(householdSize));
  return { annualIncome: round2(annualIncome), rigidExpenses: round2(rigidExpenses), householdSize: size, perCapitaMonthly: round2((annualIncome - rigidExpenses) / 12 / size) };
}

/** The income facts of a case form: the worker and every member, twelve months each. */
export function incomeOfForm(f: { monthlyIncome?: number; members?: readonly Pick<HouseholdMember, 'monthlyIncome'>[]; medicalCosts?: number; schoolingCosts?: number; otherCosts?: number }): IncomeFacts {
  const members = f.members ?? [];
  const monthly = (f.monthlyIncome ?? 0) + members.reduce((s, m) => s + (m.monthlyIncome ?? 0), 0);
  const rigid = (f.medicalCosts ?? 0) + (f.schoolingCosts ?? 0) + (f.otherCosts ?? 0);
  return perCapita(monthly * 12, rigid, 1 + members.length);
}

/**
 * The likely category: 深度困难 below 低保; else 意外致困 when the year's hardship costs exceed 80 % of income; else
 * 相对困难 below 2× 低保; else none. (Deep first, so a poor household with large costs keeps the deeper tier.)
 */
export function likelyCategory(facts: IncomeFacts, dibao: number): Category | null {
  if (facts.perCapitaMonthly < dibao) return 'deep';
  if (facts.annualIncome > 0 ? facts.rigidExpenses > 0.8 * facts.annualIncome : facts.rigidExpenses > 0) return 'accident';
  if (facts.perCapitaMonthly < 2 * dibao) return 'relative';
  return null;
}

const CAUSE_DOCS: Record<Cause, DocKind[]> = {
  own_illness: ['diagnosis', 'medical_receipts'],
  family_illness: ['diagnosis', 'medical_receipts'],
  disability: ['disability_cert'],
  unemployment: ['unemployment_proof'],
  low_income: ['income_proof'],
  disaster: ['incident_proof'],
  accident: ['incident_proof'],
  schooling: ['admission', 'fee_receipts'],
  other: [],
};

/** Exactly the documents a case's causes (and a medical or school aid request) need, in a stable order. */
export function requiredDocs(causes: readonly (Cause | undefined)[], aidKinds: readonly AidKind[] = []): DocKind[] {
  const need = new Set<DocKind>();
  for (const c of causes) if (c) for (const d of CAUSE_DOCS[c]) need.add(d);
  if (aidKinds.includes('medical')) for (const d of ['diagnosis', 'medical_receipts'] as const) need.add(d);
  if (aidKinds.includes('schooling')) for (const d of ['admission', 'fee_receipts'] as const) need.add(d);
  return (Object.keys(DOC_LABELS) as DocKind[]).filter((d) => need.has(d));
}

export function missingDocs(required: readonly DocKind[], attachments: readonly Pick<AttachmentRef, 'doc'>[] = []): DocKind[] {
  const have = new Set(attachments.map((a) => a.doc));
  return required.filter((d) => !have.has(d));
}

/** What reviewers should look at (typical exclusions), in plain words. */
export function flagsOf(f: { homes?: number; business?: string; hasCar?: boolean; aidReceived?: number }): string[] {
  const out: string[] = [];
  if ((f.homes ?? 0) >= 2) out.push(`有 ${f.homes} 套住房（两套及以上一般不予救助）`);
  if (f.business === 'employs') out.push('经营企业并雇用他人（一般不予救助）');
  if (f.hasCar) out.push('家庭有车辆，请核实用途');
  if ((f.aidReceived ?? 0) > 0) out.push(`今年已获其他救助 ${f.aidReceived} 元`);
  return out;
}

export interface CostFacts {
  dibao: number;
  medicalCosts: number;
  schoolingCosts: number;
  rigidExpenses: number;
  aidReceived: number;
}

/** The cost a cost-share rule applies to: the out-of-pocket part after aid received elsewhere. */
function costBase(aidKind: AidKind, c: CostFacts): number {
  const base = aidKind === 'medical' ? c.medicalCosts : aidKind === 'schooling' ? c.schoolingCosts : c.rigidExpenses;
  return Math.max(0, base - c.aidReceived);
}

export function ruleFor(tiers: readonly TierRule[], category: Category, aidKind: AidKind): TierRule | null {
  return tiers.find((t) => t.category === category && t.aidKind === aidKind) ?? null;
}

/** The computed suggestion of one rule, in whole yuan, within the rule's bounds. */
export function suggestAmount(rule: TierRule, c: CostFacts): number {
  const raw = rule.basis === 'fixed' ? rule.value : rule.basis === 'dibao_months' ? rule.value * c.dibao : (rule.value / 100) * costBase(rule.aidKind, c);
  return Math.round(Math.min(rule.max, Math.max(rule.min, raw)));
}

/** What the approver may set: the rule's bounds, the cap lowered to what the household has left this year. */
export function boundsOf(rule: TierRule, householdCapLeft: number): { min: number; max: number } {
  const max = Math.max(0, Math.min(rule.max, householdCapLeft));
  return { min: Math.min(rule.min, max), max };
}

export function ruleText(rule: TierRule, dibao: number): string {
  const base = rule.basis === 'fixed' ? `固定 ${rule.value} 元` : rule.basis === 'dibao_months' ? `${rule.value} 个月低保标准（${rule.value} × ${dibao} 元）` : `自付费用的 ${rule.value}%`;
  return `${base}，每案 ${rule.min}–${rule.max} 元`;
}

/** Suggestions for every aid kind a case asks for, under a category, with the household's cap for the year left. */
export function suggestions(config: Pick<HardshipConfig, 'tiers' | 'dibao'>, category: Category, aidKinds: readonly AidKind[], c: CostFacts, householdCapLeft: number) {
  let left = householdCapLeft;
  return aidKinds.map((aidKind) => {
    const rule = ruleFor(config.tiers, category, aidKind);
    if (!rule) return { aidKind, label: AID_KIND_LABELS[aidKind], suggested: 0, min: 0, max: 0, rule: '本地未设置此项标准' };
    const bounds = boundsOf(rule, left);
    const suggested = Math.min(bounds.max, suggestAmount(rule, c));
    left = Math.max(0, left - suggested);
    return { aidKind, label: AID_KIND_LABELS[aidKind], suggested, min: bounds.min, max: bounds.max, rule: ruleText(rule, c.dibao) };
  });
}

// ---- 公示 ----

/** The 公示 period: from the first working day on or after `today`, for `days` working days (at least 5). */
export function noticePeriod(today: string, days: number, calendar: WorkCalendar): { from: string; until: string } {
  let from = today;
  for (let i = 0; i < 30 && !isWorkingDay(from, calendar); i++) from = addLocalDays(from, 1);
  return { from, until: workingDaysEnd(from, Math.max(5, days), calendar) };
}

// ---- The self-test ----

const PREPARE: Record<string, string> = {
  always: '身份证、户口簿（或居住证明）和家庭成员收入情况',
  deep: '低保或低边证明（如有）',
  medical: '本年度诊断证明、自付医疗费用票据',
  schooling: '子女录取通知书或在学证明、学费缴费凭证',
  accident: '受灾或事故证明、相关费用票据',
};

export function selfTestVerdict(facts: IncomeFacts, dibao: number, costs: { medicalCosts: number; schoolingCosts: number }) {
  const category = likelyCategory(facts, dibao);
  const explain = [
    `家庭年收入 ${facts.annualIncome} 元，减去刚性支出 ${facts.rigidExpenses} 元，除以 12 个月、${facts.householdSize} 口人，人均每月 ${facts.perCapitaMonthly} 元。`,
    `本地低保标准为每人每月 ${dibao} 元（2 倍为 ${2 * dibao} 元）。`,
  ];
  if (category === 'accident') explain.push('今年的刚性支出超过了家庭收入的八成。');
  const verdict = category
    ? `您家可能属于「${CATEGORY_LABELS[category]}」，可以向所在基层工会申请困难帮扶。`
    : '按您填写的情况，暂不在困难职工帮扶范围内。如有突发困难，仍可联系所在基层工会说明情况。';
  const prepare = category ? [PREPARE.always] : [];
  if (category === 'deep') prepare.push(PREPARE.deep);
  if (category && costs.medicalCosts > 0) prepare.push(PREPARE.medical);
  if (category && costs.schoolingCosts > 0) prepare.push(PREPARE.schooling);
  if (category === 'accident') prepare.push(PREPARE.accident);
  return { category, verdict, explain, prepare };
}
