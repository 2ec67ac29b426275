/**
 * A feature is registered in several places (docs/adding-a-feature.md); this fails when a feature is in some of them
 * but not all: the registry and its errors, its entry and the local function list, the collections it uses in the
 * manifest, the deployment manifest, its subpackage of pages, its home tile and its demo seed. Features that have no
 * pages, tile or seed of their own are listed here with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FUNCTIONS } from '../cloudfunctions/functions';
import { COLLECTIONS } from '../cloudfunctions/core/store/manifest';
import { ERRORS, FUNCTION_NAMES, registry } from '../types/registry';

const ROOT = path.resolve(__dirname, '..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');

/** Functions without pages of their own, and why. */
const NO_PAGES: Record<string, string> = {
  files: 'the file service is used from the pages of the features that attach files',
};
/** Functions without a home tile, and why. */
const NO_TILE: Record<string, string> = {
  account: 'identity: the 我的 tab',
  staff: 'the staff workbench tile, shown to staff',
  files: 'no pages',
  notices: 'the message centre: the badge on the 我的 tab and the home page',
};
/** Functions without a feature seed, and why. */
const NO_SEED: Record<string, string> = {
  account: 'people and orgs come from the core seed',
  staff: 'the honour registry comes from the core seed',
  files: 'files are uploaded, never seeded',
  notices: 'notices are written by the seeded records’ own changes',
};

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}

/** Collection names the server code uses: `C = { … }` tables, exported constants, and literal names in store calls. */
const STORE_CALL = String.raw`(?:store|tx)\.(?:get|find|count|insert|set|update|remove|updateAndGet)(?:<[^>]*>)?\(\s*`;

function collectionsUsed(): Map<string, string> {
  const used = new Map<string, string>();
  const files = walk(path.join(ROOT, 'cloudfunctions')).filter((f) => !/[\\/](testing|core[\\/]store)[\\/]/.test(f));
  const texts = files.map((file) => ({ rel: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8') }));
  const everything = texts.map((t) => t.text).join('\n');
  for (const { rel, text } of texts) {
    const table = /export const C = \{([^}]*)\}/.exec(text);
    if (table) for (const m of table[1].matchAll(/:\s*'([a-z_]+)'/g)) used.set(m[1], rel);
    // A named constant counts when some store call takes it (a file-owner kind or an org id is not a collection).
    for (const m of text.matchAll(/export const ([A-Z_]+) = '([a-z_]+)';/g)) {
      if (new RegExp(STORE_CALL + m[1] + '\\b').test(everything)) used.set(m[2], rel);
    }
    for (const m of text.matchAll(new RegExp(STORE_CALL + "'([a-z_]+)'", 'g'))) used.set(m[1], rel);
  }
  return used;
}

describe('every feature is registered in every place', () => {
  const appConfig = read('src/app.config.ts');
  const tiles = read('src/pages/home/tiles.ts');
  const seeds = read('scripts/seed/index.ts');
  const cloudbaserc = JSON.parse(read('cloudbaserc.json')) as { functions: { name: string }[] };

  it.each(FUNCTION_NAMES)('%s', (fn) => {
    const missing: string[] = [];
    if (!fs.existsSync(path.join(ROOT, 'types', `${fn}.schema.ts`))) missing.push(`types/${fn}.schema.ts`);
    const schema = fs.existsSync(path.join(ROOT, 'types', `${fn}.schema.ts`)) ? read(`types/${fn}.schema.ts`) : '';
    const errorsTable = new RegExp(`defineErrors\\('${fn}'`).test(schema);
    if (errorsTable && !Object.keys(ERRORS).some((c) => c.startsWith(`${fn}.`))) missing.push(`its errors in ERRORS (types/registry.ts)`);
    if (!fs.existsSync(path.join(ROOT, 'cloudfunctions', fn, 'index.ts'))) missing.push(`cloudfunctions/${fn}/index.ts`);
    if (!(fn in FUNCTIONS)) missing.push('cloudfunctions/functions.ts');
    if (!cloudbaserc.functions.some((f) => f.name === fn)) missing.push('cloudbaserc.json (npx tsx scripts/deploy-config.ts --write)');
    if (!NO_PAGES[fn] && !appConfig.includes(`root: 'pkg-${fn}'`)) missing.push(`src/app.config.ts subpackage pkg-${fn}`);
    if (!NO_TILE[fn] && !new RegExp(`key: '${fn}'`).test(tiles)) missing.push('its home tile in src/pages/home/tiles.ts');
    if (!NO_SEED[fn] && !(fs.existsSync(path.join(ROOT, 'scripts', 'seed', `${fn}.ts`)) && new RegExp(`seed${fn[0].toUpperCase()}${fn.slice(1)}\\b`).test(seeds))) {
      missing.push(`scripts/seed/${fn}.ts in FEATURE_SEEDS`);
    }
    expect({ fn, missing }).toEqual({ fn, missing: [] });
  });

  it('the registry has an entry for every function folder, and the reverse', () => {
    const folders = fs.readdirSync(path.join(ROOT, 'cloudfunctions'), { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(ROOT, 'cloudfunctions', e.name, 'index.ts')))
      .map((e) => e.name)
      .sort();
    expect(folders).toEqual([...Object.keys(registry)].sort());
  });

  it('every collection the server code uses is in the manifest (with its indexes)', () => {
    const declared = new Set(COLLECTIONS.map((c) => c.name));
    const undeclared = [...collectionsUsed()].filter(([name]) => !declared.has(name)).map(([name, file]) => `${name} (${file})`);
    expect(undeclared).toEqual([]);
  });

  it('every page the server links to (notices, to-dos, tiles) is a page of the app', () => {
    const appConfig = read('src/app.config.ts');
    const pages = new Set<string>();
    for (const m of appConfig.matchAll(/root: '([^']+)', pages: \[([^\]]*)\]/g)) for (const p of m[2].matchAll(/'([^']+)'/g)) pages.add(`/${m[1]}/${p[1]}`);
    for (const m of appConfig.matchAll(/'(pages\/[^']+)'/g)) pages.add(`/${m[1]}`);
    const missing: string[] = [];
    for (const file of [...walk(path.join(ROOT, 'cloudfunctions')), path.join(ROOT, 'src/pages/home/tiles.ts')].filter((f) => !f.endsWith('.test.ts'))) {
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/['`](\/(?:pkg-[a-z]+|pages)\/[a-z-]+\/index)/g)) {
        if (!pages.has(m[1])) missing.push(`${m[1]} (${path.relative(ROOT, file)})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
