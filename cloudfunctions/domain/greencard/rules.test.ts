/** Pure rules: code format, windows and clock edges, signatures (node and noble), short codes, eligibility, state machine. */
import { randomBytes } from 'node:crypto';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import {
  BATCH_WINDOWS,
  GRACE_AFTER_MS,
  SKEW_BEFORE_MS,
  WINDOW_MS,
  acceptableWindows,
  checkWindow,
  decodeCode,
  fromBase64Url,
  parseShortCode,
  toBase64Url,
  verifyOffline,
  windowOf,
  windowStart,
  type DirectoryEntry,
} from '../../../types/greencard.code';
import { checkSigned, matchShortCode, shortCodeOf, signBatch, signCode } from './codes';
import { parseSigningKeys, publicKeysOf } from './keys';
import {
  DEFAULT_TITLES,
  eligibilityOf,
  endInstant,
  nextStatus,
  periodEnd,
  renewedUntil,
  validityOf,
  type HonourLike,
  type PolicyRule,
} from './rules';

ed.hashes.sha512 = sha512;

const seed = () => randomBytes(32).toString('base64');
const KEYS = parseSigningKeys(JSON.stringify([{ kid: 'k2026b', privateKey: seed() }, { kid: 'k2026a', privateKey: seed() }]));
const OTHER = parseSigningKeys(JSON.stringify([{ kid: 'k2026b', privateKey: seed() }]));
const SHORT_KEY = 'short-key-for-tests';
const T0 = Date.parse('2026-06-01T02:00:20.000Z');
const W0 = windowOf(T0);

const nobleVerify = (sig: Uint8Array, msg: Uint8Array, pub: Uint8Array) => ed.verify(sig, msg, pub);
const pubKeys = Object.fromEntries(publicKeysOf(KEYS).map((k) => [k.kid, fromBase64Url(k.publicKey)!]));
const entry = (over: Partial<DirectoryEntry> = {}): DirectoryEntry => ({
  cardNo: 'LT000007', status: 'active', nameMasked: '钱*强', honourTitle: '全国劳动模范', birthYear: 1962,
  validUntilAt: '2029-01-01T00:00:00.000Z', ...over,
});

