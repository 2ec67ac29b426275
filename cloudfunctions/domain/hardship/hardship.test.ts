/**
 * 困难帮扶 through the real function wrapper on the embedded store: the whole flow, duplicates across self and
 * on-behalf filing, returns to the filer and to any earlier step, objections, tiers and their bounds, the levels the
 * configuration names, dispatch, re-checks, privacy (who sees details, what 公示 shows, view records) and notices.
 */
import type { CaseDetail, CaseSummary, NoticeItem } from '../../../types/hardship.schema';
import { DEFAULT_CONFIG } from '../../../types/hardship.rules';
import type { Result } from '../../../types/result';
import type { NoticeDoc } from '../../core/notices';
import { createTestEnv, makeTestIdNumber, type TestEnv } from '../../testing/harness';
import { HOUSEHOLDS, type HouseholdDoc } from '../account/households';
import { C, type CaseDoc } from './model';
import { CITY, COUNTY, INCOME_CHECK, TOWN, UNION, caseAt, formWith, payment, visitOn, world } from './testkit';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv();
});

const detail = (caseId: string, as: string) => env.ok<CaseDetail>('hardship', 'detail', { caseId }, { as });
const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);
const stored = async (id: string) => (await env.store.get<CaseDoc>(C.cases, id))!;

describe('the flow', () => {
  it('file → home visit → town review with the income check → county decision in a tier → 公示 → paid → archived', async () => {
    const w = await world(env);
    const filed = await env.ok<{ case: CaseSummary; message: string }>('hardship', 'file', { form: formWith() }, { as: w.worker.openid });
    expect(filed.case).toMatchObject({ status: 'reviewing', stepText: expect.stringContaining('入户核实') });
    const id = filed.case.id;
    const c0 = await stored(id);
    expect(c0.steps.map((s) => `${s.kind}@${s.orgId}`)).toEqual([`verify@${UNION}`, 'review@org_jx_js_dy', 'review@org_jx_js']);
    // The per-capita income is computed, shown and stored with its inputs; the consent with its text version.
    expect(c0.income).toEqual({ annualIncome: 48000, rigidExpenses: 18000, householdSize: 2, perCapitaMonthly: 1250, dibao: expect.any(Number) });
    expect(c0.consent).toMatchObject({ version: '2026-01', onPaper: false });

    await env.ok('hardship', 'verify', { caseId: id, visit: visitOn(env) }, { as: w.grassroots.openid });
    // The town's review needs the household income check.
    expect(code(await env.call('hardship', 'forward', { caseId: id }, { as: TOWN }))).toBe('validation');
    await env.ok('hardship', 'forward', { caseId: id, incomeCheck: INCOME_CHECK(env) }, { as: TOWN });
    const atCounty = await detail(id, COUNTY);
    expect(atCounty.actions).toEqual(expect.arrayContaining(['decide', 'return', 'send_back', 'reject']));
    expect(atCounty.suggestion?.category).toBe('relative');
    const relative = atCounty.suggestion!.byCategory.find((b) => b.category === 'relative')!.items[0];
    expect(relative).toMatchObject({ aidKind: 'medical', suggested: 10000, max: 10000 });

    const decided = await env.ok<{ case: CaseSummary }>('hardship', 'decide', { caseId: id, category: 'relative', awards: [{ aidKind: 'medical', amount: 10000 }] }, { as: COUNTY });
    expect(decided.case).toMatchObject({ status: 'notice', totalAmount: 10000 });
    const c1 = await stored(id);
    // 2026-06-01 is a Monday: five working days run through Friday the 5th.
    expect({ from: c1.noticeFrom, until: c1.noticeUntil }).toEqual({ from: '2026-06-01', until: '2026-06-05' });

    env.clock.set('2026-06-05T15:59:00.000Z'); // Friday 23:59 in Shanghai: still in the period
    await env.ok('hardship', 'recover', {}, { as: null });
    expect((await stored(id)).status).toBe('notice');
    env.clock.set('2026-06-05T16:00:00.000Z'); // Saturday 0:00 in Shanghai: the period has ended
    await env.ok('hardship', 'recover', {}, { as: null });
    expect((await stored(id)).status).toBe('paying');
    const pay = await env.ok<{ paid: number }>('hardship', 'recordPayments', { payments: [payment(env, id)] }, { as: COUNTY });
    expect(pay.paid).toBe(1);
    await env.ok('hardship', 'archive', { caseId: id }, { as: COUNTY });
    const h = await env.store.get<HouseholdDoc>(HOUSEHOLDS, `hh_${w.worker.idHash.slice(0, 32)}`);
    expect(h).toMatchObject({ status: 'archived', category: 'relative', userId: w.worker._id, nameMasked: '王*明', surnameMasked: '王*', orgPath: w.worker.orgPath, birthYear: 1972, idHash: w.worker.idHash, recheckDueOn: '2027-06-06' });

    // The person's own view: every step and the whole timeline (who, when, what, why).
    const mine = await detail(id, w.worker.openid);
    expect(mine.status).toBe('archived');
    expect(mine.timeline.map((t) => t.what)).toEqual([
      '本人提交困难帮扶申请',
      expect.stringContaining('入户核实通过'),
      expect.stringContaining('审核通过，报嘉善县总工会'),
      expect.stringContaining('审批通过：相对困难，合计 10000 元'),
      '公示期满，无异议，转入待发放',
      expect.stringContaining('发放救助金 10000 元'),
      expect.stringContaining('建档'),
    ]);
    const kinds = (await env.store.find<NoticeDoc>('notices', { userId: w.worker._id }, { limit: 100 })).map((x) => x.kind).sort();
    expect(new Set(kinds)).toEqual(new Set(['hardship_step', 'hardship_approved', 'hardship_notice', 'hardship_paid']));
  });

  it('returns to the filer for a missing receipt; the resubmission keeps every version and goes back to the town, deadline restarted, reminder kept', async () => {
    const w = await world(env);
    const id = await caseAt(env, w, 'town');
    await env.ok('hardship', 'remind', { caseId: id, note: '请尽快办理' }, { as: COUNTY });
    await env.ok('hardship', 'returnCase', { caseId: id, reason: '请补充自付医疗费用票据', missing: ['medical_receipts'] }, { as: TOWN });
    const returned = await detail(id, w.worker.openid);
    expect(returned).toMatchObject({ status: 'returned', actions: expect.arrayContaining(['resubmit', 'withdraw']) });
    const note = (await env.store.find<NoticeDoc>('notices', { userId: w.worker._id, kind: 'hardship_returned' }, { limit: 1 }))[0];
    expect(note.body).toContain('自付医疗费用票据');

    env.clock.advance(3 * 86_400_000);
    await env.ok('hardship', 'resubmit', { caseId: id, form: formWith({ narrative: '已补充票据：本人今年确诊需长期治疗，自付医疗费用较高。' }) }, { as: w.worker.openid });
    const c = await stored(id);
    expect({ status: c.status, step: c.steps[c.stepIndex].orgId, version: c.formVersion, previous: c.previousForms.length, reminders: c.reminders.length }).toEqual({ status: 'reviewing', step: 'org_jx_js_dy', version: 1, previous: 1, reminders: 1 });
    expect(Date.parse(c.dueAt!)).toBe(env.clock.now.getTime() + 7 * 86_400_000);
    const queue = await env.ok<{ items: CaseSummary[] }>('hardship', 'queues', { queue: 'review' }, { as: TOWN });
    expect(queue.items.find((i) => i.id === id)).toMatchObject({ reminders: 1, mine: true });
  });

  it('sends back to any earlier step with a reason, and the step acts again', async () => {
    const w = await world(env);
    const id = await caseAt(env, w, 'county');
    expect(code(await env.call('hardship', 'sendBack', { caseId: id, toStep: 2, reason: '退回本级' }, { as: COUNTY }))).toBe('validation');
    await env.ok('hardship', 'sendBack', { caseId: id, toStep: 0, reason: '请补充走访照片' }, { as: COUNTY });
    expect((await stored(id)).stepOrgId).toBe(UNION);
    await env.ok('hardship', 'verify', { caseId: id, visit: visitOn(env) }, { as: w.grassroots.openid });
    const c = await stored(id);
    expect({ step: c.stepOrgId, visits: c.visits.length }).toEqual({ step: 'org_jx_js_dy', visits: 2 });
  });

  it('an objection during 公示 brings the case back to the deciding level, which decides again', async () => {
    const w = await world(env);
    const id = await caseAt(env, w, 'notice');
    const neighbour = await env.addUser({ orgId: 'gu_js_xinrui', idNumber: makeTestIdNumber(71_111, 1980) });
    const listed = await env.ok<{ items: NoticeItem[] }>('hardship', 'notices', {}, { as: neighbour.openid });
    expect(listed.items.map((i) => i.caseId)).toContain(id);
    const r = await env.ok<{ message: string }>('hardship', 'object', { caseId: id, reason: '据了解该户家中经营企业，请核实' }, { as: neighbour.openid, requestId: 'objection-1' });
    expect(r.message).toContain('复核');
    // The same request again answers the same, and writes nothing more.
    await env.ok('hardship', 'object', { caseId: id, reason: '据了解该户家中经营企业，请核实' }, { as: neighbour.openid, requestId: 'objection-1' });
    const c = await stored(id);
    expect({ status: c.status, step: c.stepOrgId, objections: c.objections.length, notice: c.noticeUntil }).toEqual({ status: 'reviewing', step: 'org_jx_js', objections: 1, notice: null });
    const seen = await detail(id, COUNTY);
    expect(seen.objections).toEqual([{ at: expect.any(String), reason: '据了解该户家中经营企业，请核实' }]);
    expect(JSON.stringify(seen.objections)).not.toContain(neighbour._id);
    await env.ok('hardship', 'decide', { caseId: id, category: 'relative', awards: [{ aidKind: 'medical', amount: 8000, reason: '核实后按实际自付费用调整' }] }, { as: COUNTY });
    expect((await stored(id)).status).toBe('notice');
    // Outside the period, or for a union outside the subtree, there is nothing to object to.
    const outsider = await env.addUser({ orgId: 'gu_hn_warp', idNumber: makeTestIdNumber(71_112, 1980) });
    expect(code(await env.call('hardship', 'object', { caseId: id, reason: '我有异议要提出' }, { as: outsider.openid }))).toBe('not_found');
  });

  it('withdrawing gives the slot back; rejecting too', async () => {
    const w = await world(env);
    const id = await caseAt(env, w, 'town');
    await env.ok('hardship', 'withdraw', { caseId: id, reason: '情况好转' }, { as: w.worker.openid });
    expect(await env.store.count(C.slots, { holder: id })).toBe(0);
    const again = await caseAt(env, w, 'town');
    await env.ok('hardship', 'reject', { caseId: again, reason: '家庭人均收入高于本地标准' }, { as: TOWN });
    expect(await env.store.count(C.slots, { holder: again })).toBe(0);
    expect(code(await env.call('hardship', 'withdraw', { caseId: again }, { as: w.worker.openid }))).toBe('wrong_state');
  });
});

