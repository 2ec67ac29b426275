import ExcelJS from 'exceljs';
import type { MeOutput } from '../../../types/account.schema';
import type { PersonRow } from '../../../types/staff.schema';
import { createTestEnv, makeTestIdNumber, type TestEnv } from '../../testing/harness';
import { parseHonourRows } from './import';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('staff: people and roles inside the subtree', () => {
  let env: TestEnv;
  beforeEach(async () => { env = await createTestEnv(); });

  it('shows people masked, only inside the caller subtree', async () => {
    const county = await env.ok<{ people: PersonRow[]; total: number }>('staff', 'searchPeople', { limit: 100 }, { as: 'demo-staff-county' });
    const orgs = new Set(county.people.map((p) => p.org?.id));
    expect([...orgs].every((o) => o === 'gu_js_xinrui' || o === 'gu_js_dongyun_coop' || o === 'gu_js_office')).toBe(true);
    const xu = county.people.find((p) => p.nameMasked === '许*华')!;
    expect(xu.phoneMasked).toBe('138****0202');
    expect(xu.idMasked).toMatch(/^3304\*{10}\d{3}[\dX]$/);
    expect(JSON.stringify(county)).not.toContain('许美华');
    const city = await env.ok<{ total: number }>('staff', 'searchPeople', { limit: 100 }, { as: 'demo-staff-city' });
    expect(city.total).toBeGreaterThan(county.total);
  });

  it('grants and removes roles within the subtree only, with an audit entry each', async () => {
    const worker = (await env.store.find<{ _id: string }>('users', { openid: 'demo-worker-2' }))[0]; // 平湖, outside 嘉善
    const denied = await env.call('staff', 'grantRole', { userId: worker._id, role: 'volunteer' }, { as: 'demo-staff-county' });
    expect(denied).toMatchObject({ ok: false, error: { code: 'auth.forbidden', message: '此人员不在您管理的工会范围内' } });

    const row = await env.ok<PersonRow>('staff', 'grantRole', { userId: worker._id, role: 'volunteer' }, { as: 'demo-staff-city' });
    expect(row.roles).toContain('volunteer');
    const me = await env.ok<MeOutput>('account', 'me', {}, { as: 'demo-worker-2' });
    expect(me.roles).toContain('volunteer');

    const upward = await env.call('staff', 'grantRole', { userId: worker._id, role: 'staff', orgId: 'org_zj' }, { as: 'demo-staff-city' });
    expect(upward).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });

    const removed = await env.ok<PersonRow>('staff', 'revokeRole', { userId: worker._id, role: 'volunteer', reason: '本人申请退出' }, { as: 'demo-staff-city' });
    expect(removed.roles).not.toContain('volunteer');
    const trail = await env.store.find<{ _id: string; summary: string; reason?: string }>('audit', { targetId: worker._id }, { sort: { at: 1 } });
    expect(trail.map((a) => a.summary)).toEqual(['授予角色：志愿者', '取消角色：志愿者']);
    expect(trail[1].reason).toBe('本人申请退出');
  });

  it('cannot change its own roles', async () => {
    const self = (await env.store.find<{ _id: string }>('users', { openid: 'demo-staff-city' }))[0];
    const r = await env.call('staff', 'grantRole', { userId: self._id, role: 'volunteer' }, { as: 'demo-staff-city' });
    expect(r).toMatchObject({ ok: false, error: { code: 'staff.self_change' } });
  });

  it('records transfers and deaths', async () => {
    const worker = (await env.store.find<{ _id: string }>('users', { openid: 'demo-worker' }))[0];
    const moved = await env.ok<PersonRow>('staff', 'markTransfer', { userId: worker._id, toOrgId: 'gu_js_xinrui', reason: '工作调动' }, { as: 'demo-staff-city' });
    expect(moved.org?.id).toBe('gu_js_xinrui');
    const county = await env.ok<{ people: PersonRow[] }>('staff', 'searchPeople', { limit: 100 }, { as: 'demo-staff-county' });
    expect(county.people.some((p) => p.userId === worker._id)).toBe(true);
    const dead = await env.ok<PersonRow>('staff', 'markDeceased', { userId: worker._id, date: '2026-05-20' }, { as: 'demo-staff-county' });
    expect(dead.status).toBe('deceased');
    expect(dead.roles).toEqual([]);
    const me = await env.call('account', 'updateProfile', { phone: '13900001111' }, { as: 'demo-worker' });
    expect(me).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });
});