describe('code format', () => {
  it('round-trips a signed code and keeps it short enough for a small QR code', () => {
    const code = signCode(KEYS[0], 'LT000007', W0);
    expect(code.startsWith('GC1.')).toBe(true);
    expect(code.length).toBeLessThan(140);
    const d = decodeCode(code);
    expect(d).toMatchObject({ ok: true, payload: { v: 1, window: W0, kid: 'k2026b', cardNo: 'LT000007' } });
    expect(checkSigned(code, KEYS)).toEqual({ ok: true, cardNo: 'LT000007', window: W0 });
  });

  it('base64url round-trips every length and rejects non-canonical text', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = new Uint8Array(randomBytes(n));
      expect(Array.from(fromBase64Url(toBase64Url(bytes))!)).toEqual(Array.from(bytes));
      expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
    }
    expect(fromBase64Url('A')).toBeNull();
    expect(fromBase64Url('AB')).toBeNull(); // trailing bits set
    expect(fromBase64Url('a+b/')).toBeNull();
  });

  it('tells "not a green-channel code" from a forged or altered one', () => {
    expect(checkSigned('https://example.com/x', KEYS)).toEqual({ ok: false, verdict: 'not_greencard' });
    expect(checkSigned('医保电子凭证', KEYS)).toEqual({ ok: false, verdict: 'not_greencard' });
    expect(checkSigned('GC1.', KEYS)).toEqual({ ok: false, verdict: 'forged' });
    expect(checkSigned('GC1.!!!!', KEYS)).toEqual({ ok: false, verdict: 'forged' });
    // Signed by a key we never configured, under a kid we do know.
    expect(checkSigned(signCode(OTHER[0], 'LT000007', W0), KEYS)).toEqual({ ok: false, verdict: 'forged' });
  });

  it('every single-character alteration of a real code is rejected', () => {
    const code = signCode(KEYS[0], 'LT000007', W0);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (let i = 4; i < code.length; i++) {
      const c = alphabet[(alphabet.indexOf(code[i]) + 17) % 64];
      const altered = code.slice(0, i) + c + code.slice(i + 1);
      expect(checkSigned(altered, KEYS).ok).toBe(false);
    }
  });

  it('a re-encoded payload with another card number or window does not verify', () => {
    const d = decodeCode(signCode(KEYS[0], 'LT000007', W0));
    if (!d.ok) throw new Error('decode');
    const other = decodeCode(signCode(KEYS[0], 'LT000008', W0 + 5));
    if (!other.ok) throw new Error('decode');
    // Graft the first code's signature onto the second payload.
    const raw = fromBase64Url(signCode(KEYS[0], 'LT000008', W0 + 5).slice(4))!;
    raw.set(d.signature, raw.length - 64);
    expect(checkSigned('GC1.' + toBase64Url(raw), KEYS)).toEqual({ ok: false, verdict: 'forged' });
  });

  it('old keys still verify after rotation; a removed key does not', () => {
    const oldCode = signCode(KEYS[1], 'LT000007', W0);
    expect(checkSigned(oldCode, KEYS).ok).toBe(true);
    expect(checkSigned(oldCode, [KEYS[0]])).toEqual({ ok: false, verdict: 'forged' });
  });

  it('accepts raw 32-byte seeds and PKCS#8 keys, and rejects broken configuration', () => {
    expect(() => parseSigningKeys('[]')).toThrow();
    expect(() => parseSigningKeys('[{"kid":"bad kid!","privateKey":"AAAA"}]')).toThrow();
    expect(() => parseSigningKeys(JSON.stringify([{ kid: 'a', privateKey: seed() }, { kid: 'a', privateKey: seed() }]))).toThrow();
    const pk = KEYS[0].privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    const again = parseSigningKeys(JSON.stringify([{ kid: 'same', privateKey: pk }]));
    expect(Buffer.from(again[0].publicRaw)).toEqual(Buffer.from(KEYS[0].publicRaw));
  });
});

describe('windows and clock edges', () => {
  const start = windowStart(W0);
  it('a code is good from 30 s before its minute until one minute after it ends', () => {
    expect(checkWindow(W0, start - SKEW_BEFORE_MS - 1)).toBe('not_yet');
    expect(checkWindow(W0, start - SKEW_BEFORE_MS)).toBe('ok');
    expect(checkWindow(W0, start)).toBe('ok');
    expect(checkWindow(W0, start + WINDOW_MS + GRACE_AFTER_MS - 1)).toBe('ok');
    expect(checkWindow(W0, start + WINDOW_MS + GRACE_AFTER_MS)).toBe('expired');
  });

  it('a screenshot dies within two minutes of the moment its code first appears', () => {
    expect(WINDOW_MS + GRACE_AFTER_MS).toBeLessThanOrEqual(2 * 60_000);
  });

  it('the acceptable windows for a typed short code are the previous, current and (late in a minute) next', () => {
    expect(acceptableWindows(start + 1000)).toEqual([W0 - 1, W0]);
    expect(acceptableWindows(start + 45_000)).toEqual([W0 - 1, W0, W0 + 1]);
  });

  it('a batch covers more than 12 hours and stops at the end of the card\'s validity', () => {
    const batch = signBatch(KEYS[0], SHORT_KEY, 'LT000007', W0, BATCH_WINDOWS);
    expect(batch).toHaveLength(BATCH_WINDOWS);
    expect(windowStart(batch[batch.length - 1].w) - T0).toBeGreaterThan(12 * 3600_000);
    const until = windowStart(W0 + 10);
    expect(signBatch(KEYS[0], SHORT_KEY, 'LT000007', W0, BATCH_WINDOWS, until)).toHaveLength(10);
  });
});

