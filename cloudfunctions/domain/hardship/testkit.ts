/** Shared helpers of the hardship tests (integration, race, crash, authority): a worker and the staff of their path. */
import { EXAMPLE_FORM, type CaseFormInput, type CaseSummary } from '../../../types/hardship.schema';
import { localDateOf } from '../../../types/time';
import { markUploaded } from '../../core/files';
import type { DocValue } from '../../core/store/port';
import type { UserDoc } from '../../core/users';
import { makeTestIdNumber, type TestEnv } from '../../testing/harness';

/** 嘉善东云果蔬专业合作社工会 → 大云镇总工会 → 嘉善县总工会 → 嘉兴市总工会. */
export const UNION = 'gu_js_dongyun_coop';
export const TOWN = 'demo-staff-town';
export const COUNTY = 'demo-staff-county';
export const CITY = 'demo-staff-city';

let n = 0;

export function formWith(over: Partial<CaseFormInput> = {}): CaseFormInput {
  return { ...EXAMPLE_FORM, ...over };
}

export function visitOn(env: TestEnv, photoIds: string[] = []) {
  return { visitedOn: localDateOf(env.clock.now), visitors: ['陆美芳', '沈佳慧'], findings: '入户核实：家中一人患病需长期治疗，收入情况与申报一致。', attestation: 'applicant_signed' as const, photoIds };
}

export const INCOME_CHECK = (env: TestEnv) => ({ checkedOn: localDateOf(env.clock.now), outcome: 'consistent' as const, note: '救助管理机构核对，无异常' });

export interface World {
  worker: UserDoc;
  /** The worker's ID number (the store keeps only its hash). */
  idNumber: string;
  /** Grassroots staff of the worker's union. */
  grassroots: UserDoc;
}

/** A fresh worker at the union, and (once per env) a grassroots staff member there. */
export async function world(env: TestEnv, orgId = UNION): Promise<World> {
  n++;
  const idNumber = makeTestIdNumber(70_000 + n, 1972);
  const worker = await env.addUser({ orgId, name: '王小明', idNumber });
  const [existing] = await env.store.find<UserDoc>('users', { staffOrgId: orgId }, { limit: 1 });
  const grassroots = existing ?? (await env.addUser({ orgId, name: '陆美芳', roles: ['worker', 'staff'], staffOrgId: orgId, idNumber: makeTestIdNumber(79_000 + n, 1980) }));
  return { worker, idNumber, grassroots };
}

type Stage = 'verify' | 'town' | 'county' | 'notice' | 'paying' | 'paid';
const ORDER: Stage[] = ['verify', 'town', 'county', 'notice', 'paying', 'paid'];

/** A case filed by the worker and moved on to `stage` by the staff of its path. */
export async function caseAt(env: TestEnv, w: World, stage: Stage, form: CaseFormInput = formWith()): Promise<string> {
  const filed = await env.ok<{ case: CaseSummary }>('hardship', 'file', { form }, { as: w.worker.openid });
  const id = filed.case.id;
  const reach = (s: Stage) => ORDER.indexOf(stage) >= ORDER.indexOf(s);
  if (reach('town')) await env.ok('hardship', 'verify', { caseId: id, visit: visitOn(env) }, { as: w.grassroots.openid });
  if (reach('county')) await env.ok('hardship', 'forward', { caseId: id, incomeCheck: INCOME_CHECK(env) }, { as: TOWN });
  if (reach('notice')) await env.ok('hardship', 'decide', { caseId: id, category: 'relative', awards: [{ aidKind: 'medical', amount: 10000 }] }, { as: COUNTY });
  if (reach('paying')) {
    env.clock.advance(10 * 86_400_000);
    await env.ok('hardship', 'recover', {}, { as: null });
  }
  if (reach('paid')) await env.ok('hardship', 'recordPayments', { payments: [payment(env, id)] }, { as: COUNTY });
  return id;
}

export function payment(env: TestEnv, caseId: string, amount = 10000) {
  return { caseId, payee: '王小明', amount, paidOn: localDateOf(env.clock.now), method: 'bank' as const, voucherNo: `PZ${caseId.slice(-6)}` };
}

/** A file uploaded by this person for this purpose (the bytes themselves are not needed by the functions). */
export async function uploaded(env: TestEnv, openid: string, purpose: 'hardship_attachment' | 'visit_photo' = 'hardship_attachment'): Promise<string> {
  const t = await env.ok<{ fileId: string }>('files', 'startUpload', { purpose, name: purpose === 'visit_photo' ? '走访.jpg' : '诊断证明.jpg', mime: 'image/jpeg', size: 2048 }, { as: openid });
  await markUploaded(env.store, t.fileId, `files/${t.fileId}`, 2048, env.clock.now.toISOString());
  return t.fileId;
}

/** A case decided and past its 公示 without moving the clock: its status set as the timer would leave it. */
export async function fastAt(env: TestEnv, w: World, stage: 'paying' | 'paid', form: CaseFormInput = formWith()): Promise<string> {
  const id = await caseAt(env, w, 'notice', form);
  const set: Record<string, DocValue> = { status: stage, noticeEndsAt: env.clock.now.toISOString() };
  if (stage === 'paid') Object.assign(set, { payment: { ...payment(env, id), batch: 'pb_test', byUserId: 'u_test', at: env.clock.now.toISOString() }, paidAt: env.clock.now.toISOString() });
  await env.store.update('hardship_cases', { _id: id }, { $set: set });
  return id;
}
