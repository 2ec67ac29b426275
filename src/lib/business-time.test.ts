/**
 * All date and time display goes through types/time.ts (Asia/Shanghai): no app code reads the device's time zone
 * (getHours, toLocale…, dayjs() formatting) or adds the offset by hand.
 */
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..');
const FORBIDDEN = [/\.get(FullYear|Month|Date|Day|Hours|Minutes)\(/, /\.toLocale(Date|Time)?String\(/, /\bdayjs\(/, /8 \* 3600_?000/, /from 'dayjs'/];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

it('formats and edits dates only with types/time.ts', () => {
  const offenders = files(SRC).flatMap((f) => {
    const text = fs.readFileSync(f, 'utf8');
    return FORBIDDEN.filter((re) => re.test(text)).map((re) => `${path.relative(SRC, f)}: ${re}`);
  });
  expect(offenders).toEqual([]);
});
