/**
 * The embedded store's operator commands (data directory: DATA_DIR, default .data):
 *
 *   npm run db:backup -- FILE    online backup into FILE (consistent while the server runs)
 *   npm run db:restore -- FILE   restore FILE into the data directory (stop the server first: it refuses otherwise)
 *   npm run db:check             full check: integrity, every document's checksum, the multikey indexes
 *
 * See README ("数据备份与恢复 / Backup and restore") and docs/decisions/0009-sqlite-embedded-store.md.
 */
import path from 'node:path';
import { backupDataDir, checkDataDir, restoreDataDir } from '../cloudfunctions/core/store/embedded-admin';
import { StoreError } from '../cloudfunctions/core/store/port';

const USAGE = 'usage: npm run db:backup -- FILE | npm run db:restore -- FILE | npm run db:check   (DATA_DIR selects the data directory)';

export async function runDbCommand(argv: string[], env: NodeJS.ProcessEnv = process.env, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const [command, given] = argv;
  // Like npm start, DATA_DIR is relative to the project; FILE is relative to where the command was typed.
  const dataDir = path.resolve(env.DATA_DIR ?? path.join(__dirname, '..', '.data'));
  const file = given ? path.resolve(env.INIT_CWD ?? process.cwd(), given) : null;
  switch (command) {
    case 'backup': {
      if (!file) break;
      const r = await backupDataDir(dataDir, file);
      out(`已备份 / backed up: ${dataDir} → ${r.file} (${r.documents} documents, store ${r.id})`);
      return 0;
    }
    case 'restore': {
      if (!file) break;
      const r = restoreDataDir(dataDir, file);
      out(`已恢复 / restored: ${file} → ${dataDir} (${r.documents} documents, store ${r.id})`);
      if (r.keptAs) out(`原数据库保留在 / the previous database is kept as: ${r.keptAs}`);
      return 0;
    }
    case 'check': {
      const problems = await checkDataDir(dataDir);
      if (problems.length === 0) {
        out(`数据库完好 / the database is healthy: ${dataDir}`);
        return 0;
      }
      out(`发现问题 / problems found in ${dataDir}:`);
      for (const p of problems) out(`  ${p}`);
      return 1;
    }
  }
  out(USAGE);
  return 2;
}

if (require.main === module) {
  runDbCommand(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
    process.stderr.write(`${e instanceof StoreError ? e.message : e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
