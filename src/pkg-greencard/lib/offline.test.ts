/** The app's offline pieces with an in-memory Taro storage: the holder's cached batch and the desk's offline check. */
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import type { CodeItem, VerifierSyncOutput } from '../../../types/greencard.schema';
import { CODE_VERSION, encodeCode, encodePayload, signedMessage, toBase64Url, windowOf, windowStart } from '../../../types/greencard.code';

const storage = new Map<string, unknown>();
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    getStorageSync: (k: string) => (storage.has(k) ? JSON.parse(JSON.stringify(storage.get(k))) : ''),
    setStorageSync: (k: string, v: unknown) => storage.set(k, v),
    removeStorageSync: (k: string) => storage.delete(k),
  },
}));

// Imported after the mock.
import { codeAt, loadCardCache, needsRefill, pruned, saveCardCache, windowsLeft } from './card-cache';
import { checkOffline, enqueueVisit, loadQueue } from './verifier-cache';

ed.hashes.sha512 = sha512;
const secret = ed.utils.randomSecretKey();
const pub = ed.getPublicKey(secret);
const sign = (cardNo: string, w: number) => {
  const payload = encodePayload({ v: CODE_VERSION, window: w, kid: 'k1', cardNo });
  return encodeCode(payload, ed.sign(signedMessage(payload), secret));
};
const T0 = Date.parse('2026-06-01T02:00:10.000Z');
const W0 = windowOf(T0);
const batch: CodeItem[] = Array.from({ length: 780 }, (_, i) => ({ w: W0 + i, c: sign('LT000009', W0 + i), s: `000009${String(i).padStart(4, '0')}` }));

beforeEach(() => storage.clear());

describe('holder cache', () => {
  const view = { card: null, eligibility: { eligible: false, issuerOrgId: null, issuerOrgName: null, honourTitle: null, reasons: [] }, hospitals: [], serverNow: '' };

  it('shows the code of the current minute for 13 hours, then nothing', () => {
    saveCardCache({ cardNo: 'LT000009', view, codes: batch, syncedAt: new Date(T0).toISOString() });
    const cache = loadCardCache();
    expect(codeAt(cache, T0)?.w).toBe(W0);
    expect(codeAt(cache, T0 + 12 * 3600_000)?.w).toBe(W0 + 720);
    expect(codeAt(cache, windowStart(W0 + 780))).toBeNull();
    expect(windowsLeft(cache, T0)).toBe(780);
  });

  it('refills when another card is shown or fewer than 11 hours are left', () => {
    const cache = { cardNo: 'LT000009', view, codes: batch, syncedAt: '' };
    expect(needsRefill(null, 'LT000009', T0)).toBe(true);
    expect(needsRefill(cache, 'LT000010', T0)).toBe(true);
    expect(needsRefill(cache, 'LT000009', T0 + 60 * 60_000)).toBe(false);
    expect(needsRefill(cache, 'LT000009', T0 + 3 * 3600_000)).toBe(true);
    expect(pruned(batch, T0 + 10 * 60_000)[0].w).toBe(W0 + 8);
  });
});

describe('desk offline check', () => {
  const sync: VerifierSyncOutput = {
    hospital: { id: 'hosp_jx2', name: '嘉兴市第二医院', address: '', desk: '', phone: '', hours: '', priorities: ['registration'] },
    keys: [{ kid: 'k1', publicKey: toBase64Url(pub) }],
    cards: [
      { cardNo: 'LT000009', status: 'active', nameMasked: '许*华', honourTitle: '全国五一劳动奖章', birthYear: 1968, validUntilAt: '2029-01-01T00:00:00.000Z' },
      { cardNo: 'LT000010', status: 'revoked', nameMasked: '王*明', honourTitle: '全国劳动模范', birthYear: 1960, validUntilAt: '2029-01-01T00:00:00.000Z' },
    ],
    syncedAt: new Date(T0).toISOString(),
  };

  it('accepts a current code, refuses a screenshot, a revoked card and an unknown one', () => {
    expect(checkOffline(sync, batch[0].c, T0)).toMatchObject({ verdict: 'valid', card: { nameMasked: '许*华' } });
    expect(checkOffline(sync, batch[0].c, T0 + 2 * 60_000).verdict).toBe('expired_code');
    expect(checkOffline(sync, sign('LT000010', W0), T0).verdict).toBe('revoked');
    expect(checkOffline(sync, sign('LT000011', W0), T0).verdict).toBe('unknown_card');
    expect(checkOffline({ ...sync, keys: [] }, batch[0].c, T0).verdict).toBe('forged');
  });

  it('queues a visit once per code', () => {
    const r = checkOffline(sync, batch[0].c, T0);
    enqueueVisit(r, batch[0].c, 'hosp_jx2', new Date(T0).toISOString());
    enqueueVisit(r, batch[0].c, 'hosp_jx2', new Date(T0 + 5000).toISOString());
    expect(loadQueue()).toEqual([{ id: `v_LT000009_${W0}_hosp_jx2`, code: batch[0].c, checkedAt: new Date(T0).toISOString() }]);
  });
});
