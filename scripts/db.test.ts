/**
 * `npm run db:backup|db:restore|db:check`: an online backup taken while another process keeps committing
 * transactions is a consistent database; a restore refuses while the database is open, keeps the previous one and
 * points the marker at the restored identity.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { EmbeddedStore } from '../cloudfunctions/core/store/embedded';
import { runDbCommand } from './db';

const WORKER = path.join(__dirname, '..', 'cloudfunctions', 'core', 'store', '__fixtures__', 'store-worker.ts');

let root: string;
let dataDir: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'db-cmd-'));
  dataDir = path.join(root, 'data');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const run = (args: string[], dir = dataDir) => {
  const out: string[] = [];
  return runDbCommand(args, { DATA_DIR: dir, INIT_CWD: root }, (l) => out.push(l)).then((code) => ({ code, out: out.join('\n') }));
};

async function invariant(dir: string): Promise<{ moves: number }> {
  const store = new EmbeddedStore({ dataDir: dir });
  try {
    const a = (await store.get<{ _id: string; units: number }>('acct', 'a'))!.units;
    const b = (await store.get<{ _id: string; units: number }>('acct', 'b'))!.units;
    const moves = await store.count('moves', {});
    expect(a + b).toBe(100_000);
    expect(b).toBe(moves);
    expect(store.check()).toEqual([]);
    return { moves };
  } finally {
    await store.close();
  }
}

describe('db commands', () => {
  it('backs up while another process writes, and restores the backup', async () => {
    const setup = new EmbeddedStore({ dataDir });
    await setup.insert('acct', { _id: 'a', units: 100_000 });
    await setup.insert('acct', { _id: 'b', units: 0 });
    const id = setup.id;
    await setup.close();

    const writer = spawn(process.execPath, ['--import', 'tsx', WORKER, 'crash', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = readline.createInterface({ input: writer.stdout! })[Symbol.asyncIterator]();
    const exited = new Promise((resolve) => writer.once('exit', resolve));
    try {
      for (let committed = 0; committed < 100;) committed = Number(((await lines.next()).value as string).split(' ')[1]);
      const backup = await run(['backup', 'backups/one.db']);
      expect(backup.code).toBe(0);
      expect(backup.out).toMatch(/已备份 \/ backed up: .* → .*backups\/one\.db/);
      await lines.next(); // still committing after the backup
    } finally {
      writer.kill('SIGKILL');
      await exited;
    }
    const file = path.join(root, 'backups', 'one.db');
    await expect(run(['backup', 'backups/one.db'])).rejects.toThrow(/exists already/);

    // Restore into a fresh directory: a consistent snapshot of the store, with its identity.
    const fresh = path.join(root, 'fresh');
    expect((await run(['restore', file], fresh)).code).toBe(0);
    const { moves } = await invariant(fresh);
    expect(moves).toBeGreaterThanOrEqual(100);
    expect(JSON.parse(fs.readFileSync(path.join(fresh, 'store.json'), 'utf8')).id).toBe(id);

    // Restore over the live directory: refused while a store has it open, then done; the old database is kept.
    const open = new EmbeddedStore({ dataDir });
    await expect(run(['restore', file])).rejects.toThrow(/请先停止服务[\s\S]*stop the server first/);
    await open.close();
    const restored = await run(['restore', file]);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/store\.db\.before-restore-/);
    expect((await invariant(dataDir)).moves).toBe(moves);
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith('store.db.before-restore-'))).toBe(true);
    expect(await run(['check'])).toEqual({ code: 0, out: expect.stringMatching(/数据库完好 \/ the database is healthy/) });
  }, 90_000);

  it('refuses a damaged backup file and prints usage without arguments', async () => {
    const setup = new EmbeddedStore({ dataDir });
    await setup.insert('items', { _id: 'x' });
    await setup.close();
    const bad = path.join(root, 'bad.db');
    fs.writeFileSync(bad, 'not a database at all'.repeat(300));
    await expect(run(['restore', bad])).rejects.toThrow(/备份文件[\s\S]*damaged or not a store database/);
    const store = new EmbeddedStore({ dataDir });
    expect(await store.get('items', 'x')).toEqual({ _id: 'x' });
    await store.close();
    expect((await run([])).code).toBe(2);
    expect((await run(['backup'])).out).toMatch(/usage/);
  });
});
