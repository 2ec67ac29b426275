/**
 * `npm run build:functions`: bundles every deployable function (see scripts/deploy-config.ts) with esbuild into
 * dist/functions/<name>/index.js (CommonJS, exporting `main`, platform node, target node18 for the Nodejs18.15
 * runtime) plus a package.json whose dependencies pin what stays external: `@cloudbase/node-sdk`, at exactly the
 * version the tests ran against (CloudBase installs it on deploy: `installDependency: true`).
 *
 * Production entries reach the Store only through platform/production → the CloudBase adapter, so the embedded
 * adapter (SQLite through the native better-sqlite3) and mingo never enter a bundle; the build fails if they do.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { deployableFunctions, NODE_TARGET, ROOT } from './deploy-config';

/**
 * Packages left out of the bundles and installed with the function (its package.json pins them): the SDK, which
 * the platform provides for, and the spreadsheet library, which only the import and export actions load — kept out
 * so that loading a bundle does not parse a megabyte no call needs (the cold-start budget, bench/coldstart.bench.ts).
 */
export const EXTERNAL = ['@cloudbase/node-sdk', 'exceljs'];
/**
 * zod's namespace re-exports every locale it ships (about 250 KB): the functions answer in their own Chinese messages
 * and use only the default locale, so the re-export is replaced by an empty module (cold-start budget).
 */
const WITHOUT_ZOD_LOCALES: Plugin = {
  name: 'without-zod-locales',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => (/[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** Inputs that must never reach a production bundle. */
export const FORBIDDEN_INPUTS = [
  /cloudfunctions\/core\/store\/(embedded[^/]*|sqlite-query)\.ts$/,
  /node_modules\/(better-sqlite3|bindings|mingo)\//,
  /scripts\//,
  /cloudfunctions\/testing\//,
];

/** The inputs of a bundle that must never reach production (the embedded store, SQLite, mingo, scripts, tests). */
export function forbiddenInputs(meta: Metafile): string[] {
  return Object.keys(meta.inputs).filter((i) => FORBIDDEN_INPUTS.some((re) => re.test(i)));
}

export interface BuiltFunction {
  name: string;
  file: string;
  bytes: number;
  /** Whether requiring the bundle (with the external SDK resolvable) yields a `main` function. */
  exportsMain: boolean;
  forbidden: string[];
}

/** Loads the bundle in a fresh Node process, as the platform would, and checks it exports `main`. */
export function bundleExportsMain(file: string): boolean {
  try {
    execFileSync(process.execPath, ['-e', 'process.exit(typeof require(process.argv[1]).main === "function" ? 0 : 3)', file], {
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), TENCENTCLOUD: 'true' },
      stdio: 'pipe',
    });
    return true;
  } catch {
    return false;
  }
}

function pinnedVersion(pkg: string): string {
  const file = path.join(ROOT, 'node_modules', pkg, 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

export async function buildFunctions(options: { outDir?: string; names?: string[] } = {}): Promise<BuiltFunction[]> {
  const outDir = options.outDir ?? path.join(ROOT, 'dist', 'functions');
  const names = options.names ?? deployableFunctions();
  const built: BuiltFunction[] = [];
  for (const name of names) {
    const dir = path.join(outDir, name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'index.js');
    const result = await build({
      entryPoints: [path.join(ROOT, 'cloudfunctions', name, 'index.ts')],
      outfile: file,
      bundle: true,
      platform: 'node',
      target: NODE_TARGET,
      format: 'cjs',
      external: EXTERNAL,
      metafile: true,
      legalComments: 'none',
      logLevel: 'warning',
      minify: true,
      keepNames: false,
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [WITHOUT_ZOD_LOCALES],
    });
    const meta: Metafile = result.metafile;
    const forbidden = forbiddenInputs(meta);
    // Only the external packages this bundle actually requires go into its package.json.
    const used = new Set(Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
    const dependencies = Object.fromEntries(EXTERNAL.filter((p) => p === '@cloudbase/node-sdk' || used.has(p)).map((p) => [p, pinnedVersion(p)]));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
      name,
      version: '1.0.0',
      private: true,
      main: 'index.js',
      dependencies,
    }, null, 2) + '\n');
    built.push({ name, file, bytes: fs.statSync(file).size, exportsMain: bundleExportsMain(file), forbidden });
  }
  return built;
}

if (require.main === module) {
  buildFunctions().then((built) => {
    let failed = false;
    for (const b of built) {
      process.stdout.write(`${b.name.padEnd(12)} ${(b.bytes / 1024).toFixed(1).padStart(8)} KiB  ${path.relative(process.cwd(), b.file)}\n`);
      if (!b.exportsMain) {
        process.stderr.write(`  ${b.name}: the bundle does not export main\n`);
        failed = true;
      }
      if (b.forbidden.length) {
        process.stderr.write(`  ${b.name}: bundles local-only code: ${b.forbidden.join(', ')}\n`);
        failed = true;
      }
    }
    if (built.length === 0) {
      process.stderr.write('no deployable functions found\n');
      failed = true;
    }
    process.exit(failed ? 1 : 0);
  }, (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