describe('one case per person, aid kind and year', () => {
  it('the grassroots union filing for a worker who already filed is told where the case is (matched by ID hash)', async () => {
    const w = await world(env);
    const id = await caseAt(env, w, 'verify');
    // On behalf: a member record for a person with no account.
    const member = { name: '赵桂芳', idNumber: makeTestIdNumber(72_002, 1958), orgId: UNION };
    const first = await env.ok<{ case: CaseSummary }>('hardship', 'file', { member, form: formWith() }, { as: w.grassroots.openid });
    expect(first.case.origin).toBe('behalf');
    const dup = await env.call('hardship', 'file', { member, form: formWith() }, { as: w.grassroots.openid });
    expect(dup).toMatchObject({ ok: false, error: { code: 'hardship.duplicate', message: expect.stringContaining(first.case.caseNo) } });
    // A different aid kind is a different slot.
    await env.ok('hardship', 'file', { member, form: formWith({ aidKinds: ['living'] }) }, { as: w.grassroots.openid });
    // The registered worker's own ID through the member form lands on the same person (and the same slot).
    const self = (await stored(id));
    const behalf = await env.call('hardship', 'file', { member: { name: '王小明', idNumber: w.idNumber, orgId: UNION }, form: formWith() }, { as: w.grassroots.openid });
    expect(behalf).toMatchObject({ ok: false, error: { code: 'hardship.duplicate', message: expect.stringContaining(self.caseNo) } });
  });

  it('staff cannot file for people outside their union, nor for themselves through the member form', async () => {
    const w = await world(env);
    const outside = await env.call('hardship', 'file', { member: { name: '钱多多', idNumber: makeTestIdNumber(72_101, 1966), orgId: 'gu_hn_warp' }, form: formWith() }, { as: w.grassroots.openid });
    expect(code(outside)).toBe('hardship.not_member');
    const worker = await env.call('hardship', 'file', { member: { name: '钱多多', idNumber: makeTestIdNumber(72_102, 1966), orgId: UNION }, form: formWith() }, { as: w.worker.openid });
    expect(code(worker)).toBe('auth.forbidden');
  });
});

