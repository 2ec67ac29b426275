/** The greencard function end to end through the real wrapper: issuing, codes, verification, visits, staff actions. */
import { randomBytes } from 'node:crypto';
import { createTestEnv, type TestEnv } from '../../testing/harness';
import type { CodesOutput, MyCardOutput, StaffCardRow, VerifierSyncOutput, VerifyOutput } from '../../../types/greencard.schema';
import { WINDOW_MS, decodeCode, encodeCode, encodePayload, windowOf, windowStart } from '../../../types/greencard.code';
import { parseSigningKeys } from './keys';
import { signCode } from './codes';

const KEY_A = randomBytes(32).toString('base64');
const KEY_B = randomBytes(32).toString('base64');
const SECRETS = { SECRET_GREENCARD_SIGNING_KEYS: JSON.stringify([{ kid: 'k2026a', privateKey: KEY_A }]) };
const NOW = '2026-06-01T02:00:05.000Z';

const QIAN = 'demo-model-national';
const XU = 'demo-model-medal';
const CLERK = 'demo-hospital-clerk';
const CITY = 'demo-staff-city';
const COUNTY = 'demo-staff-county';

async function env0(secrets: Record<string, string> = SECRETS): Promise<TestEnv> {
  return createTestEnv({ seed: 'demo', now: NOW, secrets });
}

async function codesOf(env: TestEnv, as = QIAN): Promise<CodesOutput> {
  return env.ok<CodesOutput>('greencard', 'myCodes', {}, { as });
}

function current(c: CodesOutput, env: TestEnv) {
  const w = windowOf(env.clock.now.getTime());
  const item = c.codes.find((x) => x.w === w);
  if (!item) throw new Error('no code for the current window');
  return item;
}

async function verify(env: TestEnv, data: { code?: string; shortCode?: string }, as = CLERK): Promise<VerifyOutput> {
  return env.ok<VerifyOutput>('greencard', 'verify', data, { as });
}