describe('short codes', () => {
  it('are ten digits: the card sequence and a check that changes every minute', () => {
    const s0 = shortCodeOf(SHORT_KEY, 'LT000007', W0);
    expect(s0).toMatch(/^000007\d{4}$/);
    const checks = new Set(Array.from({ length: 50 }, (_, i) => shortCodeOf(SHORT_KEY, 'LT000007', W0 + i).slice(6)));
    expect(checks.size).toBeGreaterThan(40);
    expect(parseShortCode('000007 1234')).toEqual({ cardNo: 'LT000007', check: '1234' });
    expect(parseShortCode('12345')).toBeNull();
  });

  it('match only within the acceptable windows and only with the right key', () => {
    const s = shortCodeOf(SHORT_KEY, 'LT000007', W0);
    expect(matchShortCode(SHORT_KEY, s, windowStart(W0) + 10_000)).toEqual({ cardNo: 'LT000007', window: W0 });
    expect(matchShortCode(SHORT_KEY, s, windowStart(W0 + 1) + 59_000)).toEqual({ cardNo: 'LT000007', window: W0 });
    expect(matchShortCode(SHORT_KEY, s, windowStart(W0 + 2) + 1)).toBeNull();
    expect(matchShortCode('another-key', s, windowStart(W0) + 10_000)).toBeNull();
  });
});

describe('offline verification (noble, as on the phone)', () => {
  const ctx = (nowMs: number, directory: Record<string, DirectoryEntry> = { LT000007: entry() }) => ({ nowMs, keys: pubKeys, directory, verify: nobleVerify });
  const code = signCode(KEYS[0], 'LT000007', W0);

  it('accepts a current code of an active card and shows the directory details', () => {
    expect(verifyOffline(code, ctx(T0))).toMatchObject({ verdict: 'valid', cardNo: 'LT000007', card: { nameMasked: '钱*强' } });
  });
  it('rejects expired, early, forged, foreign and unknown codes', () => {
    expect(verifyOffline(code, ctx(windowStart(W0 + 2))).verdict).toBe('expired_code');
    expect(verifyOffline(code, ctx(windowStart(W0) - 31_000)).verdict).toBe('not_yet_valid');
    expect(verifyOffline(code.slice(0, -3) + 'AAA', ctx(T0)).verdict).toBe('forged');
    expect(verifyOffline(signCode(OTHER[0], 'LT000007', W0), ctx(T0)).verdict).toBe('forged');
    expect(verifyOffline('hello', ctx(T0)).verdict).toBe('not_greencard');
    expect(verifyOffline(code, ctx(T0, {})).verdict).toBe('unknown_card');
  });
  it('uses the cached suspended / revoked list and validity', () => {
    expect(verifyOffline(code, ctx(T0, { LT000007: entry({ status: 'suspended' }) })).verdict).toBe('suspended');
    expect(verifyOffline(code, ctx(T0, { LT000007: entry({ status: 'revoked' }) })).verdict).toBe('revoked');
    expect(verifyOffline(code, ctx(T0, { LT000007: entry({ validUntilAt: new Date(T0).toISOString() }) })).verdict).toBe('card_expired');
  });
  it('does not trust inherited properties as kids or card numbers', () => {
    expect(verifyOffline(code, { ...ctx(T0), keys: {} }).verdict).toBe('forged');
  });
});