describe('tiers and levels', () => {
  it('refuses an amount outside the tier, and one off the suggestion without a reason', async () => {
    const w = await world(env);
    const id = await caseAt(env, w, 'county');
    const over = await env.call('hardship', 'decide', { caseId: id, category: 'relative', awards: [{ aidKind: 'medical', amount: 12000 }] }, { as: COUNTY });
    expect(code(over)).toBe('hardship.out_of_bounds');
    const off = await env.call('hardship', 'decide', { caseId: id, category: 'relative', awards: [{ aidKind: 'medical', amount: 9000 }] }, { as: COUNTY });
    expect(off).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: ['awards', 0, 'reason'] }] } });
    expect(code(await env.call('hardship', 'decide', { caseId: id, category: 'relative', awards: [{ aidKind: 'living', amount: 9000 }] }, { as: COUNTY }))).toBe('validation');
  });

  it('a county that lets towns decide small cases: the town decides up to its limit, and large medical aid goes to the city', async () => {
    await env.ok('hardship', 'saveConfig', { orgId: 'org_jx_js', year: 2026, config: { ...DEFAULT_CONFIG, townDecidesUpTo: 3000, cityMedicalFrom: 30000 } }, { as: COUNTY });
    const w = await world(env);
    const small = await caseAt(env, w, 'town', formWith({ aidKinds: ['living'], primaryCause: 'low_income', secondaryCauses: [], medicalCosts: 0, aidReceived: 0 }));
    await env.ok('hardship', 'verify', { caseId: small, visit: visitOn(env) }, { as: w.grassroots.openid }).catch(() => undefined);
    const town = await detail(small, TOWN);
    expect(town).toMatchObject({ canDecide: true, canForward: true });
    const tooMuch = await env.call('hardship', 'decide', { caseId: small, category: 'relative', awards: [{ aidKind: 'living', amount: 9440 }], incomeCheck: INCOME_CHECK(env) }, { as: TOWN });
    expect(code(tooMuch)).toBe('hardship.step_rule');
    await env.ok('hardship', 'decide', { caseId: small, category: 'relative', awards: [{ aidKind: 'living', amount: 3000, reason: '临时生活困难，按乡镇限额救助' }], incomeCheck: INCOME_CHECK(env) }, { as: TOWN });
    expect((await stored(small)).decidingOrgId).toBe('org_jx_js_dy');

    const w2 = await world(env);
    const big = await caseAt(env, w2, 'county', formWith({ medicalCosts: 60000 }));
    expect(code(await env.call('hardship', 'decide', { caseId: big, category: 'relative', awards: [{ aidKind: 'medical', amount: 10000 }] }, { as: COUNTY }))).toBe('hardship.step_rule');
    await env.ok('hardship', 'forward', { caseId: big }, { as: COUNTY });
    const atCity = await stored(big);
    expect({ step: atCity.stepOrgId, route: atCity.routeOrgIds }).toEqual({ step: 'org_jx', route: [UNION, 'org_jx_js_dy', 'org_jx_js', 'org_jx'] });
    await env.ok('hardship', 'decide', { caseId: big, category: 'deep', awards: [{ aidKind: 'medical', amount: 20000 }] }, { as: CITY });
  });

  it('caps a household\'s aid over the year', async () => {
    await env.ok('hardship', 'saveConfig', { orgId: 'org_jx_js', year: 2026, config: { ...DEFAULT_CONFIG, householdYearCap: 12000 } }, { as: COUNTY });
    const w = await world(env);
    await caseAt(env, w, 'notice');
    const second = await caseAt(env, w, 'county', formWith({ aidKinds: ['living'] }));
    const d = await detail(second, COUNTY);
    expect(d.suggestion?.householdCapLeft).toBe(2000);
    expect(d.suggestion?.byCategory.find((b) => b.category === 'relative')?.items[0]).toMatchObject({ max: 2000, suggested: 2000 });
  });
});

