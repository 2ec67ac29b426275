/** The stored shapes of 困难帮扶 and the small helpers every hardship module shares. */
import { createHash } from 'node:crypto';
import type { AidKind, Category, DocKind, DraftForm, HomeVisit, IncomeCheck, RecheckOutcome } from '../../../types/hardship.model';
import type { IncomeFacts } from '../../../types/hardship.rules';
import type { CaseState } from '../../../types/hardship.workflow';
import type { OrgLevel } from '../../../types/org';
import type { HandlerContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { newId } from '../../core/ids';
import type { WorkflowFields } from '../../core/workflow';

export const C = {
  cases: 'hardship_cases',
  slots: 'hardship_slots',
  views: 'hardship_views',
  configs: 'hardship_configs',
} as const;

/** The owner kind files of a case are attached under. */
export const FILE_OWNER = 'hardship_case';

export interface Step {
  kind: 'verify' | 'review';
  level: OrgLevel;
  orgId: string;
  orgName: string;
  orgPath: string[];
  /** The first review step records the household income check. */
  incomeCheck: boolean;
}

export interface Award {
  aidKind: AidKind;
  amount: number;
  suggested: number;
  reason: string | null;
}

export interface Payment {
  payee: string;
  amount: number;
  paidOn: string;
  method: 'bank' | 'cash' | 'other';
  voucherNo: string;
  batch: string;
  byUserId: string;
  at: string;
}

export interface CaseDoc extends WorkflowFields<CaseState> {
  type: 'aid' | 'recheck';
  origin: 'self' | 'behalf' | 'dispatch' | 'recheck';
  caseNo: string;
  /** The business year it was filed in (Asia/Shanghai): slots and caps count by it. */
  year: number;
  // The person concerned (registered or not).
  userId: string | null;
  idHash: string;
  idLast4: string;
  idRegion: string;
  birthYear: number;
  name: string;
  nameMasked: string;
  phone: string | null;
  orgId: string;
  orgPath: string[];
  orgName: string;
  /** Who filed it and may edit, withdraw and resubmit it (the worker, or the staff member who filed on behalf). */
  filerId: string | null;
  filerOrgId: string | null;
  dispatch: { byOrgId: string; byOrgName: string; reason: string; dueOn: string } | null;
  householdId: string | null;
  form: DraftForm | null;
  formVersion: number;
  /** Every earlier version of the form (a return and a resubmission keep them). */
  previousForms: { v: number; at: string; form: DraftForm }[];
  income: (IncomeFacts & { dibao: number }) | null;
  consent: { version: string; at: string; byUserId: string; onPaper: boolean } | null;
  aidKinds: AidKind[];
  /** The one-per-person-and-aid-kind-a-year slots this case holds. */
  slotIds: string[];
  /** Every file attached to the case (attachments of any version, visit photos). */
  files: string[];
  steps: Step[];
  stepIndex: number;
  stepKind: Step['kind'] | null;
  /** The org whose staff act now (the workflow's `at`), and its path (for reminders from above). */
  stepOrgId: string | null;
  stepOrgPath: string[];
  /** Orgs whose staff may see the case: its steps (and a dispatcher). */
  routeOrgIds: string[];
  dueAt: string | null;
  returnedFrom: number | null;
  returnMissing: DocKind[];
  visits: HomeVisit[];
  incomeChecks: IncomeCheck[];
  category: Category | null;
  awards: Award[];
  totalAmount: number | null;
  decidedStep: number | null;
  decidingOrgId: string | null;
  decidingOrgPath: string[];
  noticeFrom: string | null;
  noticeUntil: string | null;
  noticeEndsAt: string | null;
  objections: { at: string; byUserId: string; reason: string; requestId: string | null }[];
  reminders: { at: string; byOrgId: string | null; byOrgName: string; toOrgId: string; note: string | null }[];
  payment: Payment | null;
  recheck: { outcome: RecheckOutcome; category: Category | null; reason: string | null } | null;
  createdAt: string;
  filedAt: string | null;
  decidedAt: string | null;
  paidAt: string | null;
  archivedAt: string | null;
  /** When the archived household is next re-checked (set when the case archives or a re-check concludes). */
  recheckDueOn: string | null;
}

export interface SlotDoc {
  _id: string;
  holder: string;
  at: string;
}

export interface ViewDoc {
  _id: string;
  caseId: string;
  userId: string;
  orgId: string | null;
  at: string;
}

export interface ConfigDoc {
  _id: string;
  orgId: string;
  year: number;
  config: import('../../../types/hardship.model').HardshipConfig;
  updatedAt: string;
  updatedBy: string;
}

export const slotIdOf = (idHash: string, aidKind: AidKind, year: number) => `${idHash.slice(0, 40)}_${aidKind}_${year}`;
export const configIdOf = (orgId: string, year: number) => `${orgId}_${year}`;
export const recheckIdOf = (householdId: string, dueOn: string) => `hr_${householdId.slice(3)}_${dueOn.replace(/-/g, '')}`;

/** A new case's id: derived from the request when there is one, so a retry after a crash finds the same case. */
export function caseIdFor(ctx: HandlerContext, salt = ''): string {
  if (!ctx.requestId) return newId('hc', 16);
  return `hc_${createHash('sha256').update(`${ctx.caller.openid ?? '-'}\u0000${ctx.fn}.${ctx.action}\u0000${ctx.requestId}\u0000${salt}`).digest('hex').slice(0, 20)}`;
}

/** The number people quote on the phone: 帮扶 + date + four characters of the id. */
export function caseNoOf(id: string, at: Date | string, localDate: (at: Date | string) => string): string {
  return `BF${localDate(at).replace(/-/g, '')}${id.slice(-4).toUpperCase()}`;
}

export async function getCase(ctx: HandlerContext, caseId: string): Promise<CaseDoc> {
  const c = await ctx.store.get<CaseDoc>(C.cases, caseId);
  if (!c) throw notFound('没有找到这份申请');
  return c;
}
