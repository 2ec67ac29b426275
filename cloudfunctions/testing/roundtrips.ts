/**
 * Counting store round trips per action through the production adapter: CloudbaseStore → the real SDK → the local
 * emulator, which sees every request. On CloudBase each round trip is milliseconds of the person's wait at the
 * moment a rush opens, so hot actions have budgets (cloudfunctions/roundtrips.test.ts; bench/roundtrips.bench.ts).
 * Counted on a warm instance: the action runs once before the counted call.
 */
import { keepSdkOffline, startEmulator } from '../../scripts/emulator';
import { CloudbaseStore } from '../core/store/cloudbase';
import { EmbeddedStore } from '../core/store/embedded';
import { createTestEnv, type TestEnv } from './harness';

/** What each hot action may cost, counted as requests the emulator receives. */
export const ROUND_TRIP_BUDGETS = {
  'trips.signUp (a place)': 8,
  'greencard.verify': 4,
  // The caller and their honours (org names are cached); the message centre's badge is its own call (notices.unread).
  'account.me': 2,
  /**
   * Caller, request record, the draft (if any), the slot per aid kind, the case, its audit entry and notice, settling
   * the request — and the notice's prompt send: 3 for a filer without a subscription (the notice, one read of
   * `notice_subscriptions` and one conditional update to `inbox`; it was 8 before that path, 16 in all).
   */
  'hardship.file': 11,
  /**
   * Caller, request record, wish, the volunteer's quota, the move, its audit entry and notice (one union staff member
   * told; each further person told — a second staff member, the household when it has an account — adds one insert),
   * the handover contact, settling the request. The claim does not send its notices itself
   * (`move(…, { prompt: false })`): the sender's timer does within a minute. Sending them promptly cost 8 more per
   * notice (17 in all), 3 with the sender's no-subscription path (one read, one conditional update) — see ADR 0014.
   */
  'wishes.claim': 9,
} as const;

export interface Counter {
  env: TestEnv;
  /** Requests made while `work` runs. */
  count(work: () => Promise<unknown>): Promise<number>;
  close(): Promise<void>;
}

export async function roundTripCounter(secrets: Record<string, string> = {}): Promise<Counter> {
  keepSdkOffline();
  let requests = 0;
  const raw = new EmbeddedStore();
  const emulator = await startEmulator({ port: 0, store: raw, onRequest: (r) => { requests++; if (process.env.ROUNDTRIPS_DEBUG) console.log(JSON.stringify(r.body).slice(0, 400)); } });
  const store = new CloudbaseStore({ env: 'roundtrips', secretId: 'local', secretKey: 'local', serviceUrl: emulator.url, timeout: 60_000 });
  const env = await createTestEnv({ store, secrets });
  return {
    env,
    async count(work) {
      const before = requests;
      await work();
      return requests - before;
    },
    close: () => emulator.close(),
  };
}