describe('who may do what', () => {
  it('a town reviewer cannot act on another town\'s case; nobody acts on their own case', async () => {
    const w = await world(env);
    const id = await caseAt(env, w, 'town');
    const otherTown = await env.addUser({ orgId: 'gu_js_xinrui', roles: ['worker', 'staff'], staffOrgId: 'org_jx_js_lx', idNumber: makeTestIdNumber(73_001, 1980) });
    expect(code(await env.call('hardship', 'forward', { caseId: id, incomeCheck: INCOME_CHECK(env) }, { as: otherTown.openid }))).toBe('auth.forbidden');
    expect(code(await env.call('hardship', 'detail', { caseId: id }, { as: otherTown.openid }))).toBe('not_found');
    // The county is above the town's step: it may remind, not review.
    expect(code(await env.call('hardship', 'forward', { caseId: id, incomeCheck: INCOME_CHECK(env) }, { as: COUNTY }))).toBe('auth.forbidden');
    // The town's own staff member files for herself: her union and her own town are skipped — the county verifies
    // and decides; she cannot act on it, nor can the grassroots union below her.
    const own = await env.ok<{ case: CaseSummary }>('hardship', 'file', { form: formWith() }, { as: TOWN });
    const c = await stored(own.case.id);
    expect(c.steps.map((s) => `${s.kind}@${s.orgId}`)).toEqual(['verify@org_jx_js', 'review@org_jx_js']);
    expect(code(await env.call('hardship', 'verify', { caseId: own.case.id, visit: visitOn(env) }, { as: w.grassroots.openid }))).toBe('auth.forbidden');
    await env.ok('hardship', 'verify', { caseId: own.case.id, visit: visitOn(env) }, { as: COUNTY });
    expect(code(await env.call('hardship', 'decide', { caseId: own.case.id, category: 'relative', awards: [{ aidKind: 'medical', amount: 10000 }], incomeCheck: INCOME_CHECK(env) }, { as: TOWN }))).toBe('auth.forbidden');
  });

  it('公示 shows nothing unmasked, and details only to those entitled, with every staff opening recorded', async () => {
    const w = await world(env);
    const id = await caseAt(env, w, 'notice');
    const c = await stored(id);
    const listed = await env.ok<{ items: NoticeItem[] }>('hardship', 'notices', {}, { as: w.worker.openid });
    const text = JSON.stringify(listed.items);
    for (const secret of [c.name, c.phone ?? 'x', c.idLast4, c.idHash, '患病', '确诊', String(c.birthYear), c.form!.narrative!]) expect(text).not.toContain(secret);
    expect(listed.items.find((i) => i.caseId === id)).toMatchObject({ nameMasked: '王*明', categoryText: '相对困难', aidKindsText: '医疗救助', amount: 10000 });
    // Lists of cases carry no family members, attachments or narratives.
    const q = await env.ok<{ items: CaseSummary[] }>('hardship', 'queues', { queue: 'notice' }, { as: COUNTY });
    expect(JSON.stringify(q.items)).not.toMatch(/members|attachments|narrative|occupation/);
    // Someone outside the path sees nothing.
    const other = await env.addUser({ orgId: 'gu_jx_hengtong', idNumber: makeTestIdNumber(73_101, 1980) });
    expect(code(await env.call('hardship', 'detail', { caseId: id }, { as: other.openid }))).toBe('not_found');
    expect(code(await env.call('hardship', 'detail', { caseId: id }, { as: 'demo-staff-grassroots' }))).toBe('not_found');
    const before = await env.store.count(C.views, { caseId: id });
    await detail(id, COUNTY);
    await detail(id, w.worker.openid);
    expect(await env.store.count(C.views, { caseId: id })).toBe(before + 1);
    // Calls are logged with ids and codes only.
    expect(JSON.stringify(env.logs)).not.toContain(c.name);
  });
});

