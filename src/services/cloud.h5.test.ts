import { call } from './cloud.h5';
import { setDemoOpenId } from './demo-identity';
import { asResult, newRequestId } from './call-types';

describe('H5 call service', () => {
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
    setDemoOpenId('');
  });

  it('posts the production event with the demo identity and returns the Result', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    global.fetch = jest.fn(async (url: string | URL | Request, init?: RequestInit) => {
      seen.push({ url: String(url), init: init ?? {} });
      return new Response(JSON.stringify({ ok: true, data: { orgs: [] } }), { status: 200 });
    }) as typeof fetch;
    setDemoOpenId('demo-worker');
    const result = await call('account', 'listOrgs', { parentId: null }, { requestId: 'req_12345678' });
    expect(result).toEqual({ ok: true, data: { orgs: [] } });
    expect(seen[0].url).toBe('/api/functions/account');
    expect(seen[0].init.method).toBe('POST');
    expect((seen[0].init.headers as Record<string, string>)['X-Demo-OpenId']).toBe('demo-worker');
    expect(JSON.parse(String(seen[0].init.body))).toEqual({ action: 'listOrgs', data: { parentId: null }, requestId: 'req_12345678' });
  });

  it('sends no identity header when anonymous', async () => {
    let headers: Record<string, string> = {};
    global.fetch = jest.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      headers = init?.headers as Record<string, string>;
      return new Response(JSON.stringify({ ok: false, error: { code: 'auth.required', message: '请先登录后再使用' } }));
    }) as typeof fetch;
    const result = await call('account', 'me', {});
    expect(headers['X-Demo-OpenId']).toBeUndefined();
    expect(result).toEqual({ ok: false, error: { code: 'auth.required', message: '请先登录后再使用' } });
  });

  it('maps a failed connection or a non-JSON answer to a plain-Chinese network error', async () => {
    global.fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await call('account', 'me', {})).toEqual({ ok: false, error: { code: 'network', message: '网络连接失败，请检查网络后重试' } });
    global.fetch = jest.fn(async () => new Response('<html>502</html>', { status: 502 })) as typeof fetch;
    const r = await call('account', 'me', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('network');
  });
});

describe('asResult', () => {
  it('accepts only a well-formed envelope', () => {
    expect(asResult({ ok: true, data: 1 })).toEqual({ ok: true, data: 1 });
    expect(asResult({ ok: false, error: { code: 'x', message: '错' } })).toEqual({ ok: false, error: { code: 'x', message: '错' } });
    for (const bad of [undefined, null, '', {}, { ok: false }, { ok: false, error: { code: 1 } }]) {
      const r = asResult(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toBe('系统繁忙，请稍后再试');
    }
  });
});

describe('newRequestId', () => {
  it('matches the functions\' requestId pattern and does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newRequestId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});