describe('staff: the honour registry', () => {
  let env: TestEnv;
  beforeEach(async () => { env = await createTestEnv(); });

  const header = '姓名,身份证号,荣誉称号,级别,年份,授予单位\n';

  it('previews row errors and commits nothing until every row is right', async () => {
    const csv = header + `王大明,${makeTestIdNumber(11)},嘉兴市劳动模范,市级,2021,嘉兴市人民政府\n李二,123,浙江工匠,省级,20x1,浙江省总工会\n`;
    const before = await env.store.count('honours', {});
    const r = await env.ok<{ errors: { row: number; field?: string }[]; committed: boolean }>('staff', 'importHonours', { fileName: 'h.csv', contentBase64: b64(csv), commit: true }, { as: 'demo-staff-city' });
    expect(r.committed).toBe(false);
    expect(r.errors.map((e) => `${e.row}:${e.field}`)).toEqual(expect.arrayContaining(['3:idNumber', '3:year']));
    expect(await env.store.count('honours', {})).toBe(before);
  });

  it('imports CSV and Excel, idempotently, and links a registered person for staff to confirm', async () => {
    const idNumber = makeTestIdNumber(12, 1970);
    const me = await env.ok<MeOutput>('account', 'register', { name: '孙红梅', phone: '13812340000', idNumber, orgId: 'gu_jx_hengtong' }, { as: 'new-person' });
    expect(me.roles).toEqual(['worker']);

    const csv = header + `孙红梅,${idNumber},嘉兴市劳动模范,市级,2021,嘉兴市人民政府\n`;
    const first = await env.ok<{ created: number; unchanged: number; committed: boolean }>('staff', 'importHonours', { fileName: 'h.csv', contentBase64: b64(csv), commit: true }, { as: 'demo-staff-city' });
    expect(first).toMatchObject({ created: 1, unchanged: 0, committed: true });

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('荣誉');
    ws.addRow(['姓名', '身份证号', '荣誉称号', '级别', '年份', '授予单位']);
    ws.addRow(['孙红梅', idNumber, '嘉兴市劳动模范', '市级', 2021, '嘉兴市人民政府']);
    ws.addRow(['孙红梅', idNumber, '浙江工匠', '省部级', 2023, '浙江省总工会']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const second = await env.ok<{ created: number; unchanged: number }>('staff', 'importHonours', { fileName: 'h.xlsx', contentBase64: xlsx, commit: true }, { as: 'demo-staff-city' });
    expect(second).toMatchObject({ created: 1, unchanged: 1 });

    const pending = await env.ok<{ honours: { id: string; nameMasked: string; linkStatus: string }[] }>('staff', 'listHonours', { linkStatus: 'suggested' }, { as: 'demo-staff-city' });
    const mine = pending.honours.filter((h) => h.nameMasked === '孙*梅');
    expect(mine).toHaveLength(2);
    // Maker–checker: the city staff member imported it, so another person (here the administrator) confirms it.
    await env.ok('staff', 'confirmHonourLink', { honourId: mine[0].id }, { as: 'demo-admin' });
    await env.ok('staff', 'rejectHonourLink', { honourId: mine[1].id, reason: '称号与档案不符' }, { as: 'demo-staff-city' });
    const after = await env.ok<MeOutput>('account', 'me', {}, { as: 'new-person' });
    expect(after.roles).toContain('model_worker');
    expect(after.honours.map((h) => h.linkStatus)).toEqual(['confirmed']);
  });

  it('refuses staff outside the registering subtree from confirming', async () => {
    const pending = await env.ok<{ honours: { id: string }[] }>('staff', 'listHonours', { linkStatus: 'suggested' }, { as: 'demo-staff-city' });
    expect(pending.honours.length).toBeGreaterThan(0);
    const r = await env.call('staff', 'confirmHonourLink', { honourId: pending.honours[0].id }, { as: 'demo-staff-county' });
    expect(r).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });

  it('reports missing columns and duplicate rows', () => {
    expect(parseHonourRows([['姓名', '年份']]).errors.map((e) => e.message)).toContain('缺少“身份证号”列');
    const id = makeTestIdNumber(3);
    const rows = [['姓名', '身份证号', '荣誉称号', '级别', '年份', '授予单位'], ['王五', id, '县级劳模', '县级', '2020', '嘉善县人民政府'], ['王五', id, '县级劳模', '县级', '2020', '嘉善县人民政府']];
    expect(parseHonourRows(rows).errors).toEqual([{ row: 3, message: '与第 2 行重复' }]);
  });
});

describe('logs', () => {
  it('carry no names, phone numbers or ID numbers', async () => {
    const env = await createTestEnv();
    const idNumber = makeTestIdNumber(21);
    await env.ok('account', 'register', { name: '欧阳晓燕', phone: '13812349999', idNumber, orgId: 'gu_jx_hengtong' }, { as: 'log-user' });
    await env.call('account', 'register', { name: '欧阳晓燕', phone: '13812349999', idNumber: '1', orgId: 'gu_jx_hengtong' }, { as: 'log-user2' });
    const text = JSON.stringify(env.logs);
    expect(env.logs.length).toBe(2);
    expect(env.logs[0]).toMatchObject({ fn: 'account', action: 'register', code: 'ok' });
    for (const secret of ['欧阳晓燕', '13812349999', idNumber]) expect(text).not.toContain(secret);
  });
});

describe('an unexpected failure', () => {
  it('answers internal with a plain message and logs exactly one line with the reason', async () => {
    const env = await createTestEnv();
    const broken = env.store.find.bind(env.store);
    env.store.find = (async (c: string, ...rest: Parameters<typeof broken> extends [string, ...infer R] ? R : never) => {
      if (c === 'honours') throw new Error('disk on fire');
      return broken(c, ...rest);
    }) as typeof env.store.find;
    const r = await env.call('staff', 'listHonours', {}, { as: 'demo-staff-city' });
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: '系统繁忙，请稍后再试' } });
    expect(env.logs.filter((l) => l.action === 'listHonours')).toEqual([expect.objectContaining({ code: 'internal', detail: 'disk on fire' })]);
  });
});
