/**
 * Prints build sizes after `taro build`:
 *   tsx scripts/report-sizes.ts weapp   main package (dist/weapp less the subpackage roots) and each pkg-* subpackage
 *   tsx scripts/report-sizes.ts h5      the whole dist/h5
 * Limits: the main package at most 400 KB (our budget: it is what every person downloads before the first page;
 * WeChat allows 2 MB), each subpackage at most WeChat's 2 MB. Exits 1 when a limit is passed.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MAIN_LIMIT = 400 * 1024;
const SUBPACKAGE_LIMIT = 2 * 1024 * 1024;
const root = join(__dirname, '..', 'dist');

function folderSize(dir: string, skip: (name: string) => boolean = () => false): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderSize(path) : statSync(path).size;
  }
  return total;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function reportWeapp(): boolean {
  const dir = join(root, 'weapp');
  const packages = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.startsWith('pkg-'))
    .map((e) => e.name)
    .sort();
  const main = folderSize(dir, (name) => packages.includes(name));
  let ok = main <= MAIN_LIMIT;
  console.log(`weapp main package: ${kb(main)}${main > MAIN_LIMIT ? '  (over the 400 KB budget: keep validation and feature code in subpackages)' : ''}`);
  let total = main;
  for (const name of packages) {
    const size = folderSize(join(dir, name));
    total += size;
    if (size > SUBPACKAGE_LIMIT) ok = false;
    console.log(`weapp subpackage ${name}: ${kb(size)}${size > SUBPACKAGE_LIMIT ? '  (over the 2 MB limit)' : ''}`);
  }
  console.log(`weapp total: ${kb(total)}`);
  return ok;
}

function reportH5(): boolean {
  const dir = join(root, 'h5');
  const js = existsSync(join(dir, 'js')) ? folderSize(join(dir, 'js')) : 0;
  const css = existsSync(join(dir, 'css')) ? folderSize(join(dir, 'css')) : 0;
  console.log(`h5 total: ${kb(folderSize(dir))} (js ${kb(js)}, css ${kb(css)})`);
  return true;
}

const target = process.argv[2];
if (target !== 'weapp' && target !== 'h5') {
  console.error('usage: tsx scripts/report-sizes.ts weapp|h5');
  process.exit(2);
}
if (!existsSync(join(root, target))) {
  console.error(`dist/${target} does not exist: build it first`);
  process.exit(2);
}
process.exit((target === 'weapp' ? reportWeapp() : reportH5()) ? 0 : 1);
