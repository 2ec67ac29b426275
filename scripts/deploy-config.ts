/**
 * cloudbaserc.json, derived from the registry: one entry per deployable function (`cloudfunctions/<name>/index.ts`
 * whose name is a key of `registry` in types/registry.ts), built into dist/functions/<name> by build:functions.
 *
 * Secrets are function environment variables given as `{{env.NAME}}` placeholders, which the CloudBase CLI fills
 * from the deploying shell's environment (or a .env file that is never committed). Least privilege: every function
 * gets ID_HASH_KEY; a `SECRET_<FEATURE>_…` variable goes only to the function named <feature> (lower-cased),
 * and to every function when no function has that name.
 *
 *   tsx scripts/deploy-config.ts          # checks cloudbaserc.json (exit 1 when stale)
 *   tsx scripts/deploy-config.ts --write  # rewrites it
 */
import fs from 'node:fs';
import path from 'node:path';
import { FUNCTION_TIMEOUT_SECONDS, type ActionSpec } from '../types/contract';
import { FUNCTION_NAMES, registry } from '../types/registry';
import { LOCAL_SECRET_GENERATORS } from './local-secrets';

export const ROOT = path.resolve(__dirname, '..');
export const CLOUDBASERC = path.join(ROOT, 'cloudbaserc.json');

/**
 * Nodejs18.15: CloudBase offers 16.13, 18.15 and 20.19 for event functions; 16 is past end of life, and 18 gives the
 * functions structuredClone, fetch and the ES2022 features the bundles are built for (esbuild target node18).
 */
export const RUNTIME = 'Nodejs18.15';
export const NODE_TARGET = 'node18';

export interface FunctionConfig {
  name: string;
  runtime: string;
  handler: string;
  timeout: number;
  memorySize: number;
  installDependency: boolean;
  envVariables: Record<string, string>;
  triggers?: { name: string; type: 'timer'; config: string }[];
}

export interface CloudbaseRc {
  version: string;
  envId: string;
  functionRoot: string;
  functions: FunctionConfig[];
}

/**
 * WeChat open APIs the functions call through CloudBase (云调用). Every function may send the subscribe messages its
 * changes wrote (the prompt send after a change, core/sender.ts), so each declares the permission in the
 * `config.json` beside its bundle (`permissions.openapi`), which deploying uploads with it.
 */
export const OPENAPI_PERMISSIONS = ['subscribeMessage.send'] as const;

export function functionConfigJson(): { permissions: { openapi: string[] } } {
  return { permissions: { openapi: [...OPENAPI_PERMISSIONS] } };
}

/** The registry's functions that have an entry folder. */
export function deployableFunctions(root: string = ROOT, names: readonly string[] = FUNCTION_NAMES): string[] {
  return names.filter((n) => fs.existsSync(path.join(root, 'cloudfunctions', n, 'index.ts'))).sort();
}

export function secretNamesFor(fn: string, allFunctions: readonly string[], secretNames: readonly string[] = Object.keys(LOCAL_SECRET_GENERATORS)): string[] {
  const out = new Set<string>(['ID_HASH_KEY']);
  for (const name of secretNames) {
    if (!name.startsWith('SECRET_')) continue;
    const owner = allFunctions.find((f) => name.startsWith(`SECRET_${f.toUpperCase()}_`));
    if (!owner || owner === fn) out.add(name);
  }
  return [...out].sort();
}

/** Timer triggers declared in the registry (`timer` on an action): the trigger is named after the action. */
export function timerTriggers(fn: string): { name: string; type: 'timer'; config: string }[] {
  const actions = (registry as unknown as Record<string, Record<string, ActionSpec>>)[fn] ?? {};
  return Object.entries(actions)
    .filter(([, spec]) => spec.timer)
    .map(([action, spec]) => ({ name: action, type: 'timer' as const, config: spec.timer! }));
}

export function expectedCloudbaserc(functions: readonly string[] = deployableFunctions()): CloudbaseRc {
  return {
    version: '2.0',
    envId: '{{env.TCB_ENV_ID}}',
    functionRoot: './dist/functions',
    functions: functions.map((name) => ({
      name,
      runtime: RUNTIME,
      handler: 'index.main',
      timeout: FUNCTION_TIMEOUT_SECONDS,
      memorySize: 256,
      installDependency: true,
      envVariables: Object.fromEntries(secretNamesFor(name, functions).map((s) => [s, `{{env.${s}}}`])),
      ...(timerTriggers(name).length > 0 ? { triggers: timerTriggers(name) } : {}),
    })),
  };
}

export function renderCloudbaserc(rc: CloudbaseRc = expectedCloudbaserc()): string {
  return JSON.stringify(rc, null, 2) + '\n';
}

if (require.main === module) {
  const want = renderCloudbaserc();
  const have = fs.existsSync(CLOUDBASERC) ? fs.readFileSync(CLOUDBASERC, 'utf8') : '';
  if (process.argv.includes('--write')) {
    fs.writeFileSync(CLOUDBASERC, want);
    process.stdout.write(`wrote ${path.relative(process.cwd(), CLOUDBASERC)} (${expectedCloudbaserc().functions.length} functions)\n`);
  } else if (have !== want) {
    process.stderr.write('cloudbaserc.json is stale: run `tsx scripts/deploy-config.ts --write`\n');
    process.exit(1);
  } else {
    process.stdout.write('cloudbaserc.json is up to date\n');
  }
}
