/**
 * The staff workspace against the demo data (with some activity on top): every figure equals what a plain count over
 * the raw documents gives, for the city, a county inside it and the administrator; nothing outside the chosen subtree
 * is counted; to-do lists and trails stay inside the caller's reach.
 */
import type { FiguresOutput, TodoOutput, TrailOutput } from '../../types/dashboard';
import { monthRange } from '../../types/dashboard';
import { addLocalMonths, localMonthOf } from '../../types/time';
import type { CardDoc, VisitDoc } from '../domain/greencard/docs';
import type { SessionDoc, SignupDoc, TripDoc } from '../domain/trips/model';
import type { CaseDoc } from '../domain/hardship/model';
import type { HouseholdDoc } from '../domain/account/households';
import type { WishDoc } from '../domain/wishes/model';
import { addLocalDays, localDateOf } from '../../types/time';
import type { Doc } from '../core/store/port';
import type { OrgDoc } from '../core/users';
import { FORM, tripFormAt } from '../domain/trips/testkit';
import { createTestEnv, makeTestIdNumber, type TestEnv } from '../testing/harness';

let env: TestEnv;
const from = '2026-01';
const to = '2026-12';

async function all<T extends { _id: string }>(collection: string): Promise<T[]> {
  return env.store.find<T>(collection, {}, { limit: 1000 });
}

beforeAll(async () => {
  env = await createTestEnv();
  // Some activity: sign-ups on a county trip (one waiting) and the city's demo trip, a review waiting.
  const form = tripFormAt(env.clock.now, { title: '嘉善县劳模康养', needsReview: true, rules: { audience: 'all', onePerYear: false }, sessions: [{ departDate: '2026-07-10', returnDate: '2026-07-12', places: 2 }] });
  const { tripId } = await env.ok<{ tripId: string }>('trips', 'createTrip', { trip: form }, { as: 'demo-staff-county' });
  await env.ok('trips', 'publishTrip', { tripId }, { as: 'demo-staff-county' });
  const county = { tripId, sessionId: `${tripId}_s1` };
  for (let i = 0; i < 3; i++) {
    const u = await env.addUser({ orgId: i === 0 ? 'gu_js_xinrui' : 'gu_js_dongyun_coop', idNumber: makeTestIdNumber(81_000 + i, 1970) });
    await env.ok('trips', 'signUp', { ...county, form: FORM }, { as: u.openid });
  }
});

async function independentTrips(orgId: string) {
  const trips = (await all<TripDoc>('trips')).filter((t) => t.orgPath.includes(orgId) && t.status !== 'draft');
  const sessions = await all<SessionDoc>('trip_sessions');
  const signups = await all<SignupDoc>('trip_signups');
  const inPeriod = trips.flatMap((t) => t.sessions.filter((s) => s.departDate >= `${from}-01` && s.departDate <= `${to}-31`).map((s) => s.id));
  const docs = sessions.filter((s) => inPeriod.includes(s._id));
  return {
    sessions: docs.length,
    places: docs.reduce((a, s) => a + s.places, 0),
    filled: docs.reduce((a, s) => a + Object.keys(s.held).length, 0),
    waiting: signups.filter((s) => inPeriod.includes(s.sessionId) && s.status === 'waiting').length,
    attended: signups.filter((s) => inPeriod.includes(s.sessionId) && s.status === 'attended').length,
    pendingReview: signups.filter((s) => s.tripOrgPath.includes(orgId) && s.status === 'pending_review').length,
  };
}

async function independentCards(orgId: string) {
  const cards = (await all<CardDoc>('greencard_cards')).filter((c) => c.holderOrgPath.includes(orgId));
  const visits = (await all<VisitDoc>('greencard_visits')).filter((v) => v.holderOrgPath.includes(orgId) && v.month >= from && v.month <= to);
  const issued = cards.filter((c) => ['active', 'suspended', 'revoked'].includes(c.status) && localMonthOf(c.appliedAt) >= from && localMonthOf(c.appliedAt) <= to);
  const byHospitalMonth: Record<string, number> = {};
  for (const v of visits) byHospitalMonth[`${v.hospitalName}|${v.month}`] = (byHospitalMonth[`${v.hospitalName}|${v.month}`] ?? 0) + 1;
  return { active: cards.filter((c) => c.status === 'active').length, pending: cards.filter((c) => c.status === 'pending').length, issued: issued.length, visits: visits.length, byHospitalMonth };
}

