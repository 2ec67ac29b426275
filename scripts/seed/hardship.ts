/**
 * Demo 困难帮扶, made the way real cases are made — through the hardship domain's own actions, as the demo staff, at
 * times before the seed — so every queue, the 公示, the archive and every timeline show something on `npm start`:
 *   恒通机械 (demo-staff-grassroots): a case filed on behalf waiting for its home visit; a household the city
 *     dispatched for verification, now overdue;
 *   嘉善 chain (demo-staff-dongyun → demo-staff-town → demo-staff-county): at the town, at the town overdue and
 *     reminded by the county, returned to 许美华 (demo-model-medal) for a missing receipt, at the county, in 公示,
 *     to pay, and a large medical case sent up to the city (demo-staff-city);
 *   archived households for 张伟 (demo-worker-2) and 马晓东 (demo-worker-3), the wishes service's registered
 *     households, and one in 嘉善 whose yearly re-check is due (its re-check case is opened);
 *   李小红 (demo-worker) has a draft.
 * Every step runs under a requestId of its own, so running the seed again changes nothing.
 */
import type { AidKind, CaseFormInput, Category } from '../../types/hardship.schema';
import { EXAMPLE_FORM, caseForm, draftForm } from '../../types/hardship.schema';
import { DEFAULT_CONFIG, suggestions } from '../../types/hardship.rules';
import { addLocalDays, localDateOf, localYearOf } from '../../types/time';
import type { MemberContext } from '../../cloudfunctions/core/context';
import { silentSink } from '../../cloudfunctions/core/log';
import type { Store } from '../../cloudfunctions/core/store/port';
import { resolveCaller } from '../../cloudfunctions/core/users';
import { archive, openDueRechecks } from '../../cloudfunctions/domain/hardship/archive';
import { configFor } from '../../cloudfunctions/domain/hardship/config';
import { dispatch, file, saveDraft } from '../../cloudfunctions/domain/hardship/filing';
import { C, type CaseDoc, configIdOf } from '../../cloudfunctions/domain/hardship/model';
import { endDueNotices } from '../../cloudfunctions/domain/hardship/notice';
import { recordPayments } from '../../cloudfunctions/domain/hardship/payment';
import { costsOf, decide, forward, householdCapLeft, remind, returnCase, verify } from '../../cloudfunctions/domain/hardship/review';
import { makeIdNumber } from './demo-people';
import type { FeatureSeed } from './index';

const DAY = 86_400_000;

interface Seeding {
  store: Store;
  secrets: { idHashKey: string; [k: string]: string | undefined };
  now: Date;
}

/** A context as the demo person, at `daysAgo` before the seed, under a request id of its own. */
async function as(s: Seeding, openid: string, daysAgo: number, key: string, action: string): Promise<MemberContext> {
  const at = new Date(s.now.getTime() - daysAgo * DAY);
  const caller = await resolveCaller(s.store, openid);
  if (!caller.user) throw new Error(`seed: ${openid} is not registered`);
  return {
    caller,
    store: s.store,
    now: at,
    runtime: { store: s.store, now: () => at, secrets: s.secrets, log: silentSink, identify: () => null },
    fn: 'hardship',
    action,
    requestId: `seed-${key}`,
  } as MemberContext;
}

const form = (over: Partial<CaseFormInput>) => caseForm.parse({ ...EXAMPLE_FORM, ...over });
const visit = (at: Date, visitors: string[], findings: string) => ({ visitedOn: localDateOf(at), visitors, findings, attestation: 'applicant_signed' as const, photoIds: [] });
const incomeCheck = (at: Date) => ({ checkedOn: localDateOf(at), outcome: 'consistent' as const, note: '救助管理机构核对，与申报相符' });
const member = (name: string, region: string, birth: string, seq: string, orgId: string) => ({ name, idNumber: makeIdNumber(region, birth, seq), orgId });

/** Decides with the tier's suggestion, as the approver would by default. */
async function decideSuggested(ctx: MemberContext, caseId: string, category: Category) {
  const c = (await ctx.store.get<CaseDoc>(C.cases, caseId))!;
  const { config } = await configFor(ctx, c.orgPath, c.year);
  const items = suggestions(config, category, c.aidKinds, costsOf(c, config), await householdCapLeft(ctx, c, config));
  return decide(ctx, { caseId, category, awards: items.map((i) => ({ aidKind: i.aidKind as AidKind, amount: i.suggested })) });
}

/** A case taken through its steps: each a tuple of (who, days before the seed). */
async function pathOf(s: Seeding, key: string, caseId: string, to: 'town' | 'county' | 'notice', who: { verifier: string; town: string | null; county: string }, days: number[], category: Category = 'relative') {
  const c = (await s.store.get<CaseDoc>(C.cases, caseId))!;
  if (c.status !== 'reviewing' || c.stepIndex > 0 || c.history.some((h) => h.requestId === `seed-${key}-v`)) return;
  const ctxV = await as(s, who.verifier, days[0], `${key}-v`, 'verify');
  await verify(ctxV, { caseId, visit: visit(ctxV.now, ['陆美芳', '沈佳慧'], '入户走访：家中有病人需长期照顾，收入来源单一，情况与申请相符。') });
  if (to === 'town') return;
  if (who.town) {
    const ctxT = await as(s, who.town, days[1], `${key}-t`, 'forward');
    await forward(ctxT, { caseId, incomeCheck: incomeCheck(ctxT.now) });
  }
  if (to === 'county') return;
  await decideSuggested(await as(s, who.county, days[2], `${key}-d`, 'decide'), caseId, category);
}