describe('greencard: the holder', () => {
  it('shows the seeded card with masked identity, partner hospitals and their desks', async () => {
    const env = await env0();
    const r = await env.ok<MyCardOutput>('greencard', 'myCard', {}, { as: QIAN });
    expect(r.card).toMatchObject({
      cardNo: 'LT000001', status: 'active', usable: true, name: '钱国强', nameMasked: '钱*强',
      honourTitle: '全国劳动模范', issuerOrgName: '嘉兴市总工会', validFrom: '2026-06-01', validUntil: '2029-05-31',
    });
    expect(r.card!.idMasked).toMatch(/^3304\*{10}\d{3}[\dX]$/);
    expect(r.card!.idRevealed).toMatch(/^3304\*\*1962\*{4}/);
    expect(r.hospitals.map((h) => h.name).sort()).toEqual(['嘉兴市第二医院', '嘉善县第一人民医院']);
    expect(r.hospitals.find((h) => h.id === 'hosp_jx2')).toMatchObject({ desk: expect.stringContaining('劳模服务窗口') });
  });

  it('hands out 13 hours of signed codes, each with a ten-digit short code', async () => {
    const env = await env0();
    const c = await codesOf(env);
    expect(c.codes).toHaveLength(780);
    expect(c.codes[0].w).toBe(windowOf(Date.parse(NOW)));
    expect(c.codes[0].s).toMatch(/^000001\d{4}$/);
    expect(new Set(c.codes.map((x) => x.c)).size).toBe(780);
    expect(decodeCode(c.codes[5].c)).toMatchObject({ ok: true, payload: { kid: 'k2026a', cardNo: 'LT000001' } });
  });

  it('tells a provincial model worker in plain words why they cannot apply, and writes nothing', async () => {
    const env = await env0();
    const before = await env.store.count('greencard_cards', {});
    const mine = await env.ok<MyCardOutput>('greencard', 'myCard', {}, { as: 'demo-model-provincial' });
    expect(mine.card).toBeNull();
    expect(mine.eligibility.eligible).toBe(false);
    expect(mine.eligibility.reasons.join('')).toContain('浙江省劳动模范');
    const r = await env.call('greencard', 'apply', {}, { as: 'demo-model-provincial' });
    expect(r).toMatchObject({ ok: false, error: { code: 'greencard.not_eligible', message: expect.stringContaining('暂不在发卡范围内') } });
    expect(await env.store.count('greencard_cards', {})).toBe(before);
    const worker = await env.call('greencard', 'apply', {}, { as: 'demo-worker' });
    expect(worker).toMatchObject({ ok: false, error: { code: 'greencard.not_eligible', message: expect.stringContaining('还没有经工会确认') } });
  });

  it('a pending applicant cannot get codes; staff approve; a second application is refused', async () => {
    const env = await env0();
    expect(await env.call('greencard', 'myCodes', {}, { as: XU })).toMatchObject({ ok: false, error: { code: 'greencard.card_not_usable' } });
    const again = await env.call('greencard', 'apply', {}, { as: XU });
    expect(again).toMatchObject({ ok: false, error: { code: 'greencard.already_holding' } });
    const pending = await env.ok<{ cards: StaffCardRow[] }>('greencard', 'listCards', { status: 'pending' }, { as: CITY });
    expect(pending.cards.map((c) => c.nameMasked)).toEqual(['许*华']);
    const row = await env.ok<StaffCardRow>('greencard', 'approve', { cardId: pending.cards[0].cardId }, { as: CITY });
    expect(row).toMatchObject({ status: 'active', usable: true, validUntil: '2029-05-31' });
    expect((await codesOf(env, XU)).codes.length).toBe(780);
    expect(await env.store.count('audit', { targetId: row.cardId })).toBe(1);
  });

  it('concurrent applications create exactly one card with one number', async () => {
    const env = await env0();
    const u = await env.addUser({ name: '潘永林', orgId: 'gu_js_xinrui', honourIds: ['h_x'] });
    await env.store.set('honours', { _id: 'h_x', name: '潘永林', idHash: u.idHash, idLast4: u.idLast4, idRegion: u.idRegion, birthYear: u.birthYear,
      title: '全国先进工作者', level: 'national', year: 2010, awardingBody: '国务院', orgId: 'org_jx', orgPath: ['org_zj', 'org_jx'],
      linkedUserId: u._id, linkStatus: 'confirmed', createdAt: NOW, updatedAt: NOW });
    const results = await Promise.all(Array.from({ length: 5 }, () => env.call('greencard', 'apply', {}, { as: u.openid })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'greencard.already_holding')).toBe(true);
    expect(await env.store.count('greencard_cards', { userId: u._id })).toBe(1);
    const nos = (await env.store.find<{ _id: string; cardNo: string }>('greencard_cards', {})).map((c) => c.cardNo);
    expect(new Set(nos).size).toBe(nos.length);
  });
});

