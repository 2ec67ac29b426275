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
};

export function loadLocalSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): Secrets {
  const file = path.join(dataDir, 'secrets.json');
  let stored: Record<string, string> = {};
  if (fs.existsSync(file)) stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
  let changed = false;
  for (const [name, make] of Object.entries(LOCAL_SECRET_GENERATORS)) {
    if (env[name]) continue;
    if (!stored[name]) {
      stored[name] = make();
      changed = true;
    }
  }
  if (changed) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  const value = (name: string) => env[name] ?? stored[name];
  const secrets: Secrets = { idHashKey: value('ID_HASH_KEY')! };
  for (const name of new Set([...Object.keys(LOCAL_SECRET_GENERATORS), ...Object.keys(env)])) {
    if (name.startsWith('SECRET_') && value(name)) secrets[name] = value(name);
  }
  return secrets;
}
