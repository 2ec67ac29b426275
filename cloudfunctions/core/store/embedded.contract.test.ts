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
      // The unique index is still enforced after reopening.
      await expect(second.insert('users', { _id: 'u2', openid: 'o1' })).rejects.toMatchObject({ kind: 'duplicate' });
      await second.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a torn database file instead of skipping what it cannot read (every kind of damage: embedded.files.test.ts)', async () => {
    const dataDir = tempDir();
    try {
      const first = new EmbeddedStore({ dataDir });
      for (let i = 0; i < 200; i++) await first.insert('items', { _id: `d${i}`, v: i, pad: 'x'.repeat(500) });
      await first.close();
      const file = path.join(dataDir, 'store.db');
      fs.truncateSync(file, Math.floor(fs.statSync(file).size * 0.6));
      expect(() => new EmbeddedStore({ dataDir })).toThrow(/数据库已损坏[\s\S]*The database is damaged/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
