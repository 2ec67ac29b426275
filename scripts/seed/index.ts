/**
 * The demo seed: core data (orgs, people, honours) first, then each feature's own demo data.
 * A feature adds its seed function to FEATURE_SEEDS (one line). Seeding only runs into an empty store.
 */
import type { Store } from '../../cloudfunctions/core/store/port';
import { type SeedContext, seedOrgs, seedPeople } from './core';
import { seedTrips } from './trips';
import { seedGreencard } from './greencard';

export type FeatureSeed = (ctx: SeedContext & { secrets: Record<string, string | undefined> }) => Promise<void>;

export const FEATURE_SEEDS: FeatureSeed[] = [
  seedTrips,
  seedGreencard,
];

export async function isEmpty(store: Store): Promise<boolean> {
  return (await store.count('orgs', {})) === 0;
}

export async function seedDemo(store: Store, secrets: { idHashKey: string; [k: string]: string | undefined }, now = new Date()): Promise<void> {
  const ctx = { store, idHashKey: secrets.idHashKey, now, secrets };
  await seedOrgs(store);
  await seedPeople(ctx);
  for (const seed of FEATURE_SEEDS) await seed(ctx);
}