describe('greencard: verifying at the desk', () => {
  it('a current code is green with the masked holder and the priorities; a second scan records no second visit', async () => {
    const env = await env0();
    const code = current(await codesOf(env), env);
    const r = await verify(env, { code: code.c });
    expect(r).toMatchObject({
      verdict: 'valid', title: '有效，请按绿色通道接待', repeat: false,
      card: { cardNo: 'LT000001', nameMasked: '钱*强', honourTitle: '全国劳动模范', birthYear: 1962 },
      priorities: ['registration', 'consultation', 'examination', 'treatment', 'admission'],
    });
    expect(JSON.stringify(r)).not.toContain('钱国强');
    const again = await verify(env, { code: code.c });
    expect(again).toMatchObject({ verdict: 'valid', repeat: true, visitId: r.visitId });
    expect(await env.store.count('greencard_visits', { cardNo: 'LT000001', hospitalId: 'hosp_jx2', window: code.w })).toBe(1);
  });

  it('the typed short code works online and is rate limited when guessed', async () => {
    const env = await env0();
    const code = current(await codesOf(env), env);
    expect(await verify(env, { shortCode: `${code.s.slice(0, 6)} ${code.s.slice(6)}` })).toMatchObject({ verdict: 'valid', card: { cardNo: 'LT000001' } });
    const wrong = code.s.slice(0, 6) + String((Number(code.s.slice(6)) + 1) % 10000).padStart(4, '0');
    expect(await verify(env, { shortCode: wrong })).toMatchObject({ verdict: 'wrong_short_code', card: null });
    for (let i = 0; i < 9; i++) await verify(env, { shortCode: '9999990000' });
    expect(await env.call('greencard', 'verify', { shortCode: code.s }, { as: CLERK })).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('a screenshot expires: fine one minute later, red two minutes after its minute began', async () => {
    const env = await env0();
    const code = current(await codesOf(env), env);
    const start = windowStart(code.w);
    env.clock.set(new Date(start + WINDOW_MS + 59_000).toISOString());
    expect((await verify(env, { code: code.c })).verdict).toBe('valid');
    env.clock.set(new Date(start + 2 * WINDOW_MS).toISOString());
    expect(await verify(env, { code: code.c })).toMatchObject({ verdict: 'expired_code', title: '二维码已过期', priorities: [] });
    expect(await verify(env, { shortCode: code.s })).toMatchObject({ verdict: 'wrong_short_code' });
  });

  it('a code from a phone whose clock is far ahead is refused as not yet valid', async () => {
    const env = await env0();
    const c = await codesOf(env);
    const future = c.codes[3];
    expect((await verify(env, { code: future.c })).verdict).toBe('not_yet_valid');
    expect((await verify(env, { code: c.codes[1].c })).verdict).toBe('not_yet_valid'); // 55 s early
    env.clock.set(new Date(windowStart(c.codes[1].w) - 25_000).toISOString());
    expect((await verify(env, { code: c.codes[1].c })).verdict).toBe('valid'); // up to 30 s early is tolerated
  });

  it('forged and altered codes are red; so is anything that is not a green-channel code', async () => {
    const env = await env0();
    const code = current(await codesOf(env), env).c;
    const altered = code.slice(0, 20) + (code[20] === 'A' ? 'B' : 'A') + code.slice(21);
    expect((await verify(env, { code: altered })).verdict).toBe('forged');
    const forger = parseSigningKeys(JSON.stringify([{ kid: 'k2026a', privateKey: KEY_B }]));
    expect((await verify(env, { code: signCode(forger[0], 'LT000001', windowOf(env.clock.now.getTime())) })).verdict).toBe('forged');
    // A valid signature moved onto another card's payload.
    const d = decodeCode(code);
    if (!d.ok) throw new Error('decode');
    const moved = encodeCode(encodePayload({ ...d.payload, cardNo: 'LT000002' }), d.signature);
    expect((await verify(env, { code: moved })).verdict).toBe('forged');
    expect(await verify(env, { code: 'https://weixin.qq.com/some-other-qr' })).toMatchObject({ verdict: 'not_greencard', title: '这不是绿通卡的码' });
    expect(await env.store.count('greencard_visits', { window: windowOf(env.clock.now.getTime()) })).toBe(0);
  });

  it('suspended and revoked cards are red with the reason; reinstated cards are green again', async () => {
    const env = await env0();
    const code = current(await codesOf(env), env).c;
    await env.ok('greencard', 'suspend', { cardId: 'gc_LT000001', reason: '持卡人手机遗失' }, { as: CITY });
    expect(await verify(env, { code })).toMatchObject({ verdict: 'suspended', title: '此卡已暂停使用', priorities: [] });
    expect(await env.call('greencard', 'myCodes', {}, { as: QIAN })).toMatchObject({ ok: false, error: { code: 'greencard.card_not_usable' } });
    await env.ok('greencard', 'reinstate', { cardId: 'gc_LT000001' }, { as: CITY });
    expect((await verify(env, { code })).verdict).toBe('valid');
    await env.ok('greencard', 'revoke', { cardId: 'gc_LT000001', reason: '荣誉称号被撤销' }, { as: CITY });
    expect(await verify(env, { code })).toMatchObject({ verdict: 'revoked', message: expect.stringContaining('注销') });
    const mine = await env.ok<MyCardOutput>('greencard', 'myCard', {}, { as: QIAN });
    expect(mine.card).toMatchObject({ status: 'revoked', usable: false, statusReason: '荣誉称号被撤销' });
    expect(await env.call('greencard', 'reinstate', { cardId: 'gc_LT000001' }, { as: CITY })).toMatchObject({ ok: false, error: { code: 'greencard.bad_transition' } });
    const trail = await env.store.find<{ _id: string; summary: string; reason?: string }>('audit', { targetId: 'gc_LT000001' }, { sort: { at: 1 } });
    expect(trail.map((a) => a.summary)).toEqual(['暂停绿通卡 LT000001', '恢复绿通卡 LT000001', '注销绿通卡 LT000001']);
    expect(trail[2].reason).toBe('荣誉称号被撤销');
  });

  it('a card past its validity is red, and renewal brings it back', async () => {
    const env = await env0();
    const row = (await env.ok<{ cards: StaffCardRow[] }>('greencard', 'listCards', { status: 'active' }, { as: CITY })).cards[0];
    env.clock.set('2029-05-31T15:59:30.000Z'); // 23:59:30 on the last valid day in Shanghai
    const late = current(await codesOf(env), env);
    expect((await codesOf(env)).codes.length).toBe(1);
    env.clock.set('2029-05-31T16:00:10.000Z');
    expect((await verify(env, { code: late.c })).verdict).toBe('card_expired');
    const renewed = await env.ok<StaffCardRow>('greencard', 'renew', { cardId: row.cardId }, { as: CITY });
    expect(renewed).toMatchObject({ validUntil: '2032-05-31', usable: true });
  });

  it('a hospital that does not honour the issuing union says so, and learns nothing else', async () => {
    const env = await env0();
    const hz = await env.addUser({ roles: ['hospital_staff'], hospitalId: 'hosp_hz1', orgId: 'gu_jx_hengtong' });
    const code = current(await codesOf(env), env).c;
    await env.ok('greencard', 'suspend', { cardId: 'gc_LT000001', reason: '核查中' }, { as: CITY });
    expect(await verify(env, { code }, hz.openid)).toMatchObject({ verdict: 'not_honoured', card: null, priorities: [] });
  });

  it('keys rotate: codes signed with the old key still verify while it is listed', async () => {
    const env = await env0();
    const oldCode = current(await codesOf(env), env).c;
    env.secrets.SECRET_GREENCARD_SIGNING_KEYS = JSON.stringify([{ kid: 'k2026b', privateKey: KEY_B }, { kid: 'k2026a', privateKey: KEY_A }]);
    const fresh = current(await codesOf(env), env).c;
    expect(decodeCode(fresh)).toMatchObject({ ok: true, payload: { kid: 'k2026b' } });
    expect((await verify(env, { code: oldCode })).verdict).toBe('valid');
    const sync = await env.ok<VerifierSyncOutput>('greencard', 'verifierSync', {}, { as: CLERK });
    expect(sync.keys.map((k) => k.kid)).toEqual(['k2026b', 'k2026a']);
    env.secrets.SECRET_GREENCARD_SIGNING_KEYS = JSON.stringify([{ kid: 'k2026b', privateKey: KEY_B }]);
    env.clock.advance(0);
    const old2 = signCode(parseSigningKeys(JSON.stringify([{ kid: 'k2026a', privateKey: KEY_A }]))[0], 'LT000001', windowOf(env.clock.now.getTime()));
    expect((await verify(env, { code: old2 })).verdict).toBe('forged');
  });

  it('without configured keys the card page says so plainly', async () => {
    const env = await env0({});
    expect(await env.call('greencard', 'myCodes', {}, { as: QIAN })).toMatchObject({ ok: false, error: { code: 'greencard.not_configured', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
  });
});

describe('greencard: offline desk and uploads', () => {
  it('sync gives public keys and the honoured cards with their state, nothing more', async () => {
    const env = await env0();
    await env.ok('greencard', 'suspend', { cardId: 'gc_LT000001', reason: '核查中' }, { as: CITY });
    const s = await env.ok<VerifierSyncOutput>('greencard', 'verifierSync', {}, { as: CLERK });
    expect(s.hospital).toMatchObject({ id: 'hosp_jx2', name: '嘉兴市第二医院' });
    expect(s.keys).toEqual([{ kid: 'k2026a', publicKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) }]);
    expect(s.cards).toEqual([{ cardNo: 'LT000001', status: 'suspended', nameMasked: '钱*强', honourTitle: '全国劳动模范', birthYear: 1962, validUntilAt: '2029-05-31T16:00:00.000Z' }]);
    expect(JSON.stringify(s)).not.toMatch(/钱国强|1385730/);
  });

  it('a holder registered as deceased is revoked online and in the offline list', async () => {
    const env = await env0();
    const code = current(await codesOf(env), env).c;
    await env.ok('staff', 'markDeceased', { userId: 'u_demo_06', date: '2026-05-30' }, { as: CITY });
    expect((await verify(env, { code })).verdict).toBe('revoked');
    const s = await env.ok<VerifierSyncOutput>('greencard', 'verifierSync', {}, { as: CLERK });
    expect(s.cards.find((c) => c.cardNo === 'LT000001')?.status).toBe('revoked');
  });

  it('uploads offline visits once, however often they are sent, and refuses bad ones', async () => {
    const env = await env0();
    const batch = await codesOf(env);
    const a = batch.codes[0];
    const b = batch.codes[90];
    const visits = [
      { code: a.c, checkedAt: new Date(windowStart(a.w) + 5000).toISOString() },
      { code: b.c, checkedAt: new Date(windowStart(b.w) + 5000).toISOString() },
      { code: b.c, checkedAt: new Date(windowStart(b.w) + 9000).toISOString() },
      { code: a.c, checkedAt: new Date(windowStart(a.w) + 10 * WINDOW_MS).toISOString() }, // expired when it was checked
      { code: a.c.slice(0, -2) + 'xx', checkedAt: new Date(windowStart(a.w)).toISOString() },
    ];
    env.clock.set(new Date(windowStart(b.w) + 3600_000).toISOString());
    const r1 = await env.ok<{ accepted: number; duplicates: number; rejected: { index: number; verdict: string }[] }>('greencard', 'uploadVisits', { visits }, { as: CLERK });
    expect(r1).toEqual({ accepted: 2, duplicates: 1, rejected: [{ index: 3, verdict: 'expired_code' }, { index: 4, verdict: 'forged' }] });
    const r2 = await env.ok<{ accepted: number; duplicates: number }>('greencard', 'uploadVisits', { visits: visits.slice(0, 2) }, { as: CLERK });
    expect(r2).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await env.store.count('greencard_visits', { offline: true })).toBe(2);
  });

  it('an offline visit accepted before a revocation is kept; one after it is refused', async () => {
    const env = await env0();
    const batch = await codesOf(env);
    const early = batch.codes[0];
    env.clock.set(new Date(windowStart(batch.codes[30].w)).toISOString());
    await env.ok('greencard', 'revoke', { cardId: 'gc_LT000001', reason: '荣誉称号被撤销' }, { as: CITY });
    const lateItem = batch.codes[60];
    env.clock.set(new Date(windowStart(lateItem.w) + 600_000).toISOString());
    const r = await env.ok<{ accepted: number; rejected: { index: number; verdict: string }[] }>('greencard', 'uploadVisits', {
      visits: [
        { code: early.c, checkedAt: new Date(windowStart(early.w) + 1000).toISOString() },
        { code: lateItem.c, checkedAt: new Date(windowStart(lateItem.w) + 1000).toISOString() },
      ],
    }, { as: CLERK });
    expect(r).toMatchObject({ accepted: 1, rejected: [{ index: 1, verdict: 'revoked' }] });
  });
});

describe('greencard: staff', () => {
  it('batch-issues to everyone eligible in the subtree, once', async () => {
    const env = await env0();
    await env.ok('greencard', 'reject', { cardId: 'gc_LT000002', reason: '重复申请' }, { as: CITY }); // 许美华's pending application (a pending card is rejected, not revoked)
    const r = await env.ok<{ issued: number; alreadyHolding: number; ineligible: number }>('greencard', 'issueBatch', { orgId: 'org_jx' }, { as: CITY });
    expect(r).toMatchObject({ issued: 1, alreadyHolding: 1 });
    expect(r.ineligible).toBeGreaterThanOrEqual(2);
    const again = await env.ok<{ issued: number; alreadyHolding: number }>('greencard', 'issueBatch', { orgId: 'org_jx' }, { as: CITY });
    expect(again).toMatchObject({ issued: 0, alreadyHolding: 2 });
  });

  it('county staff act only on their subtree', async () => {
    const env = await env0();
    // 钱国强 belongs to 南湖; 许美华 to 嘉善.
    expect(await env.call('greencard', 'suspend', { cardId: 'gc_LT000001', reason: '测试越权' }, { as: COUNTY })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const mine = await env.ok<{ cards: StaffCardRow[] }>('greencard', 'listCards', {}, { as: COUNTY });
    expect(mine.cards.map((c) => c.cardNo)).toEqual(['LT000002']);
    expect(await env.call('greencard', 'issueBatch', { orgId: 'org_jx' }, { as: COUNTY })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await env.call('greencard', 'savePolicy', { orgId: 'org_jx', titles: ['全国劳动模范'], levels: [], validityMonths: 12 }, { as: COUNTY })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('a card follows its holder transferred to another union into that union\'s staff scope', async () => {
    const env = await env0();
    const qian = (await env.store.find<{ _id: string }>('users', { openid: QIAN }))[0];
    await env.ok('staff', 'markTransfer', { userId: qian._id, toOrgId: 'gu_js_xinrui', reason: '工作调动' }, { as: CITY });
    const suspended = await env.ok<StaffCardRow>('greencard', 'suspend', { cardId: 'gc_LT000001', reason: '核实调动' }, { as: COUNTY });
    expect(suspended.status).toBe('suspended');
    const mine = await env.ok<{ cards: StaffCardRow[] }>('greencard', 'listCards', {}, { as: COUNTY });
    expect(mine.cards.map((c) => c.cardNo).sort()).toEqual(['LT000001', 'LT000002']);
  });

  it('a wider policy makes a provincial model worker eligible; county policy takes precedence', async () => {
    const env = await env0();
    await env.ok('greencard', 'savePolicy', { orgId: 'org_jx_js', titles: [], levels: ['national', 'provincial'], validityMonths: 12 }, { as: COUNTY });
    const r = await env.ok<MyCardOutput>('greencard', 'apply', {}, { as: 'demo-model-provincial' });
    expect(r.card).toMatchObject({ status: 'pending', issuerOrgName: '嘉善县总工会', honourTitle: '浙江省劳动模范' });
    expect(r.hospitals.map((h) => h.id)).toEqual(['hosp_js1']);
  });

  it('manages partner hospitals and counts visits per hospital per month in the subtree', async () => {
    const env = await env0();
    const h = await env.ok<{ id: string; honouredOrgNames: string[] }>('greencard', 'saveHospital', {
      name: '嘉兴市第一医院', address: '嘉兴市南湖区中环南路1882号', desk: '门诊一楼服务台', phone: '0573-82719000',
      hours: '工作日 8:00-17:00', priorities: ['registration', 'payment'], honouredOrgIds: ['org_jx'],
    }, { as: CITY });
    expect(h.honouredOrgNames).toEqual(['嘉兴市总工会']);
    expect(await env.call('greencard', 'saveHospital', { id: 'hosp_jx2', name: '改名', address: '某地址', desk: '某窗口', phone: '123', hours: '全天', priorities: ['registration'], honouredOrgIds: ['org_jx'] }, { as: COUNTY })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const code = current(await codesOf(env), env);
    await verify(env, { code: code.c });
    const stats = await env.ok<{ rows: { hospitalId: string; month: string; visits: number }[]; total: number }>('greencard', 'visitStats', {}, { as: CITY });
    expect(stats.rows.find((r) => r.hospitalId === 'hosp_jx2' && r.month === '2026-06')?.visits).toBe(1);
    expect(stats.total).toBe(4); // three seeded visits + this one
    const county = await env.ok<{ total: number }>('greencard', 'visitStats', {}, { as: COUNTY });
    expect(county.total).toBe(0);
    const hist = await env.ok<{ visits: { hospitalName: string }[] }>('greencard', 'myVisits', {}, { as: QIAN });
    expect(hist.visits).toHaveLength(4);
    expect(hist.visits[0].hospitalName).toBe('嘉兴市第二医院');
  });
});
