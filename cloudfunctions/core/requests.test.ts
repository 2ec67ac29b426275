/** Request records: replays, the same id with other data, reclaiming a dead call's record, expiry. */
import { createTestEnv } from '../testing/harness';
import { REQUESTS, REQUEST_LEASE_MS, type RequestDoc, inputDigest, purgeExpiredRequests, requestKey } from './requests';

const ME = 'demo-worker';

async function phoneOf(env: Awaited<ReturnType<typeof createTestEnv>>): Promise<string> {
  const [u] = await env.store.find<{ _id: string; phone: string }>('users', { openid: ME });
  return u.phone;
}

describe('request records', () => {
  it('answer a repeat once, and refuse the same id with other data', async () => {
    const env = await createTestEnv();
    const first = await env.call('account', 'updateProfile', { phone: '13911110000' }, { as: ME, requestId: 'req-phone-0001' });
    expect(first.ok).toBe(true);
    const audits = await env.store.count('audit', {});
    const again = await env.call('account', 'updateProfile', { phone: '13911110000' }, { as: ME, requestId: 'req-phone-0001' });
    expect(again).toEqual(first);
    expect(await env.store.count('audit', {})).toBe(audits);

    const other = await env.call('account', 'updateProfile', { phone: '13922220000' }, { as: ME, requestId: 'req-phone-0001' });
    expect(other).toMatchObject({ ok: false, error: { code: 'request.reused' } });
    expect(await phoneOf(env)).toBe('13911110000');
    // A corrected form is a new attempt with a new id.
    expect((await env.call('account', 'updateProfile', { phone: '13922220000' }, { as: ME, requestId: 'req-phone-0002' })).ok).toBe(true);
    expect(await phoneOf(env)).toBe('13922220000');
  });

  it('digests inputs regardless of key order', () => {
    expect(inputDigest({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(inputDigest({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(inputDigest({ a: 1 })).not.toBe(inputDigest({ a: 2 }));
  });

  it('lets a retry take over a record left pending by a call that died, once its lease is over', async () => {
    const env = await createTestEnv();
    const data = { phone: '13933330000' };
    const key = requestKey('account', 'updateProfile', ME, 'req-dead-0001');
    const at = env.clock.now;
    const dead: RequestDoc = {
      _id: key,
      state: 'pending',
      digest: inputDigest(data),
      at: at.toISOString(),
      leaseUntil: new Date(at.getTime() + REQUEST_LEASE_MS).toISOString(),
      expiresAt: new Date(at.getTime() + 86_400_000).toISOString(),
    };
    await env.store.insert(REQUESTS, dead);
    const early = await env.call('account', 'updateProfile', data, { as: ME, requestId: 'req-dead-0001' });
    expect(early).toMatchObject({ ok: false, error: { code: 'conflict' } });
    env.clock.advance(REQUEST_LEASE_MS + 1);
    const retried = await env.call('account', 'updateProfile', data, { as: ME, requestId: 'req-dead-0001' });
    expect(retried.ok).toBe(true);
    expect(await phoneOf(env)).toBe('13933330000');
    expect(await env.store.get<RequestDoc>(REQUESTS, key)).toMatchObject({ state: 'done' });
  });

  it('expire after a day and are purged', async () => {
    const env = await createTestEnv();
    await env.call('account', 'updateProfile', { phone: '13944440000' }, { as: ME, requestId: 'req-old-00001' });
    expect(await env.store.count(REQUESTS, {})).toBe(1);
    expect(await purgeExpiredRequests(env.store, env.clock.now)).toBe(0);
    env.clock.advance(25 * 3600_000);
    expect(await purgeExpiredRequests(env.store, env.clock.now)).toBe(1);
    expect(await env.store.count(REQUESTS, {})).toBe(0);
  });
});
