import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { COLLECTIONS } from '../cloudfunctions/core/store/manifest';
import { applyPlan, describePlan, type ManagerDatabase, type PlannedIndex, parseArgs, setupPlan } from './cloud-setup';

describe('cloud:setup', () => {
  it('plans every collection and index of the manifest, with unique flags', () => {
    const plan = setupPlan();
    expect(plan.map((c) => c.name)).toEqual(COLLECTIONS.map((c) => c.name));
    for (const spec of COLLECTIONS) {
      const planned = plan.find((c) => c.name === spec.name)!;
      expect(planned.indexes.map((i) => i.IndexName)).toEqual(spec.indexes.map((i) => i.name));
      for (const index of spec.indexes) {
        const p = planned.indexes.find((i) => i.IndexName === index.name)!;
        expect(p.MgoKeySchema.MgoIsUnique).toBe(Boolean(index.unique));
        expect(p.MgoKeySchema.MgoIndexKeys).toEqual(Object.entries(index.keys).map(([Name, d]) => ({ Name, Direction: String(d) })));
      }
    }
    expect(plan.find((c) => c.name === 'users')?.indexes.find((i) => i.IndexName === 'openid_unique')?.MgoKeySchema.MgoIsUnique).toBe(true);
  });

  it('prints the plan in a dry run without credentials or network', () => {
    const out = execFileSync(process.execPath, [path.join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(__dirname, 'cloud-setup.ts'), '--dry-run', '--env', 'demo-env'], {
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
    });
    expect(out).toBe(`dry run for demo-env: nothing is sent\n${describePlan(setupPlan())}`);
    for (const c of COLLECTIONS) expect(out).toContain(`collection ${c.name}`);
    expect(out).toContain('index openid_unique (openid:1) unique');
  });

  it('creates missing collections and indexes only', async () => {
    const calls: string[] = [];
    const existing = new Set(['users']);
    const existingIndexes = new Set(['users.org']);
    const db: ManagerDatabase = {
      createCollectionIfNotExists: async (name) => {
        calls.push(`collection ${name}`);
        const IsCreated = !existing.has(name);
        existing.add(name);
        return { IsCreated };
      },
      checkIndexExists: async (name, index) => ({ Exists: existingIndexes.has(`${name}.${index}`) }),
      updateCollection: async (name, info: { CreateIndexes: PlannedIndex[] }) => {
        for (const i of info.CreateIndexes) calls.push(`index ${name}.${i.IndexName}${i.MgoKeySchema.MgoIsUnique ? ' unique' : ''}`);
        return {};
      },
    };
    await applyPlan(setupPlan(), db);
    expect(calls).toContain('collection users');
    expect(calls).toContain('index users.openid_unique unique');
    expect(calls).not.toContain('index users.org');
    const expectedIndexes = COLLECTIONS.flatMap((c) => c.indexes.map((i) => `${c.name}.${i.name}`)).filter((k) => k !== 'users.org');
    expect(calls.filter((c) => c.startsWith('index '))).toHaveLength(expectedIndexes.length);
  });

  it('reads --env, --env= and TCB_ENV_ID', () => {
    expect(parseArgs(['--env', 'a'])).toEqual({ envId: 'a', dryRun: false });
    expect(parseArgs(['--env=b', '--dry-run'])).toEqual({ envId: 'b', dryRun: true });
    expect(parseArgs([], { TCB_ENV_ID: 'c' } as unknown as NodeJS.ProcessEnv)).toEqual({ envId: 'c', dryRun: false });
    expect(() => parseArgs(['--nope'])).toThrow(/unknown argument/);
  });
});
