/**
 * Damage is detected, never served: a row edited to garbage, a corrupted page, a truncated file, a deleted or
 * swapped database — each either reads back exactly what was written or refuses to open with an operator message
 * (Chinese and English, naming the file). And the old JSON-lines files are imported once, strictly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { EmbeddedStore } from './embedded';
import { DB_FILE, MARKER_FILE, isStoreDamaged } from './embedded-files';
import type { Doc } from './port';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-files-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const dbFile = () => path.join(dir, DB_FILE);

async function fill(count = 300): Promise<Doc[]> {
  const store = new EmbeddedStore({ dataDir: dir });
  const docs: Doc[] = [];
  for (let i = 0; i < count; i += 50) {
    await store.transaction(async (tx) => {
      for (let k = i; k < Math.min(count, i + 50); k++) {
        const doc: Doc = { _id: `d${k}`, n: k, text: `第${k}条记录 `.repeat(20), openid: `o${k}` };
        docs.push(doc);
        await tx.insert(k % 2 ? 'users' : 'items', doc);
      }
    });
  }
  await store.close();
  return docs;
}

/** Opening either fails with the operator's damage error, or gives back every document exactly. */
async function refusedOrIntact(docs: Doc[]): Promise<'refused' | 'intact'> {
  let store: EmbeddedStore;
  try {
    store = new EmbeddedStore({ dataDir: dir });
  } catch (e) {
    expect(isStoreDamaged(e)).toBe(true);
    expect((e as Error).message).toContain(dir);
    expect((e as Error).message).toMatch(/[\u4e00-\u9fff]/);
    expect((e as Error).message).toMatch(/damaged|missing|not this data directory/);
    return 'refused';
  }
  try {
    for (const d of docs) expect(await store.get(Number(d.n) % 2 ? 'users' : 'items', d._id)).toEqual(d);
    expect(store.check()).toEqual([]);
  } finally {
    await store.close();
  }
  return 'intact';
}

