/**
 * Integration-test harness: an in-memory embedded store, a controllable clock, the demo data, and
 * `call(fn, action, data, { as, requestId })` that goes through the real function wrapper exactly as the
 * local server does. Unit tests of domain rules should not need it.
 */
import { FUNCTIONS } from '../functions';
import type { FunctionName } from '../../types/registry';
import type { Result } from '../../types/result';
import type { Role } from '../../types/roles';
import { EmbeddedStore } from '../core/store/embedded';
import type { Store } from '../core/store/port';
import { localRuntime } from '../core/platform/local';
import { localWechat } from '../core/platform/local-wechat';
import { setRuntime, type Secrets } from '../core/runtime';
import { silentSink, type CallLog } from '../core/log';
import type { OrgDoc, UserDoc } from '../core/users';
import { newUserDoc } from '../domain/account/profile';
import { idCheckDigit } from '../../types/common';
import { seedDemo } from '../../scripts/seed';
import { orgDocs, seedOrgs } from '../../scripts/seed/core';

export const TEST_ID_HASH_KEY = 'test-id-hash-key-0123456789abcdef';

export interface TestEnvOptions {
  /** 'demo': the whole demo seed (all features); 'orgs': only the org tree; 'none': empty. Default 'demo'. */
  seed?: 'demo' | 'orgs' | 'none';
  now?: string;
  secrets?: Record<string, string>;
  dataDir?: string;
  /** Run on this store instead of a fresh in-memory embedded one (e.g. the CloudBase adapter through the emulator). */
  store?: Store;
}

export type TestEnv = Awaited<ReturnType<typeof createTestEnv>>;

export async function createTestEnv(options: TestEnvOptions = {}) {
  const store = (options.store ?? new EmbeddedStore(options.dataDir ? { dataDir: options.dataDir } : {})) as EmbeddedStore;
  let now = new Date(options.now ?? '2026-06-01T02:00:00.000Z');
  const secrets: Secrets = { idHashKey: TEST_ID_HASH_KEY, ...options.secrets };
  const logs: CallLog[] = [];
  // WeChat's side: one fake for every call, writing to the real store (a call's crashing view never reaches it).
  const wechat = localWechat(store, () => now);
  // No random purge of expired request records inside a call: writes and round trips are the same on every run.
  const runtime = Object.assign(localRuntime({ store, secrets, now: () => now, wechat, log: (l) => { logs.push(l); silentSink(l); } }), { requestPurgeShare: 0 });
  setRuntime(runtime);
  if (options.seed === 'orgs') await seedOrgs(store);
  else if (options.seed !== 'none') await seedDemo(store, secrets, now);

  let userCount = 0;
  return {
    store,
    secrets,
    runtime,
    wechat,
    logs,
    clock: {
      get now() { return now; },
      set(iso: string) { now = new Date(iso); },
      advance(ms: number) { now = new Date(now.getTime() + ms); },
    },
    orgs: orgDocs(),
    /** Calls a function as the given openid (null = anonymous), through the real wrapper (on `opts.store`, if given). */
    async call<T = unknown>(fn: FunctionName, action: string, data: unknown = {}, opts: { as?: string | null; requestId?: string; store?: Store } = {}): Promise<Result<T>> {
      setRuntime(opts.store ? Object.assign(localRuntime({ store: opts.store, secrets, now: () => now, log: silentSink, wechat }), { requestPurgeShare: 0 }) : runtime);
      const event: Record<string, unknown> = { action, data };
      if (opts.requestId) event.requestId = opts.requestId;
      return (await FUNCTIONS[fn](event, { localOpenId: opts.as ?? null })) as Result<T>;
    },
    /** Same, but expects success and returns the data (throws with the error otherwise). */
    async ok<T = unknown>(fn: FunctionName, action: string, data: unknown = {}, opts: { as?: string | null; requestId?: string } = {}): Promise<T> {
      const r = await this.call<T>(fn, action, data, opts);
      if (!r.ok) throw new Error(`${fn}.${action} failed: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.issues ?? [])}`);
      return r.data;
    },
    /** Adds a registered person directly (no honours unless given); returns the stored user. */
    async addUser(p: { openid?: string; name?: string; roles?: Role[]; orgId?: string; staffOrgId?: string; hospitalId?: string; idNumber?: string; honourIds?: string[]; birthYear?: number }): Promise<UserDoc> {
      userCount++;
      const org = (await store.get<OrgDoc>('orgs', p.orgId ?? 'gu_jx_hengtong'))!;
      const idNumber = p.idNumber ?? makeTestIdNumber(userCount, p.birthYear ?? 1980);
      const suffix = Math.random().toString(36).slice(2, 8);
      const user = newUserDoc(
        {
          _id: `u_test_${userCount}_${suffix}`,
          openid: p.openid ?? `test-openid-${userCount}-${suffix}`,
          name: p.name ?? '测试人员',
          phone: `1380000${String(userCount).padStart(4, '0')}`,
          idNumber,
          org,
          roles: p.roles ?? ['worker'],
          staffOrgId: p.staffOrgId,
          hospitalId: p.hospitalId,
          honourIds: p.honourIds,
        },
        secrets.idHashKey,
        now.toISOString(),
      );
      await store.insert('users', user);
      return user;
    },
  };
}

/** A valid 18-digit ID number for test person n (unique for n < 365 000), born in the given year. */
export function makeTestIdNumber(n: number, birthYear = 1980): string {
  const birth = new Date(Date.UTC(birthYear, 0, 1 + Math.floor(n / 1000) % 365));
  const ymd = `${birth.getUTCFullYear()}${String(birth.getUTCMonth() + 1).padStart(2, '0')}${String(birth.getUTCDate()).padStart(2, '0')}`;
  const body = `330402${ymd}${String(n % 1000).padStart(3, '0')}`;
  return body + idCheckDigit(body);
}
