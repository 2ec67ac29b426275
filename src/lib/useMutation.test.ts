jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {}, useDidShow: () => undefined }));

import { createAttempts, stableKey } from './useMutation';
import { createLatest } from './useQuery';
import { errorToFieldErrors, issuesToFieldErrors } from './form-errors';
import { errorKind } from './error-kinds';

const network = { ok: false as const, error: { code: 'network' as const, message: '网络连接失败' } };
const refused = { ok: false as const, error: { code: 'trips.closed' as const, message: '名额已满' } };

describe('one requestId per attempt', () => {
  it('keeps the id while the same input is retried after a network failure', () => {
    let n = 0;
    const a = createAttempts(() => `id${++n}`);
    const input = { tripId: 't1', form: { b: 1, a: 2 } };
    expect(a.idFor(input)).toBe('id1');
    a.settle(network);
    expect(a.idFor({ form: { a: 2, b: 1 }, tripId: 't1' })).toBe('id1'); // same input, keys in another order
  });

  it('takes a new id once the function has answered, or when the input changed', () => {
    let n = 0;
    const a = createAttempts(() => `id${++n}`);
    a.idFor({ x: 1 });
    a.settle(refused);
    expect(a.idFor({ x: 1 })).toBe('id2');
    a.settle({ ok: true, data: null });
    expect(a.idFor({ x: 1 })).toBe('id3');
    a.settle(network);
    expect(a.idFor({ x: 2 })).toBe('id4');
  });

  it('compares inputs by value', () => {
    expect(stableKey({ a: 1, b: [1, { d: 1, c: 2 }] })).toBe(stableKey({ b: [1, { c: 2, d: 1 }], a: 1 }));
    expect(stableKey({ a: 1 })).not.toBe(stableKey({ a: 2 }));
  });
});

describe('latest answer only', () => {
  it('ignores answers to requests that a newer one replaced, and all after unmount', () => {
    const l = createLatest();
    const first = l.begin(1000);
    const second = l.begin(1100);
    expect(l.isCurrent(first)).toBe(false);
    expect(l.isCurrent(second)).toBe(true);
    expect(l.startedRecently(1500)).toBe(true);
    expect(l.startedRecently(2200)).toBe(false);
    l.cancel();
    expect(l.isCurrent(second)).toBe(false);
  });
});

describe('issues onto fields', () => {
  it('strips the prefix a function nests the form under, and keeps the dotted path too', () => {
    const issues = [
      { path: ['form', 'emergencyPhone'], message: '请填写 11 位手机号' },
      { path: ['sessionId'], message: '编号格式不正确' },
      { path: ['form'], message: '报名表不完整' },
    ];
    expect(issuesToFieldErrors(issues, 'form')).toEqual({ emergencyPhone: '请填写 11 位手机号', sessionId: '编号格式不正确', _form: '报名表不完整' });
    expect(issuesToFieldErrors([{ path: ['sessions', 0, 'places'], message: '名额不能小于 1' }])).toEqual({
      sessions: '名额不能小于 1',
      'sessions.0.places': '名额不能小于 1',
    });
    expect(errorToFieldErrors({ code: 'validation', message: '填写的内容有误', issues: [{ path: ['trip', 'title'], message: '请填写标题' }] }, 'trip')).toEqual({
      title: '请填写标题',
      _form: '填写的内容有误',
    });
  });
});

describe('what a person can do about an error', () => {
  it('offers retry only for real failures, registration when not registered, the way back otherwise', () => {
    for (const code of ['network', 'internal', 'rate_limited', 'conflict']) expect(errorKind(code)).toBe('retry');
    expect(errorKind('auth.not_registered')).toBe('register');
    expect(errorKind('auth.required')).toBe('signin');
    for (const code of ['not_found', 'auth.forbidden', 'trips.not_drawn', 'validation', 'greencard.no_card']) expect(errorKind(code)).toBe('back');
  });
});
