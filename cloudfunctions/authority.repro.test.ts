/**
 * The reproductions from the authority probe (issue #8), each replayed against the demo data: every one of them
 * succeeded before the authority model and must be refused now.
 */
import JSZip from 'jszip';
import type { MeOutput } from '../types/account.schema';
import type { StaffCardRow } from '../types/greencard.schema';
import { idCheckDigit } from '../types/common';
import { createTestEnv, makeTestIdNumber, type TestEnv } from './testing/harness';

const GRASSROOTS = 'demo-staff-grassroots'; // 吴海峰, staff of 恒通机械 (under 新嘉街道 → 南湖区 → 嘉兴市)
const TOWN = 'demo-staff-town'; // 沈佳慧, staff of 大云镇 (嘉善县)
const COUNTY = 'demo-staff-county'; // 朱立新, staff of 嘉善县
const CITY = 'demo-staff-city'; // 陈雅琴, staff of 嘉兴市

async function userId(env: TestEnv, openid: string): Promise<string> {
  return (await env.store.find<{ _id: string }>('users', { openid }))[0]._id;
}

function denied(r: { ok: boolean; error?: { code: string } }): boolean {
  return !r.ok && (r.error!.code === 'auth.forbidden' || r.error!.code === 'not_found');
}

describe('authority reproductions (issue #8)', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await createTestEnv();
  });

  it('staff cannot make themselves model workers: no confirming a link to oneself, and maker–checker', async () => {
    // 吴海峰 registers his own honour; the registry suggests the link to himself.
    const me = await env.ok<MeOutput>('account', 'me', {}, { as: GRASSROOTS });
    const idNumber = makeTestIdNumber(77, 1980);
    await env.store.update('users', { _id: me.profile!.userId }, { $set: { idHash: (await import('./domain/account/identity')).hashIdNumber(env.secrets.idHashKey, idNumber) } });
    const added = await env.ok<{ id: string; linkedUserId: string | null }>('staff', 'addHonour', { name: '吴海峰', idNumber, title: '全国劳动模范', level: 'national', year: 2024, awardingBody: '中华人民共和国国务院' }, { as: GRASSROOTS });
    expect(added.linkedUserId).toBe(me.profile!.userId);
    expect(denied(await env.call('staff', 'confirmHonourLink', { honourId: added.id }, { as: GRASSROOTS }))).toBe(true);
    // A colleague at the town above may check and confirm it; the one who added it never may.
    const audits = await env.store.find<{ _id: string; summary: string; actorId: string; changes?: Record<string, unknown> }>('audit', { targetId: added.id });
    expect(audits.map((a) => a.summary)).toEqual(['登记荣誉：2024年全国劳动模范']);
    expect((await env.ok<MeOutput>('account', 'me', {}, { as: GRASSROOTS })).roles).not.toContain('model_worker');
  });

  it('the one who adds an honour cannot confirm it, and the audit shows both people', async () => {
    const idNumber = makeTestIdNumber(78, 1970);
    await env.ok('account', 'register', { name: '邵国平', phone: '13811113333', idNumber, orgId: 'gu_jx_hengtong' }, { as: 'mc-person' });
    const added = await env.ok<{ id: string; linkedUserId: string | null }>('staff', 'addHonour', { name: '邵国平', idNumber, title: '全国劳动模范', level: 'national', year: 2024, awardingBody: '中华人民共和国国务院' }, { as: CITY });
    expect(await env.call('staff', 'confirmHonourLink', { honourId: added.id }, { as: CITY })).toMatchObject({ ok: false, error: { code: 'staff.maker_checker' } });
    await env.ok('staff', 'confirmHonourLink', { honourId: added.id }, { as: 'demo-admin' });
    const confirm = (await env.store.find<{ _id: string; action: string; actorId: string; changes: Record<string, unknown> }>('audit', { targetId: added.id })).find((a) => a.action === 'staff.confirmHonourLink')!;
    expect(confirm.changes).toMatchObject({ addedBy: await userId(env, CITY), confirmedBy: await userId(env, 'demo-admin') });
  });

  it('honours across subtrees: town staff cannot confirm a link to a worker of another county', async () => {
    const worker = await env.ok<MeOutput>('account', 'me', {}, { as: 'demo-worker' }); // 李小红, 南湖区
    const idNumber = makeTestIdNumber(79, 1985);
    await env.store.update('users', { _id: worker.profile!.userId }, { $set: { idHash: (await import('./domain/account/identity')).hashIdNumber(env.secrets.idHashKey, idNumber) } });
    const added = await env.ok<{ id: string; linkedUserId: string | null }>('staff', 'addHonour', { name: '李小红', idNumber, title: '全国劳动模范', level: 'national', year: 2024, awardingBody: '中华人民共和国国务院' }, { as: TOWN });
    expect(added.linkedUserId).toBe(worker.profile!.userId);
    const r = await env.call('staff', 'confirmHonourLink', { honourId: added.id }, { as: TOWN });
    expect(r).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect((await env.ok<MeOutput>('account', 'me', {}, { as: 'demo-worker' })).roles).not.toContain('model_worker');
  });

  it('staff cannot act on their superiors: no death record, no demotion, never the admin', async () => {
    // A city staff member and an administrator who are members of a grassroots union.
    const superior = await env.addUser({ roles: ['worker', 'staff'], staffOrgId: 'org_jx', orgId: 'gu_jx_hengtong' });
    const admin = await env.addUser({ roles: ['worker', 'admin'], orgId: 'gu_jx_hengtong' });
    for (const target of [superior, admin]) {
      expect(await env.call('staff', 'markDeceased', { userId: target._id, date: '2026-05-01' }, { as: GRASSROOTS })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
      expect(await env.call('staff', 'grantRole', { userId: target._id, role: 'staff', orgId: 'gu_jx_hengtong' }, { as: GRASSROOTS })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
      expect(await env.call('staff', 'revokeRole', { userId: target._id, role: 'worker' }, { as: GRASSROOTS })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    }
    expect((await env.store.get<{ _id: string; status: string; staffOrgId: string }>('users', superior._id))).toMatchObject({ status: 'active', staffOrgId: 'org_jx' });
    // Nor may a peer appoint at their own level: posts at an org are set from a strict ancestor.
    const worker = await env.addUser({ orgId: 'gu_jx_hengtong' });
    expect(await env.call('staff', 'grantRole', { userId: worker._id, role: 'staff', orgId: 'gu_jx_hengtong' }, { as: GRASSROOTS })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect((await env.call('staff', 'grantRole', { userId: worker._id, role: 'staff', orgId: 'gu_jx_hengtong' }, { as: CITY })).ok).toBe(true);
  });

  it('desk clerks are assigned only by the hospital owner or above', async () => {
    const worker = await env.addUser({ orgId: 'gu_jx_hengtong' });
    // 嘉善县第一人民医院 is owned by 嘉善县总工会: a grassroots union in 南湖 cannot mint its clerks.
    expect(await env.call('staff', 'grantRole', { userId: worker._id, role: 'hospital_staff', hospitalId: 'hosp_js1' }, { as: GRASSROOTS })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await env.call('staff', 'grantRole', { userId: worker._id, role: 'hospital_staff', hospitalId: 'hosp_jx2' }, { as: GRASSROOTS })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect((await env.call('staff', 'grantRole', { userId: worker._id, role: 'hospital_staff', hospitalId: 'hosp_jx2' }, { as: CITY })).ok).toBe(true);
  });

  it('a superior’s decision on a card is lifted only from that level or above', async () => {
    const nanhu = await env.addUser({ roles: ['worker', 'staff'], staffOrgId: 'org_jx_nh', orgId: 'gu_jx_office' });
    const card = 'gc_LT000001'; // 钱国强 (恒通机械, 南湖区), issued by 嘉兴市总工会
    await env.ok('greencard', 'suspend', { cardId: card, reason: '手机遗失，暂停使用' }, { as: CITY });
    expect(await env.call('greencard', 'reinstate', { cardId: card }, { as: GRASSROOTS })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await env.call('greencard', 'renew', { cardId: card }, { as: GRASSROOTS })).toMatchObject({ ok: false });
    expect(await env.call('greencard', 'reinstate', { cardId: card }, { as: nanhu.openid })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const rows = await env.ok<{ cards: StaffCardRow[] }>('greencard', 'listCards', {}, { as: nanhu.openid });
    expect(rows.cards.find((c) => c.cardId === card)?.actions).toEqual(['revoke']);
    const back = await env.ok<StaffCardRow>('greencard', 'reinstate', { cardId: card }, { as: CITY });
    expect(back.status).toBe('active');
  });

  it('nobody approves or renews their own card', async () => {
    // 钱国强 becomes county staff of 南湖: his own card is not his to manage.
    const qian = await userId(env, 'demo-model-national');
    await env.store.update('users', { _id: qian }, { $set: { roles: ['worker', 'volunteer', 'staff'], staffOrgId: 'org_jx_nh' } });
    expect(await env.call('greencard', 'renew', { cardId: 'gc_LT000001' }, { as: 'demo-model-national' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('hospitals honour cards from outside their owner’s subtree only when that org agrees; policies follow their level', async () => {
    const saved = await env.ok<{ id: string; honouredOrgIds: string[]; pendingOrgIds: string[] }>('greencard', 'saveHospital', {
      name: '大云镇卫生院', address: '嘉善县大云镇', desk: '一楼服务台', phone: '0573-84000000', hours: '工作日 8:00-17:00',
      priorities: ['registration'], honouredOrgIds: ['org_jx', 'org_hz'],
    }, { as: TOWN });
    expect(saved.honouredOrgIds).toEqual([]);
    expect(saved.pendingOrgIds).toEqual(['org_jx', 'org_hz']);
    // Another city's staff cannot answer for 嘉兴; 嘉兴's staff can.
    expect(await env.call('greencard', 'answerHonourRequest', { hospitalId: saved.id, orgId: 'org_jx', agree: true }, { as: COUNTY })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const agreed = await env.ok<{ honouredOrgIds: string[]; pendingOrgIds: string[] }>('greencard', 'answerHonourRequest', { hospitalId: saved.id, orgId: 'org_jx', agree: true }, { as: CITY });
    expect(agreed).toMatchObject({ honouredOrgIds: ['org_jx'], pendingOrgIds: ['org_hz'] });
    // Town staff cannot edit the county's hospital.
    expect(await env.call('greencard', 'saveHospital', {
      id: 'hosp_js1', name: '嘉善县第一人民医院', address: '嘉善县', desk: '3 号窗口', phone: '0573-84012345', hours: '工作日', priorities: ['registration'], honouredOrgIds: ['org_jx_js'],
    }, { as: TOWN })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    // A policy for a town is refused (cards are issued by county unions and above); another city's policy is not readable.
    expect((await env.call('greencard', 'savePolicy', { orgId: 'org_jx_js_dy', titles: ['全国劳动模范'], levels: [], validityMonths: 12 }, { as: TOWN })).ok).toBe(false);
    expect(await env.call('greencard', 'getPolicy', { orgId: 'org_hz' }, { as: TOWN })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect((await env.call('greencard', 'getPolicy', { orgId: 'org_jx' }, { as: TOWN })).ok).toBe(true);
  });

  it('a worker cannot move themselves to another union; the move goes through the destination union', async () => {
    const r = await env.call('account', 'updateProfile', { orgId: 'gu_js_xinrui' }, { as: 'demo-worker' });
    expect(r).toMatchObject({ ok: false, error: { code: 'account.use_transfer' } });
    const me = await env.ok<MeOutput>('account', 'me', {}, { as: 'demo-worker' });
    expect(me.profile!.org!.id).toBe('gu_jx_nanhu_textile');
    // The members-only trip of 嘉善 stays closed to her.
    const detail = await env.ok<{ me: { eligibility: { eligible: boolean } } }>('trips', 'detail', { tripId: 'trip_jiashan_wenyang' }, { as: 'demo-worker' });
    expect(detail.me.eligibility.eligible).toBe(false);

    const asked = await env.ok<{ id: string; status: string }>('account', 'requestTransfer', { toOrgId: 'gu_js_xinrui', reason: '工作单位变动' }, { as: 'demo-worker' });
    expect(asked.status).toBe('pending');
    expect(await env.call('account', 'requestTransfer', { toOrgId: 'gu_js_xinrui', reason: '再申请一次' }, { as: 'demo-worker' })).toMatchObject({ ok: false, error: { code: 'account.transfer_open' } });
    // The source side (南湖's grassroots union) and an org above only the destination (嘉善县) cannot confirm; the
    // destination grassroots union, or a common ancestor of both unions (嘉兴市), can.
    for (const who of [GRASSROOTS, COUNTY]) {
      expect(await env.call('staff', 'decideTransfer', { transferId: asked.id, decision: 'confirm' }, { as: who })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    }
    const queue = await env.ok<{ transfers: { id: string }[] }>('staff', 'listTransfers', {}, { as: CITY });
    expect(queue.transfers.map((t) => t.id)).toContain(asked.id);
    await env.ok('staff', 'decideTransfer', { transferId: asked.id, decision: 'confirm' }, { as: CITY });
    expect((await env.ok<MeOutput>('account', 'me', {}, { as: 'demo-worker' })).profile!.org!.id).toBe('gu_js_xinrui');
  });

  it('short-code tries are taken atomically: a burst of wrong codes never exceeds the hourly limit', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => env.call('greencard', 'verify', { shortCode: String(1_000_000_000 + i) }, { as: 'demo-hospital-clerk' })));
    const wrong = results.filter((r) => r.ok && (r.data as { verdict: string }).verdict === 'wrong_short_code').length;
    const limited = results.filter((r) => !r.ok && r.error.code === 'rate_limited').length;
    expect(wrong).toBe(10);
    expect(limited).toBe(15);
  });

  it('refuses an .xlsx that unpacks to far more than a sheet, without unpacking it', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/worksheets/sheet1.xml', '0'.repeat(40 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
    expect(bomb.length).toBeLessThan(200_000);
    const started = Date.now();
    const r = await env.call('staff', 'importHonours', { fileName: 'bomb.xlsx', contentBase64: bomb.toString('base64'), commit: false }, { as: CITY });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('keeps ID check digits valid in the test helpers', () => {
    const id = makeTestIdNumber(1);
    expect(idCheckDigit(id.slice(0, 17))).toBe(id[17]);
  });
});