export const seedHardship: FeatureSeed = async ({ store, now, secrets }) => {
  const s: Seeding = { store, now, secrets: { ...secrets, idHashKey: secrets.idHashKey ?? '' } };
  const year = localYearOf(now);
  const at = now.toISOString();
  // The standards: 嘉兴市 for its counties, 嘉善县 its own (towns decide small cases; large medical aid goes to the city).
  for (const y of [year - 1, year, year + 1]) {
    await store.set(C.configs, { _id: configIdOf('org_jx', y), orgId: 'org_jx', year: y, config: { ...DEFAULT_CONFIG, dibao: 1180, cityMedicalFrom: 50000 }, updatedAt: at, updatedBy: 'seed' });
    await store.set(C.configs, { _id: configIdOf('org_jx_js', y), orgId: 'org_jx_js', year: y, config: { ...DEFAULT_CONFIG, dibao: 1200, townDecidesUpTo: 1000, cityMedicalFrom: 50000 }, updatedAt: at, updatedBy: 'seed' });
  }

  const filed = async (key: string, openid: string, daysAgo: number, f: ReturnType<typeof form>, m?: ReturnType<typeof member>) =>
    (await file(await as(s, openid, daysAgo, key, 'file'), { form: f, ...(m ? { member: m } : {}) })).case.id;

  // 恒通机械: waiting for the home visit; a household the city dispatched, overdue.
  await filed('hengtong-verify', 'demo-staff-grassroots', 2, form({ kind: 'ongoing', primaryCause: 'family_illness', aidKinds: ['living'], narrative: '丈夫长期卧床需要照顾，本人只能做零工，家庭收入很低。' }), member('赵桂芳', '330402', '19650311', '041', 'gu_jx_hengtong'));
  const ctxDispatch = await as(s, 'demo-staff-city', 12, 'hengtong-dispatch', 'dispatch');
  await dispatch(ctxDispatch, { rows: [{ ...member('孙建国', '330402', '19600921', '053', 'gu_jx_hengtong'), reason: '社区网格员反映：大病致困，独居' }], aidKinds: ['living'], dueOn: addLocalDays(localDateOf(now), -2) });

  // 嘉善: the whole chain.
  const chain = { verifier: 'demo-staff-dongyun', town: 'demo-staff-town', county: 'demo-staff-county' };
  const atTown = await filed('js-town', 'demo-staff-dongyun', 5, form({}), member('陆金娣', '330421', '19620506', '072', 'gu_js_dongyun_coop'));
  await pathOf(s, 'js-town', atTown, 'town', chain, [3]);
  const late = await filed('js-late', 'demo-staff-dongyun', 16, form({ primaryCause: 'accident', secondaryCauses: [], narrative: '今年在工地意外受伤，住院手术后仍需康复治疗，暂时无法工作。' }), member('沈阿根', '330421', '19700817', '085', 'gu_js_dongyun_coop'));
  await pathOf(s, 'js-late', late, 'town', chain, [14]);
  const c0 = (await store.get<CaseDoc>(C.cases, late))!;
  if (!c0.reminders.length) await remind(await as(s, 'demo-staff-county', 1, 'js-late-remind', 'remind'), { caseId: late, note: '已超过办理时限，请尽快审核' });
  const medal = await filed('js-returned', 'demo-model-medal', 9, form({ narrative: '本人今年确诊需长期治疗，自付医疗费用较高，家庭收入难以维持。' }));
  await pathOf(s, 'js-returned', medal, 'town', chain, [7]);
  const cm = (await store.get<CaseDoc>(C.cases, medal))!;
  if (cm.status === 'reviewing') await returnCase(await as(s, 'demo-staff-town', 5, 'js-returned-back', 'returnCase'), { caseId: medal, reason: '请补充今年的自付医疗费用票据', missing: ['medical_receipts'] });
  const atCounty = await filed('js-county', 'demo-staff-dongyun', 8, form({ kind: 'ongoing', primaryCause: 'low_income', secondaryCauses: ['family_illness'], aidKinds: ['living'], medicalCosts: 6000, monthlyIncome: 1800, narrative: '本人收入低，妻子患慢性病需长期服药，孩子在读高中。' }), member('钱小妹', '330421', '19740122', '093', 'gu_js_dongyun_coop'));
  await pathOf(s, 'js-county', atCounty, 'county', chain, [6, 3]);
  const inNotice = await filed('js-notice', 'demo-staff-dongyun', 12, form({ narrative: '本人患重病住院治疗，医保报销后自付部分仍然很高。' }), member('周永兴', '330421', '19680309', '104', 'gu_js_dongyun_coop'));
  await pathOf(s, 'js-notice', inNotice, 'notice', chain, [10, 7, 2]);
  const toPay = await filed('js-pay', 'demo-staff-dongyun', 24, form({ kind: 'ongoing', primaryCause: 'disability', secondaryCauses: ['low_income'], aidKinds: ['living'], medicalCosts: 3000, monthlyIncome: 1500, narrative: '本人肢体残疾，只能从事简单工作，收入很低。' }), member('朱阿三', '330421', '19660704', '116', 'gu_js_dongyun_coop'));
  await pathOf(s, 'js-pay', toPay, 'notice', chain, [22, 19, 14], 'deep');
  const toCity = await filed('js-city', 'demo-staff-dongyun', 10, form({ medicalCosts: 86000, aidReceived: 20000, narrative: '本人确诊恶性肿瘤，手术和化疗费用很高，家中还有老人需要赡养。' }), member('陈根宝', '330421', '19640215', '127', 'gu_js_dongyun_coop'));
  await pathOf(s, 'js-city', toCity, 'county', chain, [8, 5]);
  const cc = (await store.get<CaseDoc>(C.cases, toCity))!;
  if (cc.stepOrgId === 'org_jx_js') await forward(await as(s, 'demo-staff-county', 2, 'js-city-up', 'forward'), { caseId: toCity, note: '医疗费用较大，报市总工会审批' });

  // Archived households: two registered demo workers (the wishes service's), one in 嘉善 due for its re-check.
  const archived = async (key: string, caseId: string, days: number[], category: Category) => {
    const c = (await store.get<CaseDoc>(C.cases, caseId))!;
    if (c.status === 'reviewing') {
      const ctxV = await as(s, 'demo-admin', days[0], `${key}-v`, 'verify');
      await verify(ctxV, { caseId, visit: visit(ctxV.now, ['顾文涛', '吴海峰'], '入户走访，家庭困难情况属实。') });
      const ctxT = await as(s, 'demo-admin', days[1], `${key}-t`, 'forward');
      await forward(ctxT, { caseId, incomeCheck: incomeCheck(ctxT.now) });
      await decideSuggested(await as(s, 'demo-admin', days[2], `${key}-d`, 'decide'), caseId, category);
    }
    const payCtx = await as(s, 'demo-admin', days[3], `${key}-p`, 'recordPayments');
    await endDueNotices(payCtx);
    const d = (await store.get<CaseDoc>(C.cases, caseId))!;
    if (d.status === 'paying') await recordPayments(payCtx, { payments: [{ caseId, payee: d.name, amount: d.totalAmount ?? 0, paidOn: localDateOf(payCtx.now), method: 'bank', voucherNo: `PZ${localDateOf(payCtx.now).replace(/-/g, '')}${caseId.slice(-3)}` }] });
    if ((await store.get<CaseDoc>(C.cases, caseId))!.status === 'paid') await archive(await as(s, 'demo-admin', days[3], `${key}-a`, 'archive'), { caseId });
  };
  const zhang = await filed('ph-zhang', 'demo-worker-2', 300, form({ kind: 'ongoing', primaryCause: 'own_illness', secondaryCauses: ['low_income'], aidKinds: ['living', 'medical'], monthlyIncome: 2200, narrative: '本人患尿毒症需长期透析，只能从事轻体力工作，家庭收入不稳定。' }));
  await archived('ph-zhang', zhang, [297, 294, 290, 280], 'deep');
  const ma = await filed('nh-ma', 'demo-worker-3', 100, form({ kind: 'ongoing', primaryCause: 'family_illness', secondaryCauses: ['schooling'], aidKinds: ['living'], medicalCosts: 9000, schoolingCosts: 6000, monthlyIncome: 2600, narrative: '妻子患病需长期治疗，孩子在读大学，家庭负担较重。' }));
  await archived('nh-ma', ma, [97, 94, 90, 80], 'relative');
  const lu = await filed('js-lu', 'demo-staff-dongyun', 360, form({ kind: 'ongoing', primaryCause: 'low_income', secondaryCauses: [], aidKinds: ['living'], medicalCosts: 2000, monthlyIncome: 1300, members: [], narrative: '本人独居，年老体弱，收入只有少量补贴。' }), member('陆阿婆', '330421', '19560918', '138', 'gu_js_dongyun_coop'));
  await archived('js-lu', lu, [357, 354, 350, 340], 'deep');

  // 李小红 started an application and saved it.
  await saveDraft(await as(s, 'demo-worker', 1, 'draft-li', 'saveDraft'), { form: draftForm.parse({ kind: 'one_off', primaryCause: 'family_illness', aidKinds: ['medical'], members: [] }) });

  // What the timer does at the seed time: 公示 that ended move to payment; due re-checks are opened.
  const timer = { ...(await as(s, 'demo-admin', 0, 'timer', 'recover')), requestId: undefined };
  await endDueNotices(timer);
  await openDueRechecks(timer);
};
