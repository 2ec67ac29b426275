import { createTestEnv, makeTestIdNumber } from '../../testing/harness';
import type { MeOutput } from '../../../types/account.schema';

describe('account', () => {
  it('registers a newcomer, links their honour, and shows the profile only to them unmasked', async () => {
    const env = await createTestEnv();
    const anon = await env.call('account', 'me', {}, { as: null });
    expect(anon).toMatchObject({ ok: false, error: { code: 'auth.required' } });

    const before = await env.ok<MeOutput>('account', 'me', {}, { as: 'demo-newcomer' });
    expect(before.registered).toBe(false);

    const me = await env.ok<MeOutput>('account', 'register', {
      name: '潘永林', phone: '13812345678', idNumber: '330421196509213314', orgId: 'gu_js_xinrui',
    }, { as: 'demo-newcomer' });
    expect(me.registered).toBe(true);
    expect(me.profile).toMatchObject({ name: '潘永林', phone: '13812345678', idMasked: '3304**********3314', birthYear: 1965 });
    expect(me.roles).toEqual(['worker']);
    expect(me.honours).toEqual([expect.objectContaining({ title: '全国先进工作者', linkStatus: 'suggested' })]);

    const stored = await env.store.find('users', { openid: 'demo-newcomer' });
    expect(JSON.stringify(stored)).not.toContain('330421196509213314');

    const again = await env.call('account', 'register', {
      name: '潘永林', phone: '13812345678', idNumber: '330421196509213314', orgId: 'gu_js_xinrui',
    }, { as: 'demo-newcomer' });
    expect(again).toMatchObject({ ok: false, error: { code: 'account.already_registered' } });
  });

  it('rejects a non-grassroots org and a bad ID number with clear messages, writing nothing', async () => {
    const env = await createTestEnv();
    const snap = JSON.stringify(env.store.snapshot());
    const r1 = await env.call('account', 'register', { name: '李四', phone: '13812345678', idNumber: makeTestIdNumber(1), orgId: 'org_jx' }, { as: 'x1' });
    expect(r1).toMatchObject({ ok: false, error: { code: 'validation', message: '请选择到具体的基层工会' } });
    const r2 = await env.call('account', 'register', { name: '李四', phone: '13812345678', idNumber: '330402198001011230', orgId: 'gu_jx_hengtong' }, { as: 'x1' });
    expect(r2).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(JSON.stringify(env.store.snapshot())).toBe(snap);
  });

  it('repeating register with the same requestId answers the first result and writes once', async () => {
    const env = await createTestEnv();
    const data = { name: '赵六', phone: '13812345670', idNumber: makeTestIdNumber(7), orgId: 'gu_jx_hengtong' };
    const [a, b] = await Promise.all([
      env.call('account', 'register', data, { as: 'dup-user', requestId: 'req-12345678' }),
      env.call('account', 'register', data, { as: 'dup-user', requestId: 'req-12345678' }),
    ]);
    expect(a.ok).toBe(true);
    expect(b).toEqual(a);
    const c = await env.call('account', 'register', data, { as: 'dup-user', requestId: 'req-12345678' });
    expect(c).toEqual(a);
    expect(await env.store.count('users', { openid: 'dup-user' })).toBe(1);
    expect(await env.store.count('audit', { summary: '实名登记' })).toBe(1);
  });

  it('refuses an ID number that another account registered, on register and on edit', async () => {
    const env = await createTestEnv();
    const data = { name: '赵六', phone: '13812345670', idNumber: makeTestIdNumber(8), orgId: 'gu_jx_hengtong' };
    await env.ok('account', 'register', data, { as: 'first' });
    const r = await env.call('account', 'register', { ...data, name: '赵七' }, { as: 'second' });
    expect(r).toMatchObject({ ok: false, error: { code: 'account.id_taken' } });
    await env.ok('account', 'register', { ...data, idNumber: makeTestIdNumber(9) }, { as: 'second' });
    const edit = await env.call('account', 'updateProfile', { idNumber: makeTestIdNumber(8) }, { as: 'second' });
    expect(edit).toMatchObject({ ok: false, error: { code: 'account.id_taken' } });
  });

  it('lists the org tree for anyone', async () => {
    const env = await createTestEnv();
    const r = await env.ok<{ orgs: { id: string }[] }>('account', 'listOrgs', { parentId: 'org_jx' }, { as: null });
    expect(r.orgs.map((o) => o.id).sort()).toEqual(['gu_jx_office', 'org_jx_hn', 'org_jx_js', 'org_jx_nh', 'org_jx_ph']);
  });
});
