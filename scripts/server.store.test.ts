/**
 * The local server on the SQLite store: two servers on one data directory sign people up correctly (exactly the
 * places, distinct waiting numbers, persisted), the demo seed runs once by its marker (never because a collection
 * is empty, on both adapters), and a damaged, missing or foreign database stops the server — and `npm start` —
 * with a non-zero exit, without seeding over live data (every kind of damage: core/store/embedded.files.test.ts).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { EmbeddedStore } from '../cloudfunctions/core/store/embedded';
import { makeTestIdNumber } from '../cloudfunctions/testing/harness';
import { startServer } from './server';
import { sessionFromNow, tripFormAt } from '../cloudfunctions/domain/trips/testkit';

const ROOT = path.join(__dirname, '..');

interface Worker {
  child: ChildProcess;
  ready: Promise<{ url?: string; seeded?: boolean; error?: string }>;
  exited: Promise<number | null>;
}

function serverProcess(dataDir: string): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, '__fixtures__', 'server-worker.ts'), dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const ready = new Promise<{ url?: string; seeded?: boolean; error?: string }>((resolve) => lines.once('line', (l) => resolve(JSON.parse(l))));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited };
}

async function post(base: string, fn: string, body: unknown, openid: string | null): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  const res = await fetch(`${base}/api/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-demo-openid': openid } : {}) },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; data?: unknown; error?: { code: string; message: string } };
}

function firstComeTrip(places: number) {
  return tripFormAt(new Date(), { title: '景宁畲乡森林康养（并发）', rules: { audience: 'all', onePerYear: true }, sessions: [sessionFromNow(40, 2, places)] });
}

const FORM = { emergencyName: '李大明', emergencyPhone: '13812345678', emergencyRelation: '配偶', healthDeclared: true, agreed: true };

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'server-store-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('two local servers on one data directory', () => {
  it('seed once, share the secrets, and sign up exactly the places with distinct waiting numbers', async () => {
    const servers = [serverProcess(dir), serverProcess(dir)];
    let sessionId = '';
    try {
      const ready = await Promise.all(servers.map((s) => s.ready));
      expect(ready.map((r) => r.error ?? null)).toEqual([null, null]);
      expect(ready.filter((r) => r.seeded)).toHaveLength(1);
      const [a, b] = ready.map((r) => r.url!);

      const people = 120;
      const places = 40;
      for (let i = 0; i < people; i += 20) {
        await Promise.all(Array.from({ length: 20 }, async (_, k) => {
          const n = i + k;
          const r = await post(n % 2 ? a : b, 'account', { action: 'register', data: { name: '并发测试', phone: `137${String(n).padStart(8, '0')}`, idNumber: makeTestIdNumber(n + 1), orgId: 'gu_jx_hengtong' } }, `mp-${n}`);
          expect(r).toMatchObject({ ok: true });
        }));
      }
      // Registered through one server, known to the other (one ID_HASH_KEY for both).
      expect(await post(b, 'account', { action: 'me', data: {} }, 'mp-1')).toMatchObject({ ok: true });
      const created = await post(a, 'trips', { action: 'createTrip', data: { trip: firstComeTrip(places) }, requestId: 'mp-create-1' }, 'demo-staff-city');
      expect(created).toMatchObject({ ok: true });
      const tripId = (created.data as { tripId: string }).tripId;
      expect(await post(b, 'trips', { action: 'publishTrip', data: { tripId }, requestId: 'mp-publish-1' }, 'demo-staff-city')).toMatchObject({ ok: true });
      sessionId = `${tripId}_s1`;

      const results = await Promise.all(Array.from({ length: people }, (_, n) =>
        post(n % 2 ? b : a, 'trips', { action: 'signUp', data: { tripId, sessionId, form: FORM }, requestId: `mp-signup-${n}` }, `mp-${n}`)));
      const failures = results.filter((r) => !r.ok);
      expect(failures).toEqual([]);
      const statuses = results.map((r) => (r.data as { signup: { status: string } }).signup.status);
      expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(places);
      expect(statuses.filter((s) => s === 'waiting')).toHaveLength(people - places);
    } finally {
      for (const s of servers) s.child.stdin!.end();
      for (const s of servers) expect(await s.exited).toBe(0);
    }

    const store = new EmbeddedStore({ dataDir: dir });
    try {
      expect(await store.get('trip_sessions', sessionId)).toMatchObject({ placesLeft: 0 });
      const signups = await store.find<{ _id: string; status: string; waitNo?: number | null }>('trip_signups', { sessionId }, { limit: 1000 });
      expect(signups).toHaveLength(120);
      expect(signups.filter((x) => x.status === 'confirmed')).toHaveLength(40);
      const numbers = signups.filter((x) => x.status === 'waiting').map((x) => x.waitNo);
      expect(numbers).toHaveLength(80);
      expect(new Set(numbers).size).toBe(80);
      expect(numbers.every((n) => typeof n === 'number')).toBe(true);
      expect(store.check()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 180_000);
});

describe('the demo seed and a damaged store', () => {
  it('seeds once by its marker, and never again — not even when a collection has been emptied', async () => {
    const first = await startServer({ port: 0, dataDir: dir, quiet: true });
    expect(first.seeded).toBe(true);
    const orgs = await first.store.count('orgs', {});
    expect(orgs).toBeGreaterThan(5);
    expect(await first.store.get('system', 'seed')).toMatchObject({ status: 'done' });
    await first.store.remove('orgs', {}, { multi: true });
    await first.close();

    const second = await startServer({ port: 0, dataDir: dir, quiet: true });
    expect(second.seeded).toBe(false);
    expect(await second.store.count('orgs', {})).toBe(0);
    await second.close();
  });

  it('seeds once through the CloudBase adapter and the emulator too', async () => {
    const first = await startServer({ port: 0, dataDir: dir, quiet: true, adapter: 'emulator' });
    expect(first.seeded).toBe(true);
    expect(await first.store.get('system', 'seed')).toMatchObject({ status: 'done' });
    await first.close();
    const second = await startServer({ port: 0, dataDir: dir, quiet: true, adapter: 'emulator' });
    expect(second.seeded).toBe(false);
    await second.close();
  });

  it('refuses to start on a damaged row or a deleted database, and seeds nothing', async () => {
    const first = await startServer({ port: 0, dataDir: dir, quiet: true });
    await first.close();
    const file = path.join(dir, 'store.db');

    const raw = new Database(file);
    // An edit behind the store's back (valid JSON, so SQLite's own index expressions accept it): the checksum catches it.
    raw.prepare(`UPDATE "c:orgs" SET body = json_set(body, '$.name', '篡改') WHERE seq = (SELECT min(seq) FROM "c:orgs")`).run();
    raw.close();
    await expect(startServer({ port: 0, dataDir: dir, quiet: true })).rejects.toMatchObject({ name: 'StoreDamagedError' });
    await expect(startServer({ port: 0, dataDir: dir, quiet: true, adapter: 'emulator' })).rejects.toMatchObject({ name: 'StoreDamagedError' });

    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    await expect(startServer({ port: 0, dataDir: dir, quiet: true })).rejects.toThrow(/store\.db 不见了/);
    expect(fs.existsSync(file)).toBe(false);

    // `npm start` exits non-zero with the message, before building anything.
    const started = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dir, PORT: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toMatch(/无法启动 \/ cannot start[\s\S]*store\.db 不见了[\s\S]*store\.db is missing/);
    expect(fs.existsSync(file)).toBe(false);
  }, 90_000);
});
