import { appendOnly } from './append-only';
import { EmbeddedStore } from './embedded';
import { isStoreError } from './port';

describe('the audit trail', () => {
  it('accepts new entries and refuses every change or deletion, in and out of transactions', async () => {
    const raw = new EmbeddedStore();
    const store = appendOnly(raw);
    await store.insert('audit', { _id: 'a1', summary: '实名登记' });
    const refused = [
      store.update('audit', { _id: 'a1' }, { $set: { summary: 'x' } }),
      store.set('audit', { _id: 'a1', summary: 'x' }),
      store.remove('audit', { _id: 'a1' }),
      store.transaction((tx) => tx.update('audit', 'a1', { $set: { summary: 'x' } })),
      store.transaction((tx) => tx.remove('audit', 'a1')),
    ];
    for (const p of refused) {
      const error = await p.then(() => null, (e: unknown) => e);
      expect(isStoreError(error, 'invalid')).toBe(true);
    }
    await store.transaction(async (tx) => tx.insert('audit', { _id: 'a2', summary: '授予角色' }));
    expect((await raw.find('audit', {})).map((d) => d.summary)).toEqual(['实名登记', '授予角色']);
    await store.set('users', { _id: 'u1', name: 'ok' });
    expect(await store.remove('users', { _id: 'u1' })).toBe(1);
  });
});
