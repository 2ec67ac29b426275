import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeStoreContract } from './contract';
import { EmbeddedStore } from './embedded';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-contract-'));
}

describeStoreContract('embedded (in memory)', async () => {
  const store = new EmbeddedStore();
  return { store, cleanup: () => store.close() };
});

describeStoreContract('embedded (DATA_DIR)', async () => {
  const dataDir = tempDir();
  const store = new EmbeddedStore({ dataDir });
  return {
    store,
    cleanup: async () => {
      await store.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
});

describe('embedded persistence', () => {
  it('sees every committed write after reopening the data directory', async () => {
    const dataDir = tempDir();
    try {
      const first = new EmbeddedStore({ dataDir });
      await first.insert('users', { _id: 'u1', openid: 'o1', name: '甲' });
      await first.insert('items', { _id: 'gone', v: 0 });
      await first.update('users', { _id: 'u1' }, { $set: { 'profile.city': 'hz' }, $inc: { visits: 2 } });
      await first.set('items', { _id: 'kept', v: 1 });
      await first.remove('items', { _id: 'gone' });
      await first.transaction(async (tx) => {
        await tx.insert('items', { _id: 'tx', v: 2 });
      });
      await first.close();

      const second = new EmbeddedStore({ dataDir });
      expect(await second.get('users', 'u1')).toEqual({ _id: 'u1', openid: 'o1', name: '甲', profile: { city: 'hz' }, visits: 2 });
      expect(await second.find('items', {}, { sort: { _id: 1 } })).toEqual([{ _id: 'kept', v: 1 }, { _id: 'tx', v: 2 }]);
      // The unique index is rebuilt from the log.
      await expect(second.insert('users', { _id: 'u2', openid: 'o1' })).rejects.toMatchObject({ kind: 'duplicate' });
      await second.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('ignores a torn last line after a crash', async () => {
    const dataDir = tempDir();
    try {
      const first = new EmbeddedStore({ dataDir });
      await first.insert('items', { _id: 'ok', v: 1 });
      await first.close();
      fs.appendFileSync(path.join(dataDir, 'items.jsonl'), '{"put":{"_id":"torn"');
      const second = new EmbeddedStore({ dataDir });
      expect(await second.find('items', {})).toEqual([{ _id: 'ok', v: 1 }]);
      // The next write must not be glued onto the torn line (and lost on the next open).
      await second.insert('items', { _id: 'after', v: 2 });
      await second.close();
      const third = new EmbeddedStore({ dataDir });
      expect(await third.find('items', {}, { sort: { _id: 1 } })).toEqual([{ _id: 'after', v: 2 }, { _id: 'ok', v: 1 }]);
      await third.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