describe('eligibility', () => {
  const policy: PolicyRule = { orgId: 'org_jx', titles: DEFAULT_TITLES, levels: [], validityMonths: 36 };
  const issuer = { orgId: 'org_jx', orgName: '嘉兴市总工会', policy };
  const h = (title: string, level: HonourLike['level'], linkStatus = 'confirmed', year = 2015): HonourLike => ({ _id: `h_${title}`, title, level, year, linkStatus });

  it('national honours qualify, including the "获得者 / 人员" spellings', () => {
    expect(eligibilityOf({ status: 'active', issuer, honours: [h('全国劳动模范', 'national')] })).toMatchObject({ eligible: true });
    expect(eligibilityOf({ status: 'active', issuer, honours: [h('全国五一劳动奖章获得者', 'national')] }).eligible).toBe(true);
    expect(eligibilityOf({ status: 'active', issuer, honours: [h('享受全国劳模待遇人员', 'national')] }).eligible).toBe(true);
  });
  it('picks the highest qualifying honour', () => {
    const e = eligibilityOf({ status: 'active', issuer: { ...issuer, policy: { ...policy, levels: ['provincial'] } }, honours: [h('浙江省劳动模范', 'provincial', 'confirmed', 2020), h('全国劳动模范', 'national')] });
    expect(e.honour?.title).toBe('全国劳动模范');
  });
  it('explains in plain words why a provincial model worker is not eligible', () => {
    const e = eligibilityOf({ status: 'active', issuer, honours: [h('浙江省劳动模范', 'provincial')] });
    expect(e.eligible).toBe(false);
    expect(e.reasons.join('')).toContain('“浙江省劳动模范”（省部级）暂不在发卡范围内');
    expect(e.reasons.join('')).toContain('全国劳动模范、全国先进工作者');
  });
  it('explains a missing honour, an unconfirmed one, a missing policy and a death', () => {
    expect(eligibilityOf({ status: 'active', issuer, honours: [] }).reasons[0]).toContain('还没有经工会确认');
    expect(eligibilityOf({ status: 'active', issuer, honours: [h('全国劳动模范', 'national', 'suggested')] }).reasons.join('')).toContain('正在等待工会确认');
    expect(eligibilityOf({ status: 'active', issuer: null, honours: [h('全国劳动模范', 'national')] }).reasons[0]).toContain('还没有开通');
    expect(eligibilityOf({ status: 'deceased', issuer, honours: [h('全国劳动模范', 'national')] }).eligible).toBe(false);
  });
  it('a policy by level admits every honour of that level', () => {
    const e = eligibilityOf({ status: 'active', issuer: { ...issuer, policy: { ...policy, titles: [], levels: ['city'] } }, honours: [h('嘉兴市劳动模范', 'city')] });
    expect(e.eligible).toBe(true);
  });
});

describe('card state machine', () => {
  it('allows exactly the documented transitions', () => {
    expect(nextStatus('pending', 'approve')).toBe('active');
    expect(nextStatus('pending', 'reject')).toBe('rejected');
    expect(nextStatus('active', 'suspend')).toBe('suspended');
    expect(nextStatus('suspended', 'reinstate')).toBe('active');
    expect(nextStatus('suspended', 'revoke')).toBe('revoked');
    expect(nextStatus('active', 'renew')).toBe('active');
    expect(() => nextStatus('revoked', 'reinstate')).toThrow('这张卡已注销，不能恢复');
    expect(() => nextStatus('active', 'approve')).toThrow('不能批准');
    expect(() => nextStatus('rejected', 'renew')).toThrow();
    expect(() => nextStatus('pending', 'suspend')).toThrow();
  });
});

describe('validity (Asia/Shanghai dates)', () => {
  it('runs whole months from the local date, ending at local midnight', () => {
    // 2026-05-31T17:00Z is already 1 June in Shanghai.
    expect(validityOf(new Date('2026-05-31T17:00:00Z'), 36)).toEqual({
      validFrom: '2026-06-01', validUntil: '2029-05-31', validUntilAt: '2029-05-31T16:00:00.000Z',
    });
    expect(validityOf(new Date('2026-05-31T15:59:00Z'), 12).validFrom).toBe('2026-05-31');
    expect(periodEnd('2026-01-31', 1)).toBe('2026-02-27');
    expect(endInstant('2026-12-31')).toBe('2026-12-31T16:00:00.000Z');
  });
  it('renewal adds a period after the current end, or from today once lapsed', () => {
    expect(renewedUntil(new Date('2026-06-01T02:00:00Z'), '2026-12-31', 12).validUntil).toBe('2027-12-31');
    expect(renewedUntil(new Date('2026-06-01T02:00:00Z'), '2026-01-31', 12).validUntil).toBe('2027-05-31');
  });
});
