/** Signing a batch of per-minute codes and checking one online: pure apart from the keys passed in. */
import type { CodeItem } from '../../../types/greencard.schema';
import {
  CODE_VERSION,
  type Decoded,
  acceptableWindows,
  decodeCode,
  encodeCode,
  encodePayload,
  parseShortCode,
  seqOfCardNo,
  signedMessage,
  windowStart,
} from '../../../types/greencard.code';
import { type SigningKey, shortCheck, signBytes, verifyBytes } from './keys';

export function signCode(key: SigningKey, cardNo: string, window: number): string {
  const payload = encodePayload({ v: CODE_VERSION, window, kid: key.kid, cardNo });
  return encodeCode(payload, signBytes(key, signedMessage(payload)));
}

export function shortCodeOf(shortKey: string, cardNo: string, window: number): string {
  const seq = seqOfCardNo(cardNo);
  if (seq === null) throw new Error('card number has no sequence');
  return String(seq).padStart(6, '0') + shortCheck(shortKey, cardNo, window);
}

/**
 * Codes for `count` consecutive windows from `fromWindow`, stopping before `untilMs` (the card's end of validity).
 */
export function signBatch(key: SigningKey, shortKey: string, cardNo: string, fromWindow: number, count: number, untilMs = Infinity): CodeItem[] {
  const out: CodeItem[] = [];
  for (let w = fromWindow; w < fromWindow + count && windowStart(w) < untilMs; w++) {
    out.push({ w, c: signCode(key, cardNo, w), s: shortCodeOf(shortKey, cardNo, w) });
  }
  return out;
}

export type SignedCheck =
  | { ok: true; cardNo: string; window: number }
  | { ok: false; verdict: 'not_greencard' | 'forged' };

/** Decodes and checks the signature against the configured keys (old keys still verify). */
export function checkSigned(text: string, keys: SigningKey[]): SignedCheck {
  const d: Decoded = decodeCode(text);
  if (!d.ok) return { ok: false, verdict: d.reason };
  const key = keys.find((k) => k.kid === d.payload.kid);
  if (!key || !verifyBytes(key, d.message, d.signature)) return { ok: false, verdict: 'forged' };
  return { ok: true, cardNo: d.payload.cardNo, window: d.payload.window };
}

/** The window a typed short code belongs to, if its check digits match one acceptable now. */
export function matchShortCode(shortKey: string, text: string, nowMs: number): { cardNo: string; window: number } | null {
  const parsed = parseShortCode(text);
  if (!parsed) return null;
  for (const w of acceptableWindows(nowMs)) {
    if (shortCheck(shortKey, parsed.cardNo, w) === parsed.check) return { cardNo: parsed.cardNo, window: w };
  }
  return null;
}
