/**
 * The embedded store's files under a data directory (ADR 0009):
 *
 *   DATA_DIR/store.db     the SQLite database (with store.db-wal / store.db-shm while it is open)
 *   DATA_DIR/store.json   the identity marker: the id that is also stored inside the database
 *
 * The marker makes a missing or swapped database an error instead of a silent fresh start (which would re-seed
 * demo data over live data). Also here: the operator-facing errors (Chinese + English), the strict one-time import
 * of the old JSON-lines files, and durable small-file writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Doc, StoreError } from './port';

export const DB_FILE = 'store.db';
export const MARKER_FILE = 'store.json';
export const FORMAT = 'laomo-store-sqlite';
export const FORMAT_VERSION = 1;

export interface StoreMarker {
  format: string;
  version: number;
  id: string;
  database: string;
  createdAt: string;
}

/** The database cannot be used safely: damaged, missing, or not this directory's. The server must not start. */
export class StoreDamagedError extends StoreError {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super('unavailable', message);
    this.name = 'StoreDamagedError';
  }
}

export function isStoreDamaged(e: unknown): e is StoreDamagedError {
  return e instanceof StoreDamagedError;
}

const RESTORE_HINT_ZH = '请停止服务，用备份恢复：npm run db:restore -- 备份文件（见 README“数据备份与恢复”）。';
const RESTORE_HINT_EN = 'Stop the server and restore a backup: npm run db:restore -- BACKUP_FILE (README, "Backup and restore").';

export function damagedError(file: string, detailZh: string, detailEn: string): StoreDamagedError {
  return new StoreDamagedError(file, [
    `数据库已损坏，不能继续使用：${file}（${detailZh}）。${RESTORE_HINT_ZH}`,
    `The database is damaged and will not be served: ${file} (${detailEn}). ${RESTORE_HINT_EN}`,
  ].join('\n'));
}

export function missingDatabaseError(dir: string): StoreDamagedError {
  const file = path.join(dir, DB_FILE);
  return new StoreDamagedError(file, [
    `数据目录 ${dir} 里有存储标记 ${MARKER_FILE}，但数据库文件 ${DB_FILE} 不见了，服务不会启动（以免在空库上重新写入演示数据）。`
      + `${RESTORE_HINT_ZH}如果确实要从空数据重新开始，请删除整个数据目录。`,
    `The data directory ${dir} has its marker ${MARKER_FILE} but the database ${DB_FILE} is missing; refusing to start `
      + `(an empty database would be re-seeded with demo data). ${RESTORE_HINT_EN} To really start over, delete the whole data directory.`,
  ].join('\n'));
}

export function foreignDatabaseError(dir: string, expected: string, found: string | null): StoreDamagedError {
  const file = path.join(dir, DB_FILE);
  return new StoreDamagedError(file, [
    `${file} 不是这个数据目录的数据库：标记 ${MARKER_FILE} 记的是 ${expected}，数据库里是 ${found ?? '（没有标识，可能是空文件或被替换）'}。`
      + `服务不会启动。${RESTORE_HINT_ZH}`,
    `${file} is not this data directory's database: ${MARKER_FILE} names ${expected}, the database holds ${found ?? '(no id: empty or replaced)'}. `
      + `Refusing to start. ${RESTORE_HINT_EN}`,
  ].join('\n'));
}

export function nativeModuleError(cause: unknown): StoreError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new StoreError('unavailable', [
    `嵌入式数据库模块 better-sqlite3 无法加载（${detail}）。请在项目目录运行 npm rebuild better-sqlite3（需要编译，约一两分钟）。`,
    `The embedded database module better-sqlite3 cannot be loaded (${detail}). Run npm rebuild better-sqlite3 in the project (a native build, a minute or two).`,
  ].join('\n'));
}

/** Writes a small file so that it is either the old or the new content after a crash, and durable once this returns. */
export function writeFileDurably(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w', 0o644);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncDir(path.dirname(file));
}

export function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some file systems refuse to fsync a directory; the rename is still atomic.
  }
}

export function readMarker(dir: string): StoreMarker | null {
  const file = path.join(dir, MARKER_FILE);
  if (!fs.existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    parsed = null;
  }
  const m = parsed as Partial<StoreMarker> | null;
  if (!m || m.format !== FORMAT || typeof m.id !== 'string' || !m.id) {
    throw new StoreDamagedError(file, [
      `存储标记 ${file} 无法读取或格式不对，服务不会启动。请从备份恢复这个文件，或删除它（数据库本身完好时会按数据库里的标识重新生成）。`,
      `The store marker ${file} is unreadable or not ours; refusing to start. Restore it, or delete it (it is rewritten from the database's own id when the database is intact).`,
    ].join('\n'));
  }
  return m as StoreMarker;
}

export function writeMarker(dir: string, id: string, createdAt: string): void {
  const marker: StoreMarker = { format: FORMAT, version: FORMAT_VERSION, id, database: DB_FILE, createdAt };
  writeFileDurably(path.join(dir, MARKER_FILE), JSON.stringify(marker, null, 2) + '\n');
}

/** The old engine's files (`<collection>.jsonl`), if a data directory still has them. */
export function legacyJsonlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /^[a-z][a-z0-9_]{0,40}\.jsonl$/i.test(f)).sort();
}

/**
 * Reads the old JSON-lines logs strictly: every line must be a `{"put":doc}` or `{"del":id}` entry. A garbage
 * or torn line is an error naming the file and line (the old engine skipped such lines silently).
 */
export function readLegacyJsonl(dir: string): Map<string, Doc[]> {
  const out = new Map<string, Doc[]>();
  for (const name of legacyJsonlFiles(dir)) {
    const file = path.join(dir, name);
    const docs = new Map<string, Doc>();
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    lines.forEach((line, i) => {
      let entry: unknown;
      try {
        entry = JSON.parse(line);
      } catch {
        entry = null;
      }
      const e = entry as { put?: Doc; del?: unknown } | null;
      if (e && e.put && typeof e.put === 'object' && typeof e.put._id === 'string') docs.set(e.put._id, e.put);
      else if (e && typeof e.del === 'string') docs.delete(e.del);
      else {
        throw new StoreDamagedError(file, [
          `旧数据文件 ${file} 第 ${i + 1} 行无法读取，没有导入任何数据。请检查这一行（崩溃时写了一半的最后一行可以删掉），然后重新启动。`,
          `The old data file ${file} has an unreadable line ${i + 1}; nothing was imported. Inspect that line (a half-written last line from a crash may be deleted) and start again.`,
        ].join('\n'));
      }
    });
    out.set(name.replace(/\.jsonl$/, ''), [...docs.values()]);
  }
  return out;
}

/** After a successful import the old files move to DATA_DIR/legacy-jsonl/ (kept, never read again). */
export function retireLegacyJsonl(dir: string): string {
  const target = path.join(dir, 'legacy-jsonl');
  fs.mkdirSync(target, { recursive: true });
  for (const name of legacyJsonlFiles(dir)) fs.renameSync(path.join(dir, name), path.join(target, name));
  syncDir(dir);
  return target;
}
