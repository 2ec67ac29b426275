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

const headline = (f: FiguresOutput, label: string) => f.headlines.find((h) => h.label === label)!.value;

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
