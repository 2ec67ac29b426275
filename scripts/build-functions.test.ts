/**
 * The production build: every registry function is bundled, exports `main`, leaves out the embedded adapter
 * (better-sqlite3) and mingo, pins the SDK, and — run in a fresh Node process the way CloudBase runs it — reaches the database through
 * the real SDK (here redirected to the local emulator with the platform's own TCB_CONTEXT_CNFG URL override).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { EmbeddedStore } from '../cloudfunctions/core/store/embedded';
import { FUNCTION_NAMES } from '../types/registry';
import { build } from 'esbuild';
import { buildFunctions, type BuiltFunction, EXTERNAL, forbiddenInputs } from './build-functions';
import { deployableFunctions, ROOT } from './deploy-config';
import { startEmulator } from './emulator';

const run = promisify(execFile);

let outDir: string;
let built: BuiltFunction[];

beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'functions-build-'));
  built = await buildFunctions({ outDir });
}, 120_000);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('build:functions', () => {
  it('builds every registry function that has an entry folder', () => {
    expect(built.map((b) => b.name).sort()).toEqual(deployableFunctions());
    for (const name of FUNCTION_NAMES) {
      if (fs.existsSync(path.join(ROOT, 'cloudfunctions', name, 'index.ts'))) expect(built.map((b) => b.name)).toContain(name);
    }
  });

  it('exports main, keeps local-only code out and pins the SDK', () => {
    const sdkVersion = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@cloudbase/node-sdk/package.json'), 'utf8')) as { version: string }).version;
    const excelVersion = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/exceljs/package.json'), 'utf8')) as { version: string }).version;
    for (const b of built) {
      expect(b.exportsMain).toBe(true);
      expect(b.forbidden).toEqual([]);
      const text = fs.readFileSync(b.file, 'utf8');
      expect(text).not.toMatch(/EmbeddedStore|jsonl|better-sqlite3|better_sqlite3/);
      expect(text).toMatch(/require\("@cloudbase\/node-sdk"\)/);
      const pkg = JSON.parse(fs.readFileSync(path.join(outDir, b.name, 'package.json'), 'utf8')) as Record<string, unknown>;
      // The SDK always; the spreadsheet library only where an import or export loads it (kept out of the bundle).
      const excel = /import\("exceljs"\)|require\("exceljs"\)/.test(text) ? { exceljs: excelVersion } : {};
      expect(pkg).toEqual({ name: b.name, version: '1.0.0', private: true, main: 'index.js', dependencies: { '@cloudbase/node-sdk': sdkVersion, ...excel } });
      expect(text).not.toMatch(/ExcelJS\.Workbook|xlsx\/workbook/);
    }
  });

  it('would catch the embedded store and SQLite leaking into a bundle', async () => {
    const result = await build({
      entryPoints: [path.join(ROOT, 'cloudfunctions', 'core', 'store', 'embedded.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: EXTERNAL,
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
    const leaked = forbiddenInputs(result.metafile);
    expect(leaked).toEqual(expect.arrayContaining([
      expect.stringMatching(/cloudfunctions\/core\/store\/embedded\.ts$/),
      expect.stringMatching(/cloudfunctions\/core\/store\/sqlite-query\.ts$/),
      expect.stringMatching(/node_modules\/better-sqlite3\//),
    ]));
  });

  it('runs a bundled function through the real SDK', async () => {
    const requests: string[] = [];
    const emulator = await startEmulator({ port: 0, store: new EmbeddedStore(), onRequest: (r) => requests.push(String(r.body.action)) });
    try {
      const bundle = path.join(outDir, 'account', 'index.js');
      const script = `require(process.argv[1]).main({ action: 'listOrgs', data: { parentId: null } }, { environment: JSON.stringify({ WX_OPENID: 'oSmoke' }) })
        .then((r) => process.stdout.write(JSON.stringify(r)))`;
      const { stdout } = await run(process.execPath, ['-e', script, bundle], {
        env: {
          PATH: process.env.PATH,
          NODE_PATH: path.join(ROOT, 'node_modules'),
          TENCENTCLOUD: 'true',
          TCB_ENV: 'smoke-env',
          TCB_CONTEXT_CNFG: JSON.stringify({ URL: emulator.url }),
          TENCENTCLOUD_SECRETID: 'smoke-id',
          TENCENTCLOUD_SECRETKEY: 'smoke-key',
          ID_HASH_KEY: 'smoke-hash-key-0123456789',
        },
      });
      const result = JSON.parse(stdout.slice(stdout.indexOf('{"ok"'))) as { ok: boolean; data?: { orgs: unknown[] } };
      expect(result).toEqual({ ok: true, data: { orgs: [] } });
      expect(requests).toContain('database.getDocument');
    } finally {
      await emulator.close();
    }
  });
});
