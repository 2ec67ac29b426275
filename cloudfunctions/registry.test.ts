/**
 * The generic suite: walks the registry, so every new action is covered without new test code.
 * - every example input is valid;
 * - malformed events and hostile inputs (wrong types, unknown fields, MongoDB operator objects, oversized
 *   values) give `validation` and write nothing;
 * - every role the action does not allow gets `auth.forbidden`; anonymous gets `auth.required` unless public.
 */
import type { ActionSpec } from '../types/contract';
import { registry, type FunctionName } from '../types/registry';
import { ROLES, type Role } from '../types/roles';
import { createTestEnv, type TestEnv } from './testing/harness';

type Case = [fn: FunctionName, action: string, spec: ActionSpec];
const ACTIONS: Case[] = Object.entries(registry).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, ActionSpec>).map(([action, spec]) => [fn as FunctionName, action, spec] as Case),
);

const OVERSIZED = '长'.repeat(100_001);

/** Hostile variants of a valid example: each top-level field replaced by values of the wrong shape. */
export function hostileInputs(example: unknown): [string, unknown][] {
  const out: [string, unknown][] = [
    ['a string instead of an object', 'x'],
    ['a number instead of an object', 42],
    ['an array instead of an object', [example]],
    ['an operator object as the whole input', { $gt: '' }],
    ['an unknown field', { ...(example as object), zzUnknownField: 1 }],
    ['a prototype-polluting field', { ...(example as object), ['__proto__']: { admin: true }, constructor: { prototype: 1 } }],
  ];
  for (const [key, value] of Object.entries((example ?? {}) as Record<string, unknown>)) {
    const put = (label: string, v: unknown) => out.push([`${key}: ${label}`, { ...(example as object), [key]: v }]);
    put('operator object {$gt: ""}', { $gt: '' });
    put('operator object {$ne: null}', { $ne: null });
    if (typeof value === 'string') {
      put('an array', [value]);
      put('a number', 12345);
      put('oversized text', OVERSIZED);
    } else if (typeof value === 'number') {
      put('a numeric string', String(value));
      put('a huge number', 1e300);
    } else if (typeof value === 'boolean') {
      put('a string', String(value));
    } else if (Array.isArray(value)) {
      put('a string', 'x');
      put('10 001 items', Array.from({ length: 10_001 }, () => value[0] ?? 'x'));
    } else if (value && typeof value === 'object') {
      put('a string', 'x');
    }
  }
  return out;
}

const MALFORMED_EVENTS: [string, unknown][] = [
  ['no event', undefined],
  ['a string event', 'me'],
  ['an array event', [1, 2]],
  ['an unknown action', { action: 'dropDatabase', data: {} }],
  ['an operator as the action', { action: { $gt: '' }, data: {} }],
  ['an inherited property as the action', { action: 'constructor', data: {} }],
  ['an extra top-level field', { action: 'me', data: {}, admin: true }],
  ['a bad requestId', { action: 'me', data: {}, requestId: { $gt: '' } }],
  ['an oversized event', { action: 'me', data: { blob: 'x'.repeat(3_100_000) } }],
];

let env: TestEnv;
const roleUser = new Map<Role, string>();

function allowedRole(spec: ActionSpec): Role | 'signedIn' | 'public' {
  return typeof spec.access === 'string' ? spec.access as 'signedIn' | 'public' : spec.access[0];
}

async function callerFor(spec: ActionSpec): Promise<string | null> {
  const who = allowedRole(spec);
  if (who === 'public' || who === 'signedIn') return roleUser.get('worker')!;
  return roleUser.get(who)!;
}

beforeAll(async () => {
  env = await createTestEnv({ seed: 'demo' });
  for (const role of ROLES) {
    const user = await env.addUser({
      roles: role === 'model_worker' ? [] : [role],
      honourIds: role === 'model_worker' ? ['h_registry_test'] : [],
      staffOrgId: role === 'staff' ? 'org_jx' : undefined,
      hospitalId: role === 'hospital_staff' ? 'hosp_jx2' : undefined,
    });
    roleUser.set(role, user.openid);
  }
});

const snapshot = () => JSON.stringify(env.store.snapshot());

describe('registry', () => {
  it.each(ACTIONS)('%s.%s has a valid example input', (_fn, _action, spec) => {
    const parsed = spec.input.safeParse(spec.example);
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it.each(ACTIONS)('%s.%s declares a bounded input (strict objects only)', (_fn, _action, spec) => {
    expect(spec.input.safeParse({ ...(spec.example as object), zzUnknownField: 1 }).success).toBe(false);
  });
});

describe.each(Object.keys(registry) as FunctionName[])('%s: malformed events', (fn) => {
  it.each(MALFORMED_EVENTS)('%s → validation, nothing written', async (_label, event) => {
    const before = snapshot();
    const { FUNCTIONS } = await import('./functions');
    const r = await FUNCTIONS[fn](event, { localOpenId: roleUser.get('admin') });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(snapshot()).toBe(before);
  });
});

describe.each(ACTIONS)('%s.%s', (fn, action, spec) => {
  it.each(hostileInputs(spec.example))('rejects %s with validation and writes nothing', async (_label, data) => {
    const before = snapshot();
    const r = await env.call(fn, action, data, { as: await callerFor(spec) });
    expect(r.ok ? 'ok' : r.error.code).toBe('validation');
    expect(r.ok ? '' : r.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(snapshot()).toBe(before);
  });

  const denied = typeof spec.access === 'string' ? [] : ROLES.filter((r) => !(spec.access as readonly Role[]).includes(r));
  if (denied.length > 0) {
    it.each(denied)('forbids role %s with auth.forbidden and writes nothing', async (role) => {
      const before = snapshot();
      const r = await env.call(fn, action, spec.example, { as: roleUser.get(role)! });
      expect(r).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
      expect(snapshot()).toBe(before);
    });
  }

  if (spec.access !== 'public') {
    it('asks an anonymous caller to sign in (auth.required)', async () => {
      const before = snapshot();
      const r = await env.call(fn, action, spec.example, { as: null });
      expect(r).toMatchObject({ ok: false, error: { code: 'auth.required' } });
      expect(snapshot()).toBe(before);
    });
  } else {
    it('is open to an anonymous caller', async () => {
      const r = await env.call(fn, action, spec.example, { as: null });
      expect(r.ok ? 'ok' : r.error.code).not.toMatch(/^auth\./);
    });
  }
});