const inPeriod = (at: string | null | undefined) => !!at && localMonthOf(at) >= from && localMonthOf(at) <= to;

async function independentHardship(orgId: string) {
  const now = env.clock.now.toISOString();
  const cases = (await all<CaseDoc>('hardship_cases')).filter((c) => c.orgPath.includes(orgId));
  const decided = cases.filter((c) => ['notice', 'paying', 'paid', 'archived', 'closed'].includes(c.status) && inPeriod(c.decidedAt));
  const paid = cases.filter((c) => inPeriod(c.paidAt));
  const awards = (docs: CaseDoc[], kind: string) => docs.flatMap((c) => c.awards).filter((a) => a.aidKind === kind).reduce((s, a) => s + a.amount, 0);
  const at = (c: CaseDoc) => c.status === 'reviewing';
  const today = localDateOf(env.clock.now);
  const households = (await all<HouseholdDoc>('hardship_households')).filter((h) => h.orgPath.includes(orgId) && h.status === 'archived' && h.recheckDueOn <= addLocalDays(today, 30));
  const all2 = await all<CaseDoc>('hardship_cases');
  return {
    reviewing: cases.filter(at).length,
    overdue: cases.filter((c) => at(c) && !!c.dueAt && c.dueAt < now).length,
    paying: cases.filter((c) => c.status === 'paying').length,
    decided: decided.length,
    decidedAmount: decided.reduce((s, c) => s + c.awards.reduce((a, w) => a + w.amount, 0), 0),
    paidAmount: paid.reduce((s, c) => s + (c.payment?.amount ?? 0), 0),
    decidedMedical: awards(decided, 'medical'),
    paidMedical: awards(paid, 'medical'),
    verify: all2.filter((c) => c.stepOrgId === orgId && at(c) && c.stepKind === 'verify').length,
    review: all2.filter((c) => c.stepOrgId === orgId && at(c) && c.stepKind === 'review').length,
    toPay: all2.filter((c) => c.decidingOrgPath.includes(orgId) && c.status === 'paying').length,
    rechecks: households.length,
  };
}

async function independentWishes(orgId: string) {
  const today = localDateOf(env.clock.now);
  const all2 = await all<WishDoc>('wishes');
  const wishes = all2.filter((w) => w.orgPath.includes(orgId));
  const completed = wishes.filter((w) => inPeriod(w.completedAt));
  const claimed = wishes.filter((w) => inPeriod(w.claim?.at));
  const volunteers = new Set([...claimed.map((w) => w.claim!.volunteerId), ...completed.filter((w) => w.fulfilledBy === 'volunteer').map((w) => w.volunteerId!)]);
  return {
    created: wishes.filter((w) => inPeriod(w.createdAt)).length,
    published: wishes.filter((w) => inPeriod(w.publishedAt)).length,
    claimed: claimed.length,
    completed: completed.length,
    open: wishes.filter((w) => w.status === 'claimed' || w.status === 'delivered').length,
    stuck: wishes.filter((w) => w.status === 'published' && (w.releases > 0 || w.neededBy < today)).length,
    volunteers: volunteers.size,
    points: completed.reduce((s, w) => s + (w.points ?? 0), 0),
    toVet: all2.filter((w) => w.vetPath.includes(orgId) && w.status === 'submitted').length,
    toConfirm: wishes.filter((w) => w.status === 'delivered').length,
  };
}

const headline = (f: FiguresOutput, label: string) => f.headlines.find((h) => h.label === label)!.value;
const todoCount = (t: TodoOutput, key: string) => t.items.find((i) => i.key === key)?.count ?? 0;