describe('embedded store on a data directory', () => {
  it('writes the identity marker beside the database and keeps its id', async () => {
    const first = new EmbeddedStore({ dataDir: dir });
    await first.insert('items', { _id: 'a' });
    const id = first.id;
    await first.close();
    const marker = JSON.parse(fs.readFileSync(path.join(dir, MARKER_FILE), 'utf8')) as { id: string; database: string };
    expect(marker).toMatchObject({ id, database: DB_FILE });
    const again = new EmbeddedStore({ dataDir: dir });
    expect(again.id).toBe(id);
    await again.close();
    // A lost marker is rewritten from the database's own id (nothing is lost, nothing is re-created).
    fs.rmSync(path.join(dir, MARKER_FILE));
    const third = new EmbeddedStore({ dataDir: dir });
    expect(third.id).toBe(id);
    expect(await third.get('items', 'a')).toEqual({ _id: 'a' });
    await third.close();
    expect(JSON.parse(fs.readFileSync(path.join(dir, MARKER_FILE), 'utf8')).id).toBe(id);
  });

  it('refuses a row edited to garbage, at open and on every read', async () => {
    await fill(20);
    const open = new EmbeddedStore({ dataDir: dir });
    const raw = new Database(dbFile());
    raw.prepare(`UPDATE "c:items" SET body = ? WHERE id = 'd4'`).run('{"_id":"d4","n":4,"text":"garbage');
    raw.close();
    // A store that is already open (another process did the damage) reports it instead of serving the row.
    await expect(open.get('items', 'd4')).rejects.toMatchObject({ name: 'StoreDamagedError', message: expect.stringContaining('d4') });
    await expect(open.find('items', { n: { $gte: 0 } })).rejects.toMatchObject({ name: 'StoreDamagedError' });
    expect(await open.get('items', 'd6')).toMatchObject({ n: 6 });
    await open.close();
    let error: unknown = null;
    try {
      new EmbeddedStore({ dataDir: dir });
    } catch (e) {
      error = e;
    }
    expect(isStoreDamaged(error)).toBe(true);
    expect((error as Error).message).toMatch(/数据库已损坏.*store\.db.*items.*d4/);
    expect((error as Error).message).toMatch(/The database is damaged.*restore a backup/);
  });

  it('refuses a corrupted page (or reads back exactly what was written)', async () => {
    const docs = await fill();
    const size = fs.statSync(dbFile()).size;
    expect(size).toBeGreaterThan(40 * 4096);
    const fd = fs.openSync(dbFile(), 'r+');
    // Damage one page that holds documents (found with SQLite's dbstat table: which page holds them depends on the
    // manifest's tables and indexes).
    const raw = new Database(dbFile(), { readonly: true });
    const { pageno } = raw.prepare(`SELECT pageno FROM dbstat WHERE name = 'c:items' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 2`).get() as { pageno: number };
    raw.close();
    fs.writeSync(fd, Buffer.alloc(3000, 0xa5), 0, 3000, (pageno - 1) * 4096 + 500);
    fs.closeSync(fd);
    expect(await refusedOrIntact(docs)).toBe('refused');
  });

  it('refuses a torn (truncated) database file and does not start over', async () => {
    const docs = await fill();
    const size = fs.statSync(dbFile()).size;
    fs.truncateSync(dbFile(), Math.floor(size / 2));
    expect(await refusedOrIntact(docs)).toBe('refused');
    fs.truncateSync(dbFile(), 0);
    expect(await refusedOrIntact(docs)).toBe('refused');
    // Nothing was written into the damaged file.
    expect(fs.statSync(dbFile()).size).toBe(0);
  });

  it('refuses to start when the database file is deleted but its marker is there, and creates nothing', async () => {
    await fill(10);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile() + suffix, { force: true });
    expect(() => new EmbeddedStore({ dataDir: dir })).toThrow(/store\.db 不见了[\s\S]*store\.db is missing/);
    expect(fs.existsSync(dbFile())).toBe(false);
  });

  it('refuses a database that belongs to another data directory', async () => {
    await fill(10);
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-other-'));
    try {
      const foreign = new EmbeddedStore({ dataDir: other });
      await foreign.insert('items', { _id: 'foreign' });
      await foreign.close();
      fs.copyFileSync(path.join(other, DB_FILE), dbFile());
      expect(() => new EmbeddedStore({ dataDir: dir })).toThrow(/不是这个数据目录的数据库[\s\S]*is not this data directory's database/);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('refuses an unreadable marker', () => {
    fs.writeFileSync(path.join(dir, MARKER_FILE), '{ nope');
    expect(() => new EmbeddedStore({ dataDir: dir })).toThrow(/store\.json/);
  });

  it('imports the old JSON-lines files once, marks the store seeded and moves them aside', async () => {
    fs.writeFileSync(path.join(dir, 'orgs.jsonl'), [
      JSON.stringify({ put: { _id: 'org_a', name: '甲', path: ['org_a'] } }),
      JSON.stringify({ put: { _id: 'org_b', name: '乙', path: ['org_a', 'org_b'] } }),
      JSON.stringify({ put: { _id: 'org_a', name: '甲（改）', path: ['org_a'] } }),
      JSON.stringify({ del: 'org_b' }),
    ].join('\n') + '\n');
    fs.writeFileSync(path.join(dir, 'users.jsonl'), JSON.stringify({ put: { _id: 'u1', openid: 'o1', orgPath: ['org_a'] } }) + '\n');
    const store = new EmbeddedStore({ dataDir: dir });
    expect(await store.find('orgs', {})).toEqual([{ _id: 'org_a', name: '甲（改）', path: ['org_a'] }]);
    expect(await store.find('users', { orgPath: 'org_a' })).toEqual([{ _id: 'u1', openid: 'o1', orgPath: ['org_a'] }]);
    expect(await store.get('system', 'seed')).toMatchObject({ status: 'done', source: 'jsonl-import' });
    await store.close();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl'))).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'legacy-jsonl')).sort()).toEqual(['orgs.jsonl', 'users.jsonl']);
  });

  it('refuses to import a JSON-lines file with a garbage line, and imports nothing', () => {
    fs.writeFileSync(path.join(dir, 'trip_sessions.jsonl'), [
      JSON.stringify({ put: { _id: 's1', placesLeft: 40 } }),
      'garbage',
      JSON.stringify({ put: { _id: 's1', placesLeft: 39 } }),
    ].join('\n') + '\n');
    expect(() => new EmbeddedStore({ dataDir: dir })).toThrow(/trip_sessions\.jsonl 第 2 行[\s\S]*line 2/);
    expect(fs.existsSync(dbFile())).toBe(false);
    expect(fs.existsSync(path.join(dir, MARKER_FILE))).toBe(false);
  });
});
