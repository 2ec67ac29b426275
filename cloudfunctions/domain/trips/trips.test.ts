import ExcelJS from 'exceljs';
import type { DrawResult, MySignupView } from '../../../types/trips.schema';
import { createTestEnv, type TestEnv } from '../../testing/harness';
import { drawOrder } from './rules';
import { FORM, STAFF, publishedTrip, tripFormAt } from './testkit';

type SignUpOut = { signup: MySignupView; message: string };

async function signUp(env: TestEnv, as: string, tripId: string, sessionId: string, requestId?: string) {
  return env.call<SignUpOut>('trips', 'signUp', { tripId, sessionId, form: FORM }, { as, ...(requestId ? { requestId } : {}) });
}

describe('trips: staff', () => {
  it('creates a draft, publishes, edits with an audit trail, closes', async () => {
    const env = await createTestEnv();
    const { tripId } = await env.ok<{ tripId: string; status: string }>('trips', 'createTrip', { trip: tripFormAt(env.clock.now) }, { as: STAFF });
    // Workers do not see drafts.
    expect(await env.call('trips', 'detail', { tripId }, { as: 'demo-worker' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const listed = await env.ok<{ trips: { id: string }[] }>('trips', 'listOpen', {}, { as: 'demo-worker' });
    expect(listed.trips.map((t) => t.id)).not.toContain(tripId);

    await env.ok('trips', 'publishTrip', { tripId }, { as: STAFF });
    expect(await env.call('trips', 'publishTrip', { tripId }, { as: STAFF })).toMatchObject({ ok: false, error: { code: 'trips.wrong_status' } });
    const open = await env.ok<{ trips: { id: string; eligible: boolean }[] }>('trips', 'listOpen', {}, { as: 'demo-worker' });
    expect(open.trips.find((t) => t.id === tripId)).toMatchObject({ eligible: true });

    const edit = await env.ok<{ form: ReturnType<typeof tripFormAt> }>('trips', 'getForEdit', { tripId }, { as: STAFF });
    const form = { ...edit.form, title: '景宁森林康养（调整）', sessions: edit.form.sessions.map((s) => ({ ...s, places: 5 })) };
    await env.ok('trips', 'updateTrip', { tripId, trip: form, reason: '增加名额' }, { as: STAFF });
    const entries = await env.store.find<{ _id: string; summary: string; changes?: Record<string, unknown>; reason?: string }>('audit', { targetId: tripId });
    const edited = entries.find((e) => e.summary.startsWith('修改已发布的疗休养'))!;
    expect(edited.reason).toBe('增加名额');
    expect(edited.changes).toMatchObject({ title: { from: '景宁畲乡森林康养', to: '景宁森林康养（调整）' }, sessions: { [`${tripId}_s1`]: { places: { from: 2, to: 5 } } } });
    // Removing a published session is refused.
    expect(await env.call('trips', 'updateTrip', { tripId, trip: { ...form, sessions: [{ departDate: '2026-08-01', returnDate: '2026-08-02', places: 3 }] } }, { as: STAFF }))
      .toMatchObject({ ok: false, error: { code: 'trips.locked' } });

    await env.ok('trips', 'closeTrip', { tripId, reason: '名额已发完' }, { as: STAFF });
    expect(await signUp(env, 'demo-worker', tripId, `${tripId}_s1`)).toMatchObject({ ok: false, error: { code: 'trips.closed' } });
  });

  it('keeps staff inside their own subtree', async () => {
    const env = await createTestEnv();
    const { tripId, sessionId } = await publishedTrip(env);
    // County staff (嘉善) cannot manage a city trip; the city trip is invisible to 杭州 people.
    expect(await env.call('trips', 'roster', { sessionId }, { as: 'demo-staff-county' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await env.call('trips', 'exportRoster', { sessionId }, { as: 'demo-staff-county' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await env.call('trips', 'closeTrip', { tripId }, { as: 'demo-staff-county' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const hz = await env.addUser({ orgId: 'org_hz' as string });
    const r = await signUp(env, hz.openid, tripId, sessionId);
    expect(r).toMatchObject({ ok: false, error: { code: 'trips.not_eligible', message: expect.stringContaining('只面向嘉兴市总工会所属的职工') } });
  });

  it('rejects bad trip forms with field messages', async () => {
    const env = await createTestEnv();
    const bad = tripFormAt(env.clock.now, { closesAt: new Date(env.clock.now.getTime() - 7200_000).toISOString(), sessions: [{ departDate: '2026-07-03', returnDate: '2026-07-01', places: 10 }] });
    const r = await env.call('trips', 'createTrip', { trip: bad }, { as: STAFF });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('validation');
      expect(r.error.issues?.map((i) => i.message)).toEqual(expect.arrayContaining(['报名截止时间应晚于开始时间', '返回日期不能早于出发日期']));
    }
  });
});

describe('trips: first come', () => {
  it('places, waitlists, cancels, offers, accepts; shows status history', async () => {
    const env = await createTestEnv();
    const { tripId, sessionId } = await publishedTrip(env, { sessions: [{ departDate: '2026-07-01', returnDate: '2026-07-03', places: 1 }] });
    const a = await signUp(env, 'demo-worker', tripId, sessionId);
    expect(a).toMatchObject({ ok: true, data: { signup: { status: 'confirmed' } } });
    const b = await signUp(env, 'demo-worker-2', tripId, sessionId);
    expect(b).toMatchObject({ ok: true, data: { signup: { status: 'waiting', queuePosition: 1 } } });
    const c = await signUp(env, 'demo-model-national', tripId, sessionId);
    expect(c).toMatchObject({ ok: true, data: { signup: { status: 'waiting', queuePosition: 2 } } });

    // Twice is refused, politely.
    expect(await signUp(env, 'demo-worker', tripId, sessionId)).toMatchObject({ ok: false, error: { code: 'trips.already_signed_up' } });

    const aId = a.ok ? a.data.signup.id : '';
    const cancelled = await env.ok<SignUpOut>('trips', 'cancel', { signupId: aId }, { as: 'demo-worker' });
    expect(cancelled.signup.status).toBe('cancelled');
    const mineB = await env.ok<{ signups: MySignupView[] }>('trips', 'mySignups', {}, { as: 'demo-worker-2' });
    expect(mineB.signups[0]).toMatchObject({ status: 'offered', offerExpiresAt: '2026-06-02T02:00:00.000Z' });
    // A sign-up is created in its outcome (there is no visible `placing` step any more: ADR 0013).
    expect(mineB.signups[0].history.map((h) => h.status)).toEqual(['waiting', 'offered']);
    const mineC = await env.ok<{ signups: MySignupView[] }>('trips', 'mySignups', {}, { as: 'demo-model-national' });
    expect(mineC.signups[0]).toMatchObject({ status: 'waiting', queuePosition: 1 });

    const accepted = await env.ok<SignUpOut>('trips', 'acceptOffer', { signupId: mineB.signups[0].id }, { as: 'demo-worker-2' });
    expect(accepted.signup.status).toBe('confirmed');
    const session = await env.store.get<{ _id: string; placesLeft: number }>('trip_sessions', sessionId);
    expect(session?.placesLeft).toBe(0);

    // The first person may sign up again after cancelling (a new round of the same record): now waiting.
    const again = await signUp(env, 'demo-worker', tripId, sessionId);
    expect(again).toMatchObject({ ok: true, data: { signup: { status: 'waiting', queuePosition: 2 } } });
  });

  it('passes an offer on when it expires, lazily and through expireOffers', async () => {
    const env = await createTestEnv();
    const { tripId, sessionId } = await publishedTrip(env, { offerHours: 2, sessions: [{ departDate: '2026-07-01', returnDate: '2026-07-03', places: 1 }] });
    const a = await env.ok<SignUpOut>('trips', 'signUp', { tripId, sessionId, form: FORM }, { as: 'demo-worker' });
    await env.ok('trips', 'signUp', { tripId, sessionId, form: FORM }, { as: 'demo-worker-2' });
    await env.ok('trips', 'signUp', { tripId, sessionId, form: FORM }, { as: 'demo-worker-3' });
    await env.ok('trips', 'cancel', { signupId: a.signup.id }, { as: 'demo-worker' });

    env.clock.advance(2 * 3600_000 + 1000);
    const r = await env.ok<{ expired: number }>('trips', 'expireOffers', {}, { as: null });
    expect(r.expired).toBe(1);
    const w2 = await env.ok<{ signups: MySignupView[] }>('trips', 'mySignups', {}, { as: 'demo-worker-2' });
    expect(w2.signups[0].status).toBe('offer_expired');
    const w3 = await env.ok<{ signups: MySignupView[] }>('trips', 'mySignups', {}, { as: 'demo-worker-3' });
    expect(w3.signups[0].status).toBe('offered');
    // Accepting too late is refused; the lazy read also moves it on (nobody else waits: back to the pool).
    env.clock.advance(2 * 3600_000 + 1000);
    expect(await env.call('trips', 'acceptOffer', { signupId: w3.signups[0].id }, { as: 'demo-worker-3' })).toMatchObject({ ok: false, error: { code: 'trips.offer_expired' } });
    expect((await env.store.get<{ _id: string; placesLeft: number }>('trip_sessions', sessionId))?.placesLeft).toBe(1);
    // The expired person's year claim was released: they may sign up for another trip this year.
    expect(await env.store.get('trip_year_claims', `${(await env.store.find('users', { openid: 'demo-worker-2' }))[0]._id}_2026`)).toBeNull();
  });

  it('one trip per calendar year across trips; freed again after cancelling', async () => {
    const env = await createTestEnv();
    const t1 = await publishedTrip(env);
    const t2 = await publishedTrip(env, { title: '安吉竹乡疗养', sessions: [{ departDate: '2026-09-01', returnDate: '2026-09-03', places: 5 }] });
    const t3 = await publishedTrip(env, { title: '明年的疗养', sessions: [{ departDate: '2027-01-05', returnDate: '2027-01-07', places: 5 }] });
    const a = await env.ok<SignUpOut>('trips', 'signUp', { tripId: t1.tripId, sessionId: t1.sessionId, form: FORM }, { as: 'demo-worker' });
    const r = await signUp(env, 'demo-worker', t2.tripId, t2.sessionId);
    expect(r).toMatchObject({ ok: false, error: { code: 'trips.not_eligible', message: expect.stringContaining('每人每年只能参加一次疗休养') } });
    expect(await signUp(env, 'demo-worker', t3.tripId, t3.sessionId)).toMatchObject({ ok: true });
    await env.ok('trips', 'cancel', { signupId: a.signup.id }, { as: 'demo-worker' });
    expect(await signUp(env, 'demo-worker', t2.tripId, t2.sessionId)).toMatchObject({ ok: true, data: { signup: { status: 'confirmed' } } });
  });

  it('enforces age, audience and the cancellation deadline', async () => {
    const env = await createTestEnv();
    const old = await env.addUser({ birthYear: 1958, orgId: 'gu_jx_hengtong' });
    const t = await publishedTrip(env, { rules: { audience: 'all', maxAge: 65 } });
    expect(await signUp(env, old.openid, t.tripId, t.sessionId)).toMatchObject({ ok: false, error: { code: 'trips.not_eligible', message: '出发时年龄不能超过 65 岁，按出发年份计算您为 68 岁' } });
    const m = await publishedTrip(env, { rules: { audience: 'honour_levels', honourLevels: ['national'] }, sessions: [{ departDate: '2027-03-01', returnDate: '2027-03-02', places: 3 }] });
    expect(await signUp(env, 'demo-model-provincial', m.tripId, m.sessionId)).toMatchObject({ ok: false, error: { code: 'trips.not_eligible' } });
    expect(await signUp(env, 'demo-model-national', m.tripId, m.sessionId)).toMatchObject({ ok: true });

    const a = await env.ok<SignUpOut>('trips', 'signUp', { tripId: t.tripId, sessionId: t.sessionId, form: FORM }, { as: 'demo-worker' });
    expect(a.signup.cancelDeadline).toBe('2026-06-27T16:00:00.000Z');
    env.clock.set('2026-06-27T16:00:00.000Z');
    expect(await env.call('trips', 'cancel', { signupId: a.signup.id }, { as: 'demo-worker' })).toMatchObject({ ok: false, error: { code: 'trips.cancel_closed' } });
  });

  it('a sign-up interrupted half-way (crash) can be resumed by its owner after two minutes', async () => {
    const env = await createTestEnv();
    const t = await publishedTrip(env);
    const a = await env.ok<SignUpOut>('trips', 'signUp', { tripId: t.tripId, sessionId: t.sessionId, form: FORM }, { as: 'demo-worker' });
    // Pretend the function died right after claiming: the sign-up is stuck in `placing`, the year claim held.
    await env.store.update('trip_signups', { _id: a.signup.id }, { $set: { status: 'placing' } });
    expect(await signUp(env, 'demo-worker', t.tripId, t.sessionId)).toMatchObject({ ok: false, error: { code: 'trips.already_signed_up' } });
    env.clock.advance(3 * 60_000);
    const again = await signUp(env, 'demo-worker', t.tripId, t.sessionId);
    expect(again).toMatchObject({ ok: true, data: { signup: { status: 'confirmed' } } });
    expect(await env.store.count('trip_year_claims', { tripId: t.tripId })).toBe(1);
  });

  it('rejects invalid sign-up forms with the shared schema messages', async () => {
    const env = await createTestEnv();
    const t = await publishedTrip(env);
    const r = await env.call('trips', 'signUp', { tripId: t.tripId, sessionId: t.sessionId, form: { ...FORM, emergencyPhone: '123', agreed: false } }, { as: 'demo-worker' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues?.map((i) => i.message)).toEqual(['请填写 11 位手机号', '请阅读并同意报名须知']);
  });

  it('review holds the place; reject frees it to the queue; roster and export for the organisers', async () => {
    const env = await createTestEnv();
    const t = await publishedTrip(env, { needsReview: true, sessions: [{ departDate: '2026-07-01', returnDate: '2026-07-03', places: 1 }] });
    const a = await env.ok<SignUpOut>('trips', 'signUp', { tripId: t.tripId, sessionId: t.sessionId, form: FORM }, { as: 'demo-worker' });
    expect(a.signup.status).toBe('pending_review');
    const b = await env.ok<SignUpOut>('trips', 'signUp', { tripId: t.tripId, sessionId: t.sessionId, form: FORM }, { as: 'demo-worker-2' });
    expect(b.signup.status).toBe('waiting');
    const queue = await env.ok<{ items: { signupId: string; name: string; phone: string }[] }>('trips', 'reviewQueue', {}, { as: STAFF });
    expect(queue.items).toEqual([expect.objectContaining({ signupId: a.signup.id, name: '李小红', phone: '13757300301' })]);
    expect(await env.call('trips', 'review', { signupId: a.signup.id, decision: 'reject' }, { as: STAFF })).toMatchObject({ ok: false, error: { code: 'validation' } });
    await env.ok('trips', 'review', { signupId: a.signup.id, decision: 'reject', reason: '本年度已安排其他休养' }, { as: STAFF });
    const w2 = await env.ok<{ signups: MySignupView[] }>('trips', 'mySignups', {}, { as: 'demo-worker-2' });
    expect(w2.signups[0].status).toBe('offered');
    const acc = await env.ok<SignUpOut>('trips', 'acceptOffer', { signupId: w2.signups[0].id }, { as: 'demo-worker-2' });
    expect(acc.signup.status).toBe('pending_review');
    await env.ok('trips', 'review', { signupId: w2.signups[0].id, decision: 'approve' }, { as: STAFF });

    const roster = await env.ok<{ rows: { name: string; phone: string; status: string; emergencyPhone: string }[] }>('trips', 'roster', { sessionId: t.sessionId }, { as: STAFF });
    expect(roster.rows[0]).toMatchObject({ name: '张伟', phone: '13757300302', status: 'confirmed', emergencyPhone: '13812345678' });
    const x = await env.ok<{ fileName: string; contentBase64: string; rows: number }>('trips', 'exportRoster', { sessionId: t.sessionId }, { as: STAFF });
    expect(x.fileName).toMatch(/名单\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('名单')!;
    expect(ws.getRow(1).getCell(2).value).toBe('姓名');
    expect(ws.getRow(2).getCell(2).value).toBe('张伟');
    expect(ws.rowCount).toBe(1 + x.rows);

    // Check-in: only around departure, and it records participation for later priority.
    expect(await env.call('trips', 'checkIn', { signupId: w2.signups[0].id }, { as: STAFF })).toMatchObject({ ok: false, error: { code: 'trips.not_departure' } });
    env.clock.set('2026-06-30T23:30:00.000Z'); // 07:30 on 1 July in Shanghai
    expect(await env.ok('trips', 'checkIn', { signupId: w2.signups[0].id }, { as: STAFF })).toMatchObject({ status: 'attended' });
    const userId = (await env.store.find('users', { openid: 'demo-worker-2' }))[0]._id;
    expect(await env.store.get('trip_people', userId)).toMatchObject({ attendedDates: ['2026-07-01'] });
  });
});

describe('trips: priority and edits under load', () => {
  it('people who went recently wait for the head start; the others may sign up at once', async () => {
    const env = await createTestEnv();
    const t = await publishedTrip(env, { rules: { audience: 'all', priorityYears: 3, priorityHeadStartHours: 24 } });
    // demo-worker-3 went on the seeded 莫干山 trip last year: no priority.
    const early = await signUp(env, 'demo-worker-3', t.tripId, t.sessionId);
    expect(early).toMatchObject({ ok: false, error: { code: 'trips.not_open', message: expect.stringContaining('报名将于') } });
    const d = await env.ok<{ me: { eligibility: { priority: boolean } } }>('trips', 'detail', { tripId: t.tripId }, { as: 'demo-worker-3' });
    expect(d.me.eligibility.priority).toBe(false);
    expect(await signUp(env, 'demo-worker', t.tripId, t.sessionId)).toMatchObject({ ok: true, data: { signup: { status: 'confirmed' } } });
    env.clock.advance(24 * 3600_000);
    expect(await signUp(env, 'demo-worker-3', t.tripId, t.sessionId)).toMatchObject({ ok: true });
  });

  it('places cannot be cut below those already held; added places go to the queue first', async () => {
    const env = await createTestEnv();
    const t = await publishedTrip(env, { sessions: [{ departDate: '2026-07-01', returnDate: '2026-07-03', places: 2 }] });
    await env.ok('trips', 'signUp', { tripId: t.tripId, sessionId: t.sessionId, form: FORM }, { as: 'demo-worker' });
    await env.ok('trips', 'signUp', { tripId: t.tripId, sessionId: t.sessionId, form: FORM }, { as: 'demo-worker-2' });
    const waiting = await env.ok<SignUpOut>('trips', 'signUp', { tripId: t.tripId, sessionId: t.sessionId, form: FORM }, { as: 'demo-worker-3' });
    expect(waiting.signup.status).toBe('waiting');
    const edit = await env.ok<{ form: ReturnType<typeof tripFormAt> }>('trips', 'getForEdit', { tripId: t.tripId }, { as: STAFF });
    const withPlaces = (n: number) => ({ ...edit.form, sessions: edit.form.sessions.map((s) => ({ ...s, places: n })) });
    expect(await env.call('trips', 'updateTrip', { tripId: t.tripId, trip: withPlaces(1) }, { as: STAFF })).toMatchObject({ ok: false, error: { code: 'trips.places_taken' } });
    await env.ok('trips', 'updateTrip', { tripId: t.tripId, trip: withPlaces(3) }, { as: STAFF });
    const w3 = await env.ok<{ signups: MySignupView[] }>('trips', 'mySignups', {}, { as: 'demo-worker-3' });
    expect(w3.signups[0].status).toBe('offered');
    expect((await env.store.get<{ _id: string; placesLeft: number }>('trip_sessions', t.sessionId))?.placesLeft).toBe(0);
  });
});

describe('trips: lottery', () => {
  it('draws reproducibly from the published seed, weighted for priority, and queues the rest in draw order', async () => {
    const env = await createTestEnv();
    const t = await publishedTrip(env, {
      mode: 'lottery',
      rules: { audience: 'all', priorityYears: 3, priorityWeight: 3 },
      sessions: [{ departDate: '2026-07-01', returnDate: '2026-07-03', places: 3 }],
    });
    const people = [];
    for (let i = 0; i < 10; i++) people.push(await env.addUser({ orgId: 'gu_jx_hengtong' }));
    // Two of them went on a trip last year: no priority.
    for (const p of people.slice(0, 2)) await env.store.set('trip_people', { _id: p._id, attendedDates: ['2025-09-01'] });
    for (const p of people) {
      const r = await env.ok<SignUpOut>('trips', 'signUp', { tripId: t.tripId, sessionId: t.sessionId, form: FORM }, { as: p.openid });
      expect(r.signup.status).toBe('applied');
    }
    expect(await env.call('trips', 'runDraw', { sessionId: t.sessionId }, { as: STAFF })).toMatchObject({ ok: false, error: { code: 'trips.draw_too_early' } });
    env.clock.advance(11 * 86_400_000);
    const draw = await env.ok<DrawResult>('trips', 'runDraw', { sessionId: t.sessionId, seed: 'jiaxing-2026-lottery' }, { as: STAFF });
    expect(await env.call('trips', 'runDraw', { sessionId: t.sessionId }, { as: STAFF })).toMatchObject({ ok: false, error: { code: 'trips.already_drawn' } });
    expect(draw.seed).toBe('jiaxing-2026-lottery');
    expect(draw.entries.filter((e) => e.won)).toHaveLength(3);
    expect(draw.entries.map((e) => e.weight).sort()).toEqual([1, 1, 3, 3, 3, 3, 3, 3, 3, 3]);

    // Anyone can recompute the order from the published seed and list.
    const published = await env.ok<DrawResult>('trips', 'drawResult', { sessionId: t.sessionId }, { as: 'demo-worker' });
    const recomputed = drawOrder(published.seed, [...published.entries].reverse()).map((e) => e.ticket);
    expect(recomputed).toEqual(published.entries.map((e) => e.ticket));
    expect(JSON.stringify(published)).not.toContain('138000');

    const roster = await env.ok<{ rows: { status: string; waitNo: number | null; drawRank: number | null }[] }>('trips', 'roster', { sessionId: t.sessionId }, { as: STAFF });
    expect(roster.rows.filter((r) => r.status === 'confirmed').map((r) => r.drawRank).sort()).toEqual([1, 2, 3]);
    expect(roster.rows.filter((r) => r.status === 'waiting').map((r) => r.waitNo)).toEqual([4, 5, 6, 7, 8, 9, 10]);

    // A winner cancels: rank 4 is offered the place.
    const winner = people.find((p) => p._id === (roster.rows as unknown as { userId: string; drawRank: number }[]).find((r) => r.drawRank === 1)!.userId)!;
    await env.ok('trips', 'cancel', { signupId: `${t.tripId}_${winner._id}` }, { as: winner.openid });
    const after = await env.ok<{ rows: { status: string; drawRank: number | null }[] }>('trips', 'roster', { sessionId: t.sessionId }, { as: STAFF });
    expect(after.rows.find((r) => r.drawRank === 4)?.status).toBe('offered');
  });
});