describe.each([
  ['嘉兴市总工会', 'demo-staff-city', 'org_jx'],
  ['嘉善县总工会', 'demo-staff-county', 'org_jx_js'],
  ['系统管理员（全省）', 'demo-admin', 'org_zj'],
])('figures for %s equal an independent count of the demo data', (_name, as, orgId) => {
  it('trips', async () => {
    const f = await env.ok<FiguresOutput>('trips', 'figures', { from, to }, { as });
    const want = await independentTrips(orgId);
    expect(f.orgId).toBe(orgId);
    expect({
      sessions: headline(f, '出发期次'), places: headline(f, '名额'), filled: headline(f, '已占名额'), waiting: headline(f, '候补'), attended: headline(f, '签到出发'),
    }).toEqual({ sessions: want.sessions, places: want.places, filled: want.filled, waiting: want.waiting, attended: want.attended });
    // The monthly table adds up to the headline; the session table has one row per session.
    const byMonth = f.tables.find((t) => t.key === 'trips_by_month')!;
    expect(byMonth.rows).toHaveLength(monthRange(from, to).length);
    expect(byMonth.rows.reduce((a, r) => a + r.values[1], 0)).toBe(want.places);
    expect(f.tables.find((t) => t.key === 'sessions')!.rows).toHaveLength(want.sessions);
    const todo = await env.ok<TodoOutput>('trips', 'todo', {}, { as });
    expect(todo.items.find((i) => i.key === 'trip_reviews')?.count ?? 0).toBe(want.pendingReview);
  });

  it('green card', async () => {
    const f = await env.ok<FiguresOutput>('greencard', 'figures', { from, to }, { as });
    const want = await independentCards(orgId);
    expect({ active: headline(f, '有效绿通卡'), pending: headline(f, '待审核申领'), issued: headline(f, '本期发卡'), visits: headline(f, '本期就诊') }).toEqual({
      active: want.active, pending: want.pending, issued: want.issued, visits: want.visits,
    });
    const visits = f.tables.find((t) => t.key === 'visits')!;
    const months = monthRange(from, to);
    const got: Record<string, number> = {};
    visits.columns.forEach((hospital, hi) => visits.rows.forEach((r, mi) => {
      if (r.values[hi]) got[`${hospital}|${months[mi]}`] = r.values[hi];
    }));
    expect(got).toEqual(want.byHospitalMonth);
  });

  it('hardship', async () => {
    const f = await env.ok<FiguresOutput>('hardship', 'figures', { from, to }, { as });
    const want = await independentHardship(orgId);
    expect(f.orgId).toBe(orgId);
    expect({
      reviewing: headline(f, '办理中'), overdue: headline(f, '超时未办'), paying: headline(f, '待发放'), decided: headline(f, '本期批准'),
      decidedAmount: headline(f, '本期批准金额'), paidAmount: headline(f, '本期发放金额'),
    }).toEqual({ reviewing: want.reviewing, overdue: want.overdue, paying: want.paying, decided: want.decided, decidedAmount: want.decidedAmount, paidAmount: want.paidAmount });
    // The monthly tables add up to the headlines, per aid kind.
    const medical = ['living', 'medical', 'schooling'].indexOf('medical');
    const decidedT = f.tables.find((t) => t.key === 'decided_by_month')!;
    const paidT = f.tables.find((t) => t.key === 'paid_by_month')!;
    const total = (t: typeof decidedT) => t.rows.reduce((a, r) => a + r.values.reduce((x, y) => x + y, 0), 0);
    expect(decidedT.rows).toHaveLength(monthRange(from, to).length);
    expect(total(decidedT)).toBe(want.decidedAmount);
    expect(decidedT.rows.reduce((a, r) => a + r.values[medical], 0)).toBe(want.decidedMedical);
    expect(total(paidT)).toBe(want.paidAmount);
    expect(paidT.rows.reduce((a, r) => a + r.values[medical], 0)).toBe(want.paidMedical);
    const stage = f.tables.find((t) => t.key === 'case_stage')!;
    expect(stage.rows[0].values[0] + stage.rows[1].values[0]).toBe(want.reviewing);
    const todo = await env.ok<TodoOutput>('hardship', 'todo', {}, { as });
    expect({ verify: todoCount(todo, 'hardship_verify'), review: todoCount(todo, 'hardship_review'), pay: todoCount(todo, 'hardship_pay'), rechecks: todoCount(todo, 'hardship_rechecks'), overdue: todoCount(todo, 'hardship_overdue') })
      .toEqual({ verify: want.verify, review: want.review, pay: want.toPay, rechecks: want.rechecks, overdue: expect.any(Number) });
  });

  it('wishes', async () => {
    const f = await env.ok<FiguresOutput>('wishes', 'figures', { from, to }, { as });
    const want = await independentWishes(orgId);
    expect({
      created: headline(f, '本期登记'), published: headline(f, '本期发布'), claimed: headline(f, '本期认领'), completed: headline(f, '本期完成'),
      open: headline(f, '认领中'), stuck: headline(f, '滞留心愿'), volunteers: headline(f, '活跃志愿者'), points: headline(f, '本期志愿积分'),
    }).toEqual({
      created: want.created, published: want.published, claimed: want.claimed, completed: want.completed, open: want.open, stuck: want.stuck, volunteers: want.volunteers, points: want.points,
    });
    const byMonth = f.tables.find((t) => t.key === 'wishes_by_month')!;
    expect([0, 1, 2, 3].map((i) => byMonth.rows.reduce((a, r) => a + r.values[i], 0))).toEqual([want.created, want.published, want.claimed, want.completed]);
    const todo = await env.ok<TodoOutput>('wishes', 'todo', {}, { as });
    expect({ vet: todoCount(todo, 'wish_vet'), confirm: todoCount(todo, 'wish_confirm'), stuck: todoCount(todo, 'wish_stuck') }).toEqual({ vet: want.toVet, confirm: want.toConfirm, stuck: want.stuck });
  });
});