describe('dispatch and re-check', () => {
  it('a county dispatches a household; the grassroots union verifies it with the form and a home visit, reporting back up', async () => {
    const w = await world(env);
    const idNumber = makeTestIdNumber(74_001, 1961);
    const sent = await env.ok<{ created: { caseId: string }[]; skipped: unknown[] }>('hardship', 'dispatch', { rows: [{ name: '孙建国', idNumber, orgId: UNION, reason: '村社区反映大病致困' }], aidKinds: ['medical'], dueOn: '2026-06-15' }, { as: COUNTY });
    expect(sent.skipped).toEqual([]);
    const id = sent.created[0].caseId;
    const dispatched = await env.ok<{ items: CaseSummary[] }>('hardship', 'queues', { queue: 'dispatched' }, { as: COUNTY });
    expect(dispatched.items.map((i) => i.id)).toContain(id);
    expect(code(await env.call('hardship', 'verify', { caseId: id, visit: visitOn(env) }, { as: w.grassroots.openid }))).toBe('hardship.no_form');
    await env.ok('hardship', 'verify', { caseId: id, visit: visitOn(env), form: formWith() }, { as: w.grassroots.openid });
    const c = await stored(id);
    expect({ status: c.status, step: c.stepOrgId, consent: c.consent?.onPaper, dispatch: c.dispatch?.byOrgId }).toEqual({ status: 'reviewing', step: 'org_jx_js_dy', consent: true, dispatch: 'org_jx_js' });
    // Dispatching the same household again is refused by its slot.
    const again = await env.ok<{ skipped: { reason: string }[] }>('hardship', 'dispatch', { rows: [{ name: '孙建国', idNumber, orgId: UNION, reason: '重复' }], aidKinds: ['medical'], dueOn: '2026-06-15' }, { as: COUNTY });
    expect(again.skipped[0].reason).toContain('已有一份医疗救助申请');
    // A grassroots union does not dispatch.
    expect(code(await env.call('hardship', 'dispatch', { rows: [{ name: '孙建国', idNumber: makeTestIdNumber(74_002, 1961), orgId: UNION, reason: '测试' }], aidKinds: ['living'], dueOn: '2026-06-15' }, { as: w.grassroots.openid }))).toBe('auth.forbidden');
  });

  it('the timer opens a due re-check; grassroots verify, the county concludes 脱困 and the household leaves the archive', async () => {
    const w = await world(env);
    const id = await caseAt(env, w, 'paid');
    await env.ok('hardship', 'archive', { caseId: id }, { as: COUNTY });
    env.clock.set('2027-05-20T02:00:00.000Z');
    const r = await env.ok<{ rechecks: number }>('hardship', 'recover', {}, { as: null });
    expect(r.rechecks).toBeGreaterThanOrEqual(1);
    const hid = `hh_${w.worker.idHash.slice(0, 32)}`;
    const h = (await env.store.get<HouseholdDoc>(HOUSEHOLDS, hid))!;
    const recheck = (await stored(h.recheckCaseId!));
    expect(recheck).toMatchObject({ type: 'recheck', status: 'reviewing', stepOrgId: UNION });
    expect(recheck.steps.map((s) => s.orgId)).toEqual([UNION, 'org_jx_js']);
    expect((await env.store.find<NoticeDoc>('notices', { userId: w.worker._id, kind: 'hardship_recheck' }, { limit: 1 })).length).toBe(1);
    await env.ok('hardship', 'verify', { caseId: recheck._id, visit: visitOn(env) }, { as: w.grassroots.openid });
    expect(code(await env.call('hardship', 'conclude', { caseId: recheck._id, outcome: 'exit' }, { as: COUNTY }))).toBe('validation');
    await env.ok('hardship', 'conclude', { caseId: recheck._id, outcome: 'exit', reason: '本人已再就业，家庭收入稳定' }, { as: COUNTY });
    expect(await env.store.get<HouseholdDoc>(HOUSEHOLDS, hid)).toMatchObject({ status: 'closed', closedReason: '本人已再就业，家庭收入稳定', recheckCaseId: null });
  });
});

describe('self-test', () => {
  it('says which category a household likely falls in against the local 低保', async () => {
    const ask = (d: object) => env.ok<{ category: string | null; verdict: string; prepare: string[] }>('hardship', 'selfTest', { householdSize: 3, annualIncome: 36000, medicalCosts: 0, schoolingCosts: 0, otherCosts: 0, ...d }, { as: null });
    expect((await ask({ annualIncome: 30000 })).category).toBe('deep');
    expect((await ask({ annualIncome: 60000 })).category).toBe('relative');
    expect((await ask({ annualIncome: 300000, medicalCosts: 250000 })).category).toBe('accident');
    const none = await ask({ annualIncome: 200000 });
    expect(none).toMatchObject({ category: null, verdict: expect.stringContaining('暂不在') });
    expect((await ask({ annualIncome: 30000, medicalCosts: 5000 })).prepare.join()).toContain('诊断证明');
  });
});
