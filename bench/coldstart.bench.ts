/**
 * Function cold start: `npx tsx bench/coldstart.bench.ts` (builds the bundles first if they are missing). Measures,
 * as whole processes (the way the platform starts an instance), 7 runs each and the median: an empty Node process,
 * a bare `require('@cloudbase/node-sdk')`, and loading each function's bundle. The budget is a bundle loading in at
 * most half the time of the bare SDK require; the SDK itself is loaded on a call's first use of the platform.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist', 'functions');
const RUNS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeProcess(code: string): number {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    execFileSync(process.execPath, ['-e', code], { cwd: ROOT, env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') }, stdio: 'ignore' });
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(runs);
}

if (!fs.existsSync(DIST)) spawnSync('npm', ['run', 'build:functions'], { cwd: ROOT, stdio: 'inherit' });
const empty = timeProcess('0');
const sdk = timeProcess("require('@cloudbase/node-sdk')");
console.log(`\nCold start, whole process, median of ${RUNS} (ms)\n`);
console.log(`${'process'.padEnd(34)} ${'ms'.padStart(7)} ${'× SDK'.padStart(7)}`);
console.log(`${'empty node'.padEnd(34)} ${empty.toFixed(0).padStart(7)} ${(empty / sdk).toFixed(2).padStart(7)}`);
console.log(`${"require('@cloudbase/node-sdk')".padEnd(34)} ${sdk.toFixed(0).padStart(7)} ${'1.00'.padStart(7)}`);
let over = 0;
for (const name of fs.readdirSync(DIST).sort()) {
  const file = path.join(DIST, name, 'index.js');
  if (!fs.existsSync(file)) continue;
  const ms = timeProcess(`require(${JSON.stringify(file)})`);
  const ratio = ms / sdk;
  if (ratio > 0.5) over++;
  console.log(`${`load ${name} bundle`.padEnd(34)} ${ms.toFixed(0).padStart(7)} ${ratio.toFixed(2).padStart(7)}${ratio > 0.5 ? '  (over the 0.5× budget)' : ''}`);
}
console.log(over ? `\n${over} bundle(s) over budget` : '\nevery bundle within 0.5× of the bare SDK require');