describe('the demo data gives the new services something to show', () => {
  it('the city has hardship cases and wishes in every headline that matters', async () => {
    const h = await independentHardship('org_jx');
    const w = await independentWishes('org_jx');
    expect(h.reviewing + h.paying + h.decided).toBeGreaterThan(0);
    expect(h.decidedAmount).toBeGreaterThan(0);
    expect(w.created).toBeGreaterThan(0);
    expect(w.completed + w.open).toBeGreaterThan(0);
    expect(w.stuck).toBeGreaterThan(0);
  });
});

describe('the dashboard stays inside the caller’s subtree', () => {
  it('a county sees its own figures, not the city’s; asking for the city or a sibling is refused', async () => {
    const city = await env.ok<FiguresOutput>('trips', 'figures', { from, to }, { as: 'demo-staff-city' });
    const county = await env.ok<FiguresOutput>('trips', 'figures', { from, to }, { as: 'demo-staff-county' });
    expect(headline(county, '名额')).toBeLessThan(headline(city, '名额'));
    const countyTitles = (await all<TripDoc>('trips')).filter((t) => t.orgPath.includes('org_jx_js')).map((t) => t.title);
    const rows = county.tables.find((t) => t.key === 'sessions')!.rows;
    expect(rows.map((r) => r.label)).toContainEqual(expect.stringMatching(/^嘉善县劳模康养/));
    expect(rows.every((r) => countyTitles.some((title) => r.label.startsWith(title)))).toBe(true);
    for (const orgId of ['org_jx', 'org_jx_hn', 'org_hz']) {
      const r = await env.call('trips', 'figures', { orgId, from, to }, { as: 'demo-staff-county' });
      expect(r.ok ? 'ok' : r.error.code).toBe('auth.forbidden');
      const g = await env.call('greencard', 'todo', { orgId }, { as: 'demo-staff-county' });
      expect(g.ok ? 'ok' : g.error.code).toBe('auth.forbidden');
    }
    // The city may look at one county of its own.
    const sub = await env.ok<FiguresOutput>('trips', 'figures', { orgId: 'org_jx_js', from, to }, { as: 'demo-staff-city' });
    expect(headline(sub, '名额')).toBe(headline(county, '名额'));
  });

  it('a trail shows who, when, what and why — to staff who may act on the person, not to others', async () => {
    const [signup] = await env.store.find<SignupDoc>('trip_signups', { status: 'pending_review' }, { limit: 1 });
    env.clock.advance(3600_000);
    await env.ok('trips', 'review', { signupId: signup._id, decision: 'reject', reason: '名额调整' }, { as: 'demo-staff-county' });
    const trail = await env.ok<TrailOutput>('trips', 'trail', { signupId: signup._id }, { as: 'demo-staff-county' });
    expect(trail.entries[0]).toMatchObject({ who: '朱立新（嘉善县总工会）', what: '审核不通过报名', why: '名额调整' });
    expect(trail.entries.at(-1)).toMatchObject({ who: '本人' });
    expect(trail.subject).toMatch(/\*/);
    const r = await env.call('trips', 'trail', { signupId: signup._id }, { as: 'demo-staff-town' });
    expect(r.ok ? 'ok' : r.error.code).toBe('auth.forbidden');
    const [card] = await env.store.find<Doc>('greencard_cards', { status: 'active' }, { limit: 1 });
    const c = await env.ok<TrailOutput>('greencard', 'trail', { cardId: card._id }, { as: 'demo-staff-city' });
    expect(c.title).toMatch(/^医疗绿通卡 /);
  });

  it('a hardship case’s trail shows its steps and who opened it; a wish’s trail its steps — within reach only', async () => {
    const [c] = (await all<CaseDoc>('hardship_cases')).filter((x) => x.status !== 'draft' && x.orgPath.includes('org_jx') && !x.orgPath.includes('org_jx_js') && x.history.length > 1);
    await env.ok('hardship', 'detail', { caseId: c._id }, { as: 'demo-admin' });
    const t = await env.ok<TrailOutput>('hardship', 'trail', { caseId: c._id }, { as: 'demo-staff-city' });
    expect(t.title).toBe(`困难帮扶申请 ${c.caseNo}`);
    expect(t.subject).toMatch(/\*/);
    expect(t.entries.length).toBeGreaterThan(0);
    expect(t.views!.length).toBeGreaterThan(0);
    expect(t.views![0].at).toBe(env.clock.now.toISOString());
    const r = await env.call('hardship', 'trail', { caseId: c._id }, { as: 'demo-staff-county' });
    expect(r.ok ? 'ok' : r.error.code).toBe('auth.forbidden');
    const [w] = (await all<WishDoc>('wishes')).filter((x) => x.status === 'submitted' && !x.orgPath.includes('org_jx_js'));
    await env.ok('wishes', 'vet', { wishId: w._id, decision: 'return', reason: '请写明需要的尺寸' }, { as: 'demo-staff-city' });
    const wt = await env.ok<TrailOutput>('wishes', 'trail', { wishId: w._id }, { as: 'demo-staff-city' });
    expect(wt.title).toBe(`微心愿 ${w.title}`);
    expect(wt.status).toBe('已退回修改');
    expect(wt.entries[0]).toMatchObject({ who: '陈雅琴（嘉兴市总工会）', why: '请写明需要的尺寸' });
    expect(wt.views).toBeNull();
    const rw = await env.call('wishes', 'trail', { wishId: w._id }, { as: 'demo-staff-county' });
    expect(rw.ok ? 'ok' : rw.error.code).toBe('auth.forbidden');
  });

  it('exports the tables it shows as one workbook', async () => {
    const f = await env.ok<FiguresOutput>('greencard', 'figures', { from, to }, { as: 'demo-staff-city' });
    const file = await env.ok<{ fileName: string; contentBase64: string; rows: number }>('staff', 'exportTables', {
      title: `${f.orgName}工作统计`, tables: f.tables.map((t) => ({ title: t.title, rowLabel: t.rowLabel, columns: t.columns, rows: t.rows, unit: t.unit, note: t.note })),
    }, { as: 'demo-staff-city' });
    expect(file.fileName).toBe('嘉兴市总工会工作统计.xlsx');
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(f.tables.map((t) => t.title));
    expect(wb.worksheets[0].getRow(4).getCell(1).value).toBe('月份');
  });

  it('months are the business months of Asia/Shanghai', async () => {
    expect(addLocalMonths('2026-12-01', 1)).toBe('2027-01-01');
    const orgs = await all<OrgDoc>('orgs');
    expect(orgs.length).toBeGreaterThan(5);
  });
});
