/**
 * The Store the local server runs on: the embedded adapter in DATA_DIR (default), or — with
 * STORE_ADAPTER=emulator — the production CloudBase adapter talking through the real SDK to the local
 * CloudBase emulator, itself backed by the embedded store in DATA_DIR.
 */
import { EmbeddedStore } from '../cloudfunctions/core/store/embedded';
import type { Store } from '../cloudfunctions/core/store/port';

export type LocalAdapter = 'embedded' | 'emulator';

export async function createLocalStore(opts: { dataDir: string; adapter: LocalAdapter }): Promise<{ store: Store; close(): Promise<void>; describe: string }> {
  const embedded = new EmbeddedStore({ dataDir: opts.dataDir });
  return { store: embedded, close: () => embedded.close(), describe: `embedded store in ${opts.dataDir}` };
}
