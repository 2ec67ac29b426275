/**
 * Operator tasks on an embedded store's data directory (`npm run db:backup|db:restore|db:check`, scripts/db.ts):
 *
 * - backup: SQLite's online backup of the live database into one file, consistent while servers keep writing;
 *   the copy is checked (integrity, checksums, identity) before it gets its final name.
 * - restore: checks the backup, refuses while any process has the database open (the switch out of WAL mode that
 *   it attempts fails while another connection exists), keeps the current database as
 *   `store.db.before-restore-<time>`, moves the backup into place and points the marker at its identity.
 * - check: integrity_check, every row's checksum and every multikey side table (EmbeddedStore.check).
 */
import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import Database from 'better-sqlite3';
import { EmbeddedStore } from './embedded';
import { DB_FILE, StoreDamagedError, syncDir, writeMarker } from './embedded-files';
import { StoreError } from './port';

export interface DatabaseFileReport {
  id: string | null;
  documents: number;
  problems: string[];
}

function sqlIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Opens a database file on its own and reports its identity, document count and any damage. */
export function inspectDatabaseFile(file: string): DatabaseFileReport {
  const problems: string[] = [];
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (e) {
    return { id: null, documents: 0, problems: [`cannot open: ${e instanceof Error ? e.message : String(e)}`] };
  }
  try {
    problems.push(...(db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((r) => r !== 'ok'));
    const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get() !== undefined;
    const idRow = hasMeta ? (db.prepare("SELECT v FROM meta WHERE k = 'store_id'").get() as { v: unknown } | undefined) : undefined;
    const id = idRow ? String(idRow.v) : null;
    if (!id) problems.push('no store id: not an embedded store database');
    let documents = 0;
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 2) = 'c:'").all() as { name: string }[];
    for (const { name } of tables) {
      for (const row of db.prepare(`SELECT id, body, sum FROM ${sqlIdent(name)}`).iterate() as IterableIterator<{ id: string; body: string; sum: number }>) {
        documents++;
        if (typeof row.body !== 'string' || crc32(row.body) !== row.sum) problems.push(`${name.slice(2)}/${row.id}: checksum mismatch`);
      }
    }
    return { id, documents, problems };
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
    return { id: null, documents: 0, problems };
  } finally {
    db.close();
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** Backs up DATA_DIR's database into `file` (which must not exist yet). Safe while servers run on the directory. */
export async function backupDataDir(dataDir: string, file: string): Promise<DatabaseFileReport & { file: string }> {
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new StoreError('invalid', `备份文件已存在 / the backup file exists already: ${target}`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  const store = new EmbeddedStore({ dataDir });
  try {
    await store.backup(partial);
  } finally {
    await store.close();
  }
  const report = inspectDatabaseFile(partial);
  if (report.problems.length > 0 || report.id !== store.id) {
    fs.rmSync(partial, { force: true });
    throw new StoreError('unavailable', `备份校验失败 / the backup failed its check: ${report.problems.join('; ') || 'identity differs'}`);
  }
  fsyncFile(partial);
  fs.renameSync(partial, target);
  syncDir(path.dirname(target));
  return { ...report, file: target };
}

/**
 * Restores a backup into DATA_DIR. Refuses while a process (a running server) has the database open; the current
 * database and its WAL are kept beside it as `store.db.before-restore-<time>*`.
 */
export function restoreDataDir(dataDir: string, file: string): DatabaseFileReport & { keptAs: string | null } {
  const dir = path.resolve(dataDir);
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new StoreError('invalid', `找不到备份文件 / no such backup file: ${source}`);
  fs.mkdirSync(dir, { recursive: true });
  const dbFile = path.join(dir, DB_FILE);
  const incoming = path.join(dir, `${DB_FILE}.restoring-${process.pid}`);
  fs.copyFileSync(source, incoming);
  fsyncFile(incoming);
  const report = inspectDatabaseFile(incoming);
  if (report.problems.length > 0 || !report.id) {
    fs.rmSync(incoming, { force: true });
    throw new StoreDamagedError(source, [
      `备份文件 ${source} 本身已损坏或不是本系统的数据库，没有恢复：${report.problems.slice(0, 3).join('；')}`,
      `The backup ${source} is damaged or not a store database; nothing was restored: ${report.problems.slice(0, 3).join('; ')}`,
    ].join('\n'));
  }
  let holder: Database.Database | null = null;
  let keptAs: string | null = null;
  try {
    if (fs.existsSync(dbFile)) {
      holder = new Database(dbFile, { fileMustExist: true });
      holder.pragma('busy_timeout = 0');
      const busy = (e: unknown) => ['SQLITE_BUSY', 'SQLITE_LOCKED'].includes(String((e as { code?: unknown }).code));
      let inUse = false;
      try {
        // Leaving WAL mode needs the only connection to the database: it fails while a server has it open.
        inUse = holder.pragma('journal_mode = DELETE', { simple: true }) !== 'delete';
        if (!inUse) holder.exec('BEGIN EXCLUSIVE');
      } catch (e) {
        // A damaged current database (the usual reason to restore) may fail here too: that is no reason to stop.
        inUse = busy(e);
      }
      if (inUse) {
        throw new StoreError('unavailable', [
          `数据库 ${dbFile} 正被另一个进程（运行中的服务）使用：请先停止服务，再恢复。`,
          `The database ${dbFile} is open in another process (a running server): stop the server first, then restore.`,
        ].join('\n'));
      }
    }
    const aside = `${dbFile}.before-restore-${stamp()}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (!fs.existsSync(dbFile + suffix)) continue;
      fs.renameSync(dbFile + suffix, aside + suffix);
      if (suffix === '') keptAs = aside;
    }
    fs.renameSync(incoming, dbFile);
    writeMarker(dir, report.id, new Date().toISOString());
    syncDir(dir);
  } finally {
    fs.rmSync(incoming, { force: true });
    holder?.close();
  }
  return { ...report, keptAs };
}

/** The full check of a data directory's database: the problems found (empty = healthy). */
export async function checkDataDir(dataDir: string): Promise<string[]> {
  const store = new EmbeddedStore({ dataDir });
  try {
    return store.check();
  } finally {
    await store.close();
  }
}
