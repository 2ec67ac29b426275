/**
 * Green-channel code benchmark: `npx tsx bench/greencard.bench.ts`.
 * Prints per-operation figures for signing a batch of 720 codes (12 hours), verifying one code online
 * (node:crypto, as the function does), offline (@noble/ed25519, as the verify page does), and a short code,
 * plus a full online `greencard.verify` call through the wrapper and the embedded store.
 */
import { randomBytes } from 'node:crypto';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { fromBase64Url, verifyOffline, windowOf, type DirectoryEntry } from '../types/greencard.code';
import { checkSigned, matchShortCode, signBatch } from '../cloudfunctions/domain/greencard/codes';
import { parseSigningKeys, publicKeysOf } from '../cloudfunctions/domain/greencard/keys';
import { createTestEnv } from '../cloudfunctions/testing/harness';

ed.hashes.sha512 = sha512;

interface Figure { name: string; ops: number; ms: number }
const figures: Figure[] = [];

async function measure(name: string, fn: () => unknown | Promise<unknown>, minMs = 1500): Promise<void> {
  for (let i = 0; i < 3; i++) await fn(); // warm up
  let ops = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    await fn();
    ops++;
  }
  const ms = performance.now() - start;
  figures.push({ name, ops, ms });
}

async function main() {
  const secret = JSON.stringify([{ kid: 'bench1', privateKey: randomBytes(32).toString('base64') }]);
  const keys = parseSigningKeys(secret);
  const shortKey = 'bench-short-key';
  const nowMs = Date.now();
  const w = windowOf(nowMs);
  const batch = signBatch(keys[0], shortKey, 'LT000001', w, 720);
  const code = batch[0].c;
  const pub = Object.fromEntries(publicKeysOf(keys).map((k) => [k.kid, fromBase64Url(k.publicKey)!]));
  const directory: Record<string, DirectoryEntry> = {
    LT000001: { cardNo: 'LT000001', status: 'active', nameMasked: '钱*强', honourTitle: '全国劳动模范', birthYear: 1962, validUntilAt: '2099-01-01T00:00:00.000Z' },
  };

  await measure('sign a batch of 720 codes (12 h)', () => signBatch(keys[0], shortKey, 'LT000001', w, 720));
  await measure('verify one code online (node:crypto)', () => checkSigned(code, keys));
  await measure('verify one code offline (@noble/ed25519)', () =>
    verifyOffline(code, { nowMs, keys: pub, directory, verify: (s, m, p) => ed.verify(s, m, p) }));
  await measure('check one short code', () => matchShortCode(shortKey, batch[0].s, nowMs));

  const env = await createTestEnv({ seed: 'demo', now: new Date(nowMs).toISOString(), secrets: { SECRET_GREENCARD_SIGNING_KEYS: secret } });
  const codes = await env.ok<{ codes: { w: number; c: string }[] }>('greencard', 'myCodes', {}, { as: 'demo-model-national' });
  const live = codes.codes[0].c;
  await measure('greencard.myCodes call (780 codes, wrapper + store)', () => env.ok('greencard', 'myCodes', {}, { as: 'demo-model-national' }));
  await measure('greencard.verify call (wrapper + store, repeat visit)', () => env.ok('greencard', 'verify', { code: live }, { as: 'demo-hospital-clerk' }));

  const rows = figures.map((f) => {
    const per = (f.ms * 1000) / f.ops;
    return { operation: f.name, 'ops/s': Math.round((f.ops / f.ms) * 1000).toLocaleString('en-US'), 'µs/op': per < 10 ? per.toFixed(2) : Math.round(per).toLocaleString('en-US') };
  });
  console.table(rows);
  const batchFig = figures[0];
  const perCode = (batchFig.ms * 1000) / batchFig.ops / 720;
  console.log(`per code inside a batch: ${perCode.toFixed(1)} µs; offline/online verify ratio: ${((figures[2].ms / figures[2].ops) / (figures[1].ms / figures[1].ops)).toFixed(1)}×`);
}

void main();
