/**
 * Race tests of 困难帮扶, on the embedded store and through the CloudBase adapter and the real SDK to the local
 * emulator: two reviewers acting on one case at once make exactly one move; the worker and their grassroots union
 * filing at the same moment give one case; a payment batch sent twice at once with one requestId pays once.
 */
import { keepSdkOffline, startEmulator } from '../../../scripts/emulator';
import type { CaseSummary } from '../../../types/hardship.schema';
import type { Result } from '../../../types/result';
import { CloudbaseStore } from '../../core/store/cloudbase';
import { EmbeddedStore } from '../../core/store/embedded';
import type { Store } from '../../core/store/port';
import { HOLDS_SLOTS } from '../../../types/hardship.workflow';
import { createTestEnv, makeTestIdNumber, type TestEnv } from '../../testing/harness';
import { C, type CaseDoc } from './model';
import { COUNTY, INCOME_CHECK, TOWN, UNION, caseAt, fastAt, formWith, payment, world } from './testkit';

keepSdkOffline();

interface Setup {
  name: string;
  rounds: number;
  make(): Promise<{ store?: Store; close(): Promise<void> }>;
}

const SETUPS: Setup[] = [
  { name: 'embedded store', rounds: 8, make: async () => ({ store: new EmbeddedStore(), close: async () => {} }) },
  {
    name: 'CloudBase adapter via the emulator',
    rounds: 3,
    make: async () => {
      const raw = new EmbeddedStore();
      const emulator = await startEmulator({ port: 0, store: raw });
      const store = new CloudbaseStore({ env: 'hardship-race', secretId: 'local', secretKey: 'local', serviceUrl: emulator.url, timeout: 60_000 });
      return { store, close: () => emulator.close() };
    },
  },
];

const code = (r: Result<unknown>) => (r.ok ? 'ok' : r.error.code);

describe.each(SETUPS)('hardship races on the $name', ({ rounds, make }) => {
  let env: TestEnv;
  let close: () => Promise<void>;
  let n = 0;
  beforeAll(async () => {
    const made = await make();
    close = made.close;
    env = await createTestEnv(made.store ? { store: made.store } : {});
  }, 60_000);
  afterAll(async () => close());

  it('two reviewers acting on one case at once: exactly one move', async () => {
    const losers: string[] = [];
    const colleague = await env.addUser({ orgId: UNION, roles: ['worker', 'staff'], staffOrgId: 'org_jx_js_dy', idNumber: makeTestIdNumber(80_001, 1985) });
    for (let i = 0; i < rounds; i++) {
      const id = await caseAt(env, await world(env), 'town');
      const [a, b] = await Promise.all([
        env.call('hardship', 'forward', { caseId: id, incomeCheck: INCOME_CHECK(env) }, { as: TOWN, requestId: `race-fwd-a-${i}` }),
        i % 2 === 0
          ? env.call('hardship', 'forward', { caseId: id, incomeCheck: INCOME_CHECK(env) }, { as: colleague.openid, requestId: `race-fwd-b-${i}` })
          : env.call('hardship', 'returnCase', { caseId: id, reason: '请补充自付医疗费用票据' }, { as: colleague.openid, requestId: `race-ret-b-${i}` }),
      ]);
      expect([code(a), code(b)].filter((c) => c === 'ok')).toHaveLength(1);
      losers.push([code(a), code(b)].find((c) => c !== 'ok')!);
      const c = (await env.store.get<CaseDoc>(C.cases, id))!;
      expect(c.history.filter((h) => h.event === 'forward' || h.event === 'return')).toHaveLength(1);
      expect(c.version).toBe(3);
    }
    // Both read the case before either moved it: the loser's conditional update found it changed.
    expect(losers).toContain('conflict');
  }, 120_000);

  it('the worker and their grassroots union filing at the same moment: one case', async () => {
    for (let i = 0; i < rounds; i++) {
      const w = await world(env);
      const [self, behalf] = await Promise.all([
        env.call<{ case: CaseSummary }>('hardship', 'file', { form: formWith() }, { as: w.worker.openid, requestId: `race-self-${++n}` }),
        env.call<{ case: CaseSummary }>('hardship', 'file', { member: { name: '王小明', idNumber: w.idNumber, orgId: UNION }, form: formWith({ aidKinds: ['living', 'medical'] }) }, { as: w.grassroots.openid, requestId: `race-behalf-${n}` }),
      ]);
      const codes = [code(self), code(behalf)].sort();
      expect(codes).toEqual(['hardship.duplicate', 'ok']);
      const open = (await env.store.find<CaseDoc>(C.cases, { idHash: w.worker.idHash }, { limit: 10 })).filter((c) => HOLDS_SLOTS.includes(c.status));
      expect(open).toHaveLength(1);
      expect(await env.store.count(C.slots, { holder: open[0]._id })).toBe(open[0].slotIds.length);
    }
  }, 120_000);

  it('a payment batch recorded twice at once with one requestId: paid once', async () => {
    for (let i = 0; i < Math.min(rounds, 3); i++) {
      const a = await fastAt(env, await world(env), 'paying');
      const b = await fastAt(env, await world(env), 'paying');
      const data = { payments: [payment(env, a), payment(env, b)] };
      const [x, y] = await Promise.all([
        env.call<{ batch: string }>('hardship', 'recordPayments', data, { as: COUNTY, requestId: `race-pay-${i}` }),
        env.call<{ batch: string }>('hardship', 'recordPayments', data, { as: COUNTY, requestId: `race-pay-${i}` }),
      ]);
      expect([code(x), code(y)]).toEqual(['ok', 'ok']);
      for (const id of [a, b]) {
        const c = (await env.store.get<CaseDoc>(C.cases, id))!;
        expect({ status: c.status, pays: c.history.filter((h) => h.event === 'pay').length }).toEqual({ status: 'paid', pays: 1 });
      }
      expect(await env.store.count('audit', { targetId: a, action: 'hardship_case.pay' })).toBe(1);
    }
  }, 120_000);
});
