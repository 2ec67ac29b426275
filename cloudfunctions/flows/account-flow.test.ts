/**
 * One whole feature flow — register, link honours, role changes — run end to end on both adapters: the embedded
 * store, and the production CloudBase adapter through the real @cloudbase/node-sdk to the local emulator.
 */
import { keepSdkOffline, startEmulator } from '../../scripts/emulator';
import { seedDemo } from '../../scripts/seed';
import type { MeOutput } from '../../types/account.schema';
import type { PersonRow } from '../../types/staff.schema';
import type { Result } from '../../types/result';
import { FUNCTIONS } from '../functions';
import { silentSink } from '../core/log';
import { localRuntime } from '../core/platform/local';
import { setRuntime } from '../core/runtime';
import { CloudbaseStore } from '../core/store/cloudbase';
import { EmbeddedStore } from '../core/store/embedded';
import type { Store } from '../core/store/port';
import { TEST_ID_HASH_KEY, makeTestIdNumber } from '../testing/harness';

keepSdkOffline();

type Setup = () => Promise<{ store: Store; close(): Promise<void> }>;

const ADAPTERS: [string, Setup][] = [
  ['embedded', async () => ({ store: new EmbeddedStore(), close: async () => {} })],
  ['cloudbase via the emulator', async () => {
    const emulator = await startEmulator({ port: 0, store: new EmbeddedStore() });
    const store = new CloudbaseStore({ env: 'flow-test', secretId: 'local', secretKey: 'local', serviceUrl: emulator.url });
    return { store, close: () => emulator.close() };
  }],
];

describe.each(ADAPTERS)('account flow on %s', (_name, setup) => {
  let close: () => Promise<void>;
  let store: Store;
  const call = async <T>(fn: 'account' | 'staff', action: string, data: unknown, as: string, requestId?: string): Promise<T> => {
    const r = (await FUNCTIONS[fn]({ action, data, ...(requestId ? { requestId } : {}) }, { localOpenId: as })) as Result<T>;
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.error.code} ${r.error.message}`);
    return r.data;
  };

  beforeAll(async () => {
    ({ store, close } = await setup());
    const secrets = { idHashKey: TEST_ID_HASH_KEY };
    setRuntime(localRuntime({ store, secrets, log: silentSink }));
    await seedDemo(store, secrets, new Date('2026-06-01T02:00:00Z'));
  });
  afterAll(async () => close());

  it('registers, links and confirms an honour, grants and removes a role', async () => {
    const idNumber = makeTestIdNumber(501, 1966);
    await call('staff', 'addHonour', { name: '褚建华', idNumber, title: '全国劳动模范', level: 'national', year: 2010, awardingBody: '中华人民共和国国务院' }, 'demo-staff-city');

    const registered = await call<MeOutput>('account', 'register', { name: '褚建华', phone: '13811112222', idNumber, orgId: 'gu_js_xinrui' }, 'flow-person', 'flow-register-1');
    expect(registered.roles).toEqual(['worker']);
    expect(registered.honours).toEqual([expect.objectContaining({ title: '全国劳动模范', linkStatus: 'suggested' })]);
    const replay = await call<MeOutput>('account', 'register', { name: '褚建华', phone: '13811112222', idNumber, orgId: 'gu_js_xinrui' }, 'flow-person', 'flow-register-1');
    expect(replay).toEqual(registered);

    // Maker–checker: the city staff member added the honour, so another person (the administrator) confirms the link.
    await call('staff', 'confirmHonourLink', { honourId: registered.honours[0].id }, 'demo-admin');
    const modelWorker = await call<MeOutput>('account', 'me', {}, 'flow-person');
    expect(modelWorker.roles).toEqual(expect.arrayContaining(['worker', 'model_worker']));

    const granted = await call<PersonRow>('staff', 'grantRole', { userId: registered.profile!.userId, role: 'volunteer' }, 'demo-staff-county');
    expect(granted.roles).toContain('volunteer');
    expect(granted.nameMasked).toBe('褚*华');
    const removed = await call<PersonRow>('staff', 'revokeRole', { userId: registered.profile!.userId, role: 'volunteer' }, 'demo-staff-county');
    expect(removed.roles).not.toContain('volunteer');

    const trail = await store.find<{ _id: string; summary: string }>('audit', { targetId: registered.profile!.userId }, { sort: { at: 1 } });
    expect(trail.map((a) => a.summary)).toEqual(['实名登记', '授予角色：志愿者', '取消角色：志愿者']);
    expect(await store.count('users', { openid: 'flow-person' })).toBe(1);
  });
});
