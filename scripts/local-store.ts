/**
 * The Store the local server runs on: the embedded adapter (SQLite, DATA_DIR/store.db) by default, or — with
 * STORE_ADAPTER=emulator — the production CloudBase adapter talking through the real SDK to the local
 * CloudBase emulator, itself backed by the embedded store in DATA_DIR. Opening fails (StoreDamagedError) when the
 * database is damaged, missing or not this directory's.
 */
import { CloudbaseStore } from '../cloudfunctions/core/store/cloudbase';
import { EmbeddedStore } from '../cloudfunctions/core/store/embedded';
import type { Store } from '../cloudfunctions/core/store/port';
import { keepSdkOffline, startEmulator } from './emulator';

export type LocalAdapter = 'embedded' | 'emulator';

export async function createLocalStore(opts: { dataDir: string; adapter: LocalAdapter }): Promise<{ store: Store; close(): Promise<void>; describe: string }> {
  const embedded = new EmbeddedStore({ dataDir: opts.dataDir });
  if (opts.adapter === 'emulator') {
    // Every function call goes CloudbaseStore → @cloudbase/node-sdk → HTTP → emulator → embedded store.
    keepSdkOffline();
    const emulator = await startEmulator({ port: 0, store: embedded });
    const store = new CloudbaseStore({ env: 'local-emulator', secretId: 'local', secretKey: 'local', serviceUrl: emulator.url });
    return {
      store,
      close: async () => {
        await emulator.close();
        await embedded.close();
      },
      describe: `CloudBase adapter via the real SDK → local emulator ${emulator.url} → embedded SQLite store in ${opts.dataDir}`,
    };
  }
  return { store: embedded, close: () => embedded.close(), describe: `embedded SQLite store in ${opts.dataDir}` };
}
