/** The demo seed runs once per store, by its marker: one winner when two starts race, a crashed claim is taken over. */
import { EmbeddedStore } from '../../cloudfunctions/core/store/embedded';
import { DEMO_ORGS } from './demo-people';
import { seedDemoOnce } from '.';

const secrets = { idHashKey: 'seed-test-hash-key-0123456789' };
const now = new Date('2026-06-01T02:00:00.000Z');

describe('seedDemoOnce', () => {
  it('seeds exactly once when two starts race on one store', async () => {
    const store = new EmbeddedStore();
    const outcomes = await Promise.all([seedDemoOnce(store, secrets, now, { pollMs: 5 }), seedDemoOnce(store, secrets, now, { pollMs: 5 })]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await store.count('orgs', {})).toBe(DEMO_ORGS.length);
    expect(await store.get('system', 'seed')).toMatchObject({ status: 'done', seededAt: now.toISOString() });
    expect(await seedDemoOnce(store, secrets, now)).toBe(false);
    await store.close();
  });

  it('waits for a start that is seeding, and takes over a claim left by a crashed one', async () => {
    const store = new EmbeddedStore();
    await store.insert('system', { _id: 'seed', status: 'seeding', token: 'other', claimedAtMs: Date.now() });
    const waiting = seedDemoOnce(store, secrets, now, { pollMs: 5 });
    await new Promise((r) => setTimeout(r, 30));
    await store.update('system', { _id: 'seed' }, { $set: { status: 'done' } });
    expect(await waiting).toBe(false);
    expect(await store.count('orgs', {})).toBe(0);

    await store.set('system', { _id: 'seed', status: 'seeding', token: 'crashed', claimedAtMs: Date.now() - 10 * 60_000 });
    expect(await seedDemoOnce(store, secrets, now, { pollMs: 5 })).toBe(true);
    expect(await store.count('orgs', {})).toBe(DEMO_ORGS.length);
    await store.close();
  });
});
