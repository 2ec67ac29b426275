/**
 * `npm run cloud:setup -- --env <envId> [--dry-run]`: creates every collection and index of the collections
 * manifest (cloudfunctions/core/store/manifest.ts) in a CloudBase environment with @cloudbase/manager-node.
 * Idempotent: existing collections and indexes (by name) are left alone; nothing is ever dropped.
 *
 * Credentials come from the environment: TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY (and TENCENTCLOUD_SESSIONTOKEN
 * for temporary keys); the env id from --env or TCB_ENV_ID. `--dry-run` prints the plan and touches no network.
 *
 * Note: a CloudBase unique index counts a missing field as null, so (unlike the embedded store, whose unique
 * indexes skip documents without the field) at most one document may lack a uniquely indexed field.
 */
import CloudBase from '@cloudbase/manager-node';
import { COLLECTIONS, type CollectionSpec } from '../cloudfunctions/core/store/manifest';

export interface PlannedIndex {
  IndexName: string;
  MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean };
}

export interface PlannedCollection {
  name: string;
  description: string;
  indexes: PlannedIndex[];
}

/** The slice of manager-node's DatabaseService the setup uses. */
export interface ManagerDatabase {
  createCollectionIfNotExists(name: string): Promise<{ IsCreated: boolean }>;
  checkIndexExists(name: string, indexName: string): Promise<{ Exists: boolean }>;
  updateCollection(name: string, info: { CreateIndexes: PlannedIndex[] }): Promise<unknown>;
}

export function setupPlan(collections: CollectionSpec[] = COLLECTIONS): PlannedCollection[] {
  return collections.map((c) => ({
    name: c.name,
    description: c.description,
    indexes: c.indexes.map((i) => ({
      IndexName: i.name,
      MgoKeySchema: {
        MgoIndexKeys: Object.entries(i.keys).map(([Name, dir]) => ({ Name, Direction: String(dir) })),
        MgoIsUnique: Boolean(i.unique),
      },
    })),
  }));
}

export function describePlan(plan: PlannedCollection[]): string {
  const lines: string[] = [];
  for (const c of plan) {
    lines.push(`collection ${c.name} — ${c.description}`);
    for (const i of c.indexes) {
      const keys = i.MgoKeySchema.MgoIndexKeys.map((k) => `${k.Name}:${k.Direction}`).join(', ');
      lines.push(`  index ${i.IndexName} (${keys})${i.MgoKeySchema.MgoIsUnique ? ' unique' : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}

export async function applyPlan(plan: PlannedCollection[], db: ManagerDatabase, log: (line: string) => void = () => undefined): Promise<void> {
  for (const c of plan) {
    const created = await db.createCollectionIfNotExists(c.name);
    log(`${created.IsCreated ? 'created' : 'exists '} collection ${c.name}`);
    for (const index of c.indexes) {
      if ((await db.checkIndexExists(c.name, index.IndexName)).Exists) {
        log(`exists  index ${c.name}.${index.IndexName}`);
        continue;
      }
      await db.updateCollection(c.name, { CreateIndexes: [index] });
      log(`created index ${c.name}.${index.IndexName}${index.MgoKeySchema.MgoIsUnique ? ' (unique)' : ''}`);
    }
  }
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): { envId: string | null; dryRun: boolean } {
  let envId: string | null = env.TCB_ENV_ID || null;
  let dryRun = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dry-run') dryRun = true;
    else if (a === '--env') envId = argv[++i] ?? null;
    else if (a.startsWith('--env=')) envId = a.slice('--env='.length);
    else throw new Error(`unknown argument ${a}`);
  }
  return { envId, dryRun };
}

async function main(): Promise<void> {
  const { envId, dryRun } = parseArgs(process.argv.slice(2));
  const plan = setupPlan();
  if (dryRun) {
    process.stdout.write(`dry run${envId ? ` for ${envId}` : ''}: nothing is sent\n${describePlan(plan)}`);
    return;
  }
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  if (!envId) throw new Error('give the environment: --env <envId> (or TCB_ENV_ID)');
  if (!secretId || !secretKey) throw new Error('set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY');
  const app = new CloudBase({ secretId, secretKey, token: process.env.TENCENTCLOUD_SESSIONTOKEN, envId });
  await applyPlan(plan, app.database as unknown as ManagerDatabase, (line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`done: ${plan.length} collections in ${envId}\n`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
