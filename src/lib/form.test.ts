import { profileForm } from '../../types/account.schema';
import { check, errorToFieldErrors, issuesToFieldErrors } from './form';

describe('form helpers', () => {
  it('gives one Chinese message per field from the shared schema', () => {
    const r = check(profileForm, { name: '王', phone: '123', idNumber: '330402198001011235', orgId: '' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(['idNumber', 'name', 'orgId', 'phone']);
    expect(r.errors.name).toBe('姓名至少 2 个字');
    expect(r.errors.phone).toBe('请填写 11 位手机号');
  });

  it('returns parsed data when valid', () => {
    const r = check(profileForm, { name: ' 王小明 ', phone: '13812345678', idNumber: '330402198001011236', orgId: 'org_1' });
    expect(r).toEqual({ ok: true, data: { name: '王小明', phone: '13812345678', idNumber: '330402198001011236', orgId: 'org_1' } });
  });

  it('keeps the server message for the form when no field is named', () => {
    expect(errorToFieldErrors({ code: 'auth.forbidden', message: '您没有权限进行此操作' })).toEqual({ _form: '您没有权限进行此操作' });
    expect(
      errorToFieldErrors({ code: 'validation', message: '填写的内容有误', issues: [{ path: ['phone'], message: '手机号已被使用' }] }),
    ).toEqual({ phone: '手机号已被使用', _form: '填写的内容有误' });
    expect(issuesToFieldErrors([{ path: [], message: '没有需要修改的内容' }])).toEqual({ _form: '没有需要修改的内容' });
  });
});
