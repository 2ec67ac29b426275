/**
 * Secrets for local runs. Production reads them from the functions' environment variables; locally they are
 * taken from the environment when set, otherwise generated once into DATA_DIR/secrets.json (never committed).
 * A feature that needs a secret adds a generator to LOCAL_SECRET_GENERATORS.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Secrets } from '../cloudfunctions/core/runtime';

export const LOCAL_SECRET_GENERATORS: Record<string, () => string> = {
  ID_HASH_KEY: () => randomBytes(32).toString('base64url'),
  // Green-channel code signing: one local Ed25519 key (production lists its keys in the function configuration).
  SECRET_GREENCARD_SIGNING_KEYS: () => JSON.stringify([{ kid: 'local1', privateKey: randomBytes(32).toString('base64') }]),
  // Signs the local server's expiring file links (production links are CloudBase temporary URLs).
  SECRET_SHARED_FILE_LINK_KEY: () => randomBytes(32).toString('base64url'),
};

/** Runs `fn` holding an exclusive lock file (two servers starting at once on one data directory). */
function withLockFile<T>(lock: string, fn: () => T): T {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      fs.closeSync(fs.openSync(lock, 'wx'));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const age = (() => {
        try {
          return Date.now() - fs.statSync(lock).mtimeMs;
        } catch {
          return 0;
        }
      })();
      if (age > 10_000 || Date.now() > deadline) fs.rmSync(lock, { force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

export function loadLocalSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): Secrets {
  const file = path.join(dataDir, 'secrets.json');
  const read = (): Record<string, string> => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string> : {});
  let stored = read();
  const missing = Object.keys(LOCAL_SECRET_GENERATORS).filter((name) => !env[name] && !stored[name]);
  if (missing.length > 0) {
    fs.mkdirSync(dataDir, { recursive: true });
    // Generated once, under a lock and re-read inside it: two servers starting together must not pick two keys.
    stored = withLockFile(`${file}.lock`, () => {
      const current = read();
      let changed = false;
      for (const name of missing) {
        if (current[name]) continue;
        current[name] = LOCAL_SECRET_GENERATORS[name]();
        changed = true;
      }
      if (changed) {
        const tmp = `${file}.tmp-${process.pid}`;
        fs.writeFileSync(tmp, JSON.stringify(current, null, 2), { mode: 0o600 });
        fs.renameSync(tmp, file);
      }
      return current;
    });
  }
  const value = (name: string) => env[name] ?? stored[name];
  const secrets: Secrets = { idHashKey: value('ID_HASH_KEY')! };
  for (const name of new Set([...Object.keys(LOCAL_SECRET_GENERATORS), ...Object.keys(env)])) {
    if (name.startsWith('SECRET_') && value(name)) secrets[name] = value(name);
  }
  return secrets;
}
