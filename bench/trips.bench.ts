/**
 * The sign-up rush benchmark: `npx tsx bench/trips.bench.ts [people] [places]`.
 *
 * Starts the local server on a free loopback port with a temporary data directory (seeded with the demo data),
 * registers `people` workers, publishes a first-come trip with `places` places, then fires every sign-up at once
 * over HTTP and prints throughput and latency percentiles beside the raw write rate of the embedded store
 * (inserts/s into a data directory, as the server persists) and their ratio. A benchmark, not a timed test.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../scripts/server';
import { EmbeddedStore } from '../cloudfunctions/core/store/embedded';
import { sessionFromNow, tripFormAt } from '../cloudfunctions/domain/trips/testkit';

const PEOPLE = Math.min(Math.max(Number(process.argv[2] ?? 1000) || 1000, 10), 5000);
const PLACES = Math.min(Math.max(Number(process.argv[3] ?? 40) || 40, 1), 500);
const RAW_INSERTS = 5000;

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(base: string, fn: string, body: unknown, openid: string | null): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  const url = new URL(`/api/functions/${fn}`, base);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error('the benchmark only talks to loopback');
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...(openid ? { 'x-demo-openid': openid } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Distinct valid resident ID numbers (GB 11643 check digit). */
function idNumber(n: number): string {
  const day = new Date(Date.UTC(1972, 0, 1 + (n % 360)));
  const ymd = `${day.getUTCFullYear()}${String(day.getUTCMonth() + 1).padStart(2, '0')}${String(day.getUTCDate()).padStart(2, '0')}`;
  const body = `330482${ymd}${String(Math.floor(n / 360) % 1000).padStart(3, '0')}`;
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * W[i];
  return body + '10X98765432'[sum % 11];
}

const NAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const nameOf = (n: number) => `${NAMES[n % NAMES.length]}${NAMES[Math.floor(n / NAMES.length) % NAMES.length]}平`;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function rawWriteRate(): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lmgj-bench-raw-'));
  try {
    const store = new EmbeddedStore({ dataDir: dir });
    const started = process.hrtime.bigint();
    for (let i = 0; i < RAW_INSERTS; i++) {
      await store.insert('bench_raw', { _id: `d${i}`, sessionId: 's1', userId: `u${i}`, status: 'confirmed', at: new Date().toISOString() });
    }
    const s = Number(process.hrtime.bigint() - started) / 1e9;
    await store.close();
    return RAW_INSERTS / s;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lmgj-bench-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, quiet: true });
  try {
    console.log(`server ${server.url}, data ${dataDir}, SQLite synchronous=${(process.env.STORE_SYNCHRONOUS ?? 'FULL').toUpperCase()}`);
    console.log(`registering ${PEOPLE} workers …`);
    for (let i = 0; i < PEOPLE; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, PEOPLE - i) }, async (_, k) => {
          const n = i + k;
          const r = await post(server.url, 'account', { action: 'register', data: { name: nameOf(n), phone: `136${String(n).padStart(8, '0')}`, idNumber: idNumber(n), orgId: 'gu_jx_hengtong' } }, `bench-${n}`);
          if (!r.ok) throw new Error(`register ${n}: ${r.error?.code} ${r.error?.message}`);
        }),
      );
    }
    const trip = tripFormAt(new Date(), { title: '景宁畲乡森林康养（压测）', rules: { audience: 'all', onePerYear: true }, sessions: [sessionFromNow(40, 2, PLACES)] });
    const created = await post(server.url, 'trips', { action: 'createTrip', data: { trip }, requestId: 'bench-create-1' }, 'demo-staff-city');
    if (!created.ok) throw new Error(`createTrip: ${created.error?.code} ${created.error?.message}`);
    const tripId = (created.data as { tripId: string }).tripId;
    await post(server.url, 'trips', { action: 'publishTrip', data: { tripId }, requestId: 'bench-publish-1' }, 'demo-staff-city');
    const sessionId = `${tripId}_s1`;

    console.log(`rush: ${PEOPLE} sign-ups at once for ${PLACES} places …`);
    const form = { emergencyName: '李大明', emergencyPhone: '13812345678', emergencyRelation: '配偶', healthDeclared: true, agreed: true };
    const latencies: number[] = [];
    const outcomes = new Map<string, number>();
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: PEOPLE }, async (_, n) => {
        const t0 = process.hrtime.bigint();
        const r = await post(server.url, 'trips', { action: 'signUp', data: { tripId, sessionId, form }, requestId: `bench-signup-${n}` }, `bench-${n}`);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        const key = r.ok ? (r.data as { signup: { status: string } }).signup.status : `error:${r.error?.code}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    latencies.sort((a, b) => a - b);
    const throughput = PEOPLE / seconds;

    const raw = await rawWriteRate();
    const fmt = (v: number) => v.toFixed(1).padStart(9);
    console.log('');
    console.log(`outcomes:            ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`wall time:           ${fmt(seconds * 1000)} ms`);
    console.log(`sign-up throughput:  ${fmt(throughput)} sign-ups/s`);
    console.log(`latency p50:         ${fmt(percentile(latencies, 50))} ms`);
    console.log(`latency p95:         ${fmt(percentile(latencies, 95))} ms`);
    console.log(`latency p99:         ${fmt(percentile(latencies, 99))} ms`);
    console.log(`latency max:         ${fmt(latencies[latencies.length - 1])} ms`);
    console.log(`raw store writes:    ${fmt(raw)} inserts/s (${RAW_INSERTS} inserts into an embedded store on a data directory)`);
    console.log(`ratio:               ${(throughput / raw).toFixed(4)} sign-ups per raw insert (each sign-up is ~8 writes plus reads, the caller lookup and the HTTP round trip)`);
  } finally {
    await server.close();
    agent.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
