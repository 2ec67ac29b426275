import { keepSdkOffline } from '../../../scripts/emulator';
import { CloudbaseStore } from '../store/cloudbase';
import type { GuardedStore } from '../store/append-only';
import { cloudbaseIdentify, cloudbaseRuntime } from './cloudbase';
import { productionRuntime } from './production';

keepSdkOffline();

describe('cloudbase identity', () => {
  it('reads WX_OPENID from the invocation context', () => {
    const context = { environment: JSON.stringify({ WX_OPENID: 'oCaller_1', WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID' }) };
    expect(cloudbaseIdentify({ action: 'x', data: { openid: 'oForged' } }, context)).toBe('oCaller_1');
  });

  it('falls back to event.userInfo.openId', () => {
    const context = { environment: JSON.stringify({}) };
    expect(cloudbaseIdentify({ userInfo: { openId: 'oLegacy' }, data: {} }, context)).toBe('oLegacy');
    expect(cloudbaseIdentify({ userInfo: { openId: 'oLegacy' } }, undefined)).toBe('oLegacy');
  });

  it('never inherits an openid left in process.env by an earlier invocation', () => {
    const saved = { keys: process.env.WX_CONTEXT_KEYS, openid: process.env.WX_OPENID };
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID';
    process.env.WX_OPENID = 'oStale';
    try {
      expect(cloudbaseIdentify({}, { environment: JSON.stringify({ TCB_CONTEXT_KEYS: 'TCB_ENV' }) })).toBeNull();
      expect(cloudbaseIdentify({}, { environment: JSON.stringify({ WX_OPENID: 'oFresh' }) })).toBe('oFresh');
    } finally {
      if (saved.keys === undefined) delete process.env.WX_CONTEXT_KEYS;
      else process.env.WX_CONTEXT_KEYS = saved.keys;
      if (saved.openid === undefined) delete process.env.WX_OPENID;
      else process.env.WX_OPENID = saved.openid;
    }
  });

  it('is anonymous without a usable identity, never reading event.data', () => {
    expect(cloudbaseIdentify({ data: { openid: 'oForged', userInfo: { openId: 'oForged' } } }, { environment: '{}' })).toBeNull();
    expect(cloudbaseIdentify({}, { environment: 'not json' })).toBeNull();
    expect(cloudbaseIdentify({ userInfo: { openId: { $gt: '' } } }, {})).toBeNull();
    expect(cloudbaseIdentify(null, null)).toBeNull();
  });
});

describe('cloudbase runtime', () => {
  it('builds a CloudbaseStore with secrets from the environment', () => {
    const runtime = cloudbaseRuntime({ ID_HASH_KEY: 'k'.repeat(32), SECRET_GREENCARD_SIGNING_KEYS: 'abc' } as unknown as NodeJS.ProcessEnv);
    expect((runtime.store as GuardedStore).inner).toBeInstanceOf(CloudbaseStore);
    expect(runtime.secrets.idHashKey).toBe('k'.repeat(32));
    expect(runtime.secrets.SECRET_GREENCARD_SIGNING_KEYS).toBe('abc');
    expect(runtime.identify({ userInfo: { openId: 'o1' } }, {})).toBe('o1');
  });

  it('refuses to start without ID_HASH_KEY', () => {
    expect(() => cloudbaseRuntime({} as unknown as NodeJS.ProcessEnv)).toThrow(/ID_HASH_KEY/);
  });

  it('is what production functions use', () => {
    const before = process.env.ID_HASH_KEY;
    process.env.ID_HASH_KEY = 'p'.repeat(32);
    try {
      expect((productionRuntime().store as GuardedStore).inner).toBeInstanceOf(CloudbaseStore);
    } finally {
      if (before === undefined) delete process.env.ID_HASH_KEY;
      else process.env.ID_HASH_KEY = before;
    }
  });
});
