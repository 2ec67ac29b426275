import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudbaseStore } from '../cloudfunctions/core/store/cloudbase';
import { EmbeddedStore } from '../cloudfunctions/core/store/embedded';
import { createLocalStore } from './local-store';

describe('createLocalStore', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-store-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('emulator: runs through the CloudBase adapter and keeps the data in DATA_DIR', async () => {
    const local = await createLocalStore({ dataDir, adapter: 'emulator' });
    expect(local.store).toBeInstanceOf(CloudbaseStore);
    expect(local.describe).toMatch(/emulator http:\/\/127\.0\.0\.1:\d+\/admin/);
    await local.store.insert('users', { _id: 'u1', openid: 'o1' });
    await expect(local.store.insert('users', { _id: 'u2', openid: 'o1' })).rejects.toMatchObject({ kind: 'duplicate' });
    await local.close();

    const reopened = await createLocalStore({ dataDir, adapter: 'embedded' });
    expect(reopened.store).toBeInstanceOf(EmbeddedStore);
    expect(await reopened.store.get('users', 'u1')).toEqual({ _id: 'u1', openid: 'o1' });
    await reopened.close();
  });
});
