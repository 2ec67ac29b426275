/**
 * The demo seed: core data (orgs, people, honours) first, then each feature's own demo data.
 * A feature adds its seed function to FEATURE_SEEDS (one line).
 *
 * The local server seeds through `seedDemoOnce`: only when the marker document `system/seed` says the store was
 * never seeded — never because some collection happens to be empty (a lost or emptied collection must not bring
 * demo data back over live data).
 */
import { randomBytes } from 'node:crypto';
import { SEED_MARKER_ID, SYSTEM_COLLECTION } from '../../cloudfunctions/core/store/manifest';
import { type Store, isStoreError } from '../../cloudfunctions/core/store/port';
import { type SeedContext, seedOrgs, seedPeople } from './core';
import { seedTrips } from './trips';
import { seedGreencard } from './greencard';
import { seedHardship } from './hardship';
import { seedWishes } from './wishes';

export type FeatureSeed = (ctx: SeedContext & { secrets: Record<string, string | undefined> }) => Promise<void>;

export const FEATURE_SEEDS: FeatureSeed[] = [
  seedTrips,
  seedGreencard,
  seedHardship,
  // After the hardship seed: households it archived are kept as they are.
  seedWishes,
];


export async function seedDemo(store: Store, secrets: { idHashKey: string; [k: string]: string | undefined }, now = new Date()): Promise<void> {
  const ctx = { store, idHashKey: secrets.idHashKey, now, secrets };
  await seedOrgs(store);
  await seedPeople(ctx);
  for (const seed of FEATURE_SEEDS) await seed(ctx);
}

interface SeedMarker {
  _id: string;
  status: 'seeding' | 'done';
  token: string;
  /** Wall-clock milliseconds of the claim (a claim left by a crashed start is taken over once stale). */
  claimedAtMs: number;
  seededAt?: string;
  source?: string;
}

export interface SeedOnceOptions {
  /** How long a claim by another process may stay unfinished before this one takes over (default 60 s). */
  staleMs?: number;
  pollMs?: number;
}

/**
 * Seeds the demo data unless the store's seed marker says it was seeded (or holds imported live data). The marker is
 * claimed first with an insert, so of two servers starting at once on one data directory exactly one seeds; the
 * other waits for it to finish. Answers whether this call seeded.
 */
export async function seedDemoOnce(
  store: Store,
  secrets: { idHashKey: string; [k: string]: string | undefined },
  now = new Date(),
  options: SeedOnceOptions = {},
): Promise<boolean> {
  const staleMs = options.staleMs ?? 60_000;
  const token = randomBytes(8).toString('hex');
  const claim: SeedMarker = { _id: SEED_MARKER_ID, status: 'seeding', token, claimedAtMs: Date.now() };
  let owned = false;
  try {
    await store.insert(SYSTEM_COLLECTION, claim);
    owned = true;
  } catch (e) {
    if (!isStoreError(e, 'duplicate')) throw e;
  }
  while (!owned) {
    const marker = await store.get<SeedMarker>(SYSTEM_COLLECTION, SEED_MARKER_ID);
    if (!marker) {
      try {
        await store.insert(SYSTEM_COLLECTION, { ...claim, claimedAtMs: Date.now() });
        owned = true;
      } catch (e) {
        if (!isStoreError(e, 'duplicate')) throw e;
      }
      continue;
    }
    if (marker.status !== 'seeding') return false;
    if (Date.now() - marker.claimedAtMs > staleMs) {
      // The claimer died while seeding (the seed only sets documents, so running it again is safe).
      const took = await store.update(SYSTEM_COLLECTION, { _id: SEED_MARKER_ID, status: 'seeding', token: marker.token }, { $set: { token, claimedAtMs: Date.now() } });
      owned = took.matched === 1;
      continue;
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 200));
  }
  await seedDemo(store, secrets, now);
  await store.update(SYSTEM_COLLECTION, { _id: SEED_MARKER_ID, token }, { $set: { status: 'done', seededAt: now.toISOString() } });
  return true;
}
