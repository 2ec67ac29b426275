/**
 * The same Store contract, run against CloudbaseStore → the real @cloudbase/node-sdk → the local emulator
 * (scripts/emulator) → an EmbeddedStore. Nothing leaves 127.0.0.1.
 */
import { keepSdkOffline, startEmulator } from '../../../scripts/emulator';
import { CloudbaseStore } from './cloudbase';
import { describeStoreContract } from './contract';
import { EmbeddedStore } from './embedded';

keepSdkOffline();

let env = 0;

describeStoreContract('cloudbase (SDK → emulator → embedded)', async () => {
  const emulator = await startEmulator({ port: 0, store: new EmbeddedStore() });
  // A distinct env per store keeps the SDK's per-config connection cache from mixing emulators.
  const store = new CloudbaseStore({ env: `contract-${++env}`, secretId: 'local', secretKey: 'local', serviceUrl: emulator.url });
  return { store, cleanup: () => emulator.close() };
});
