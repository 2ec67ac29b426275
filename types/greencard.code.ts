/**
 * The green-channel code: a compact, Ed25519-signed token for one 60-second window, shared by the functions
 * (which sign and verify online) and the mini-program (which shows cached codes and verifies offline).
 * Pure: no platform imports, no Buffer, no WebCrypto. The signature check itself is passed in
 * (node:crypto on the server, @noble/ed25519 in the app). See docs/decisions/0004-greencard-codes.md.
 *
 * Binary payload (big-endian):
 *   [0]      version (1)
 *   [1..4]   window: minutes since the Unix epoch (uint32)
 *   [5]      kid length k (1..16), then k ASCII bytes
 *   [..]     card number length n (1..16), then n ASCII bytes
 * Code text = "GC1." + base64url(payload ‖ signature[64]); the signature covers SIG_CONTEXT ‖ payload.
 */

export const CODE_PREFIX = 'GC1.';
export const CODE_VERSION = 1;
/** One code per minute. */
export const WINDOW_MS = 60_000;
/** A code stays acceptable until one window after its own ends: a screenshot is dead within 2 minutes. */
export const GRACE_AFTER_MS = 60_000;
/** A phone whose clock runs a little fast may show the next window early. */
export const SKEW_BEFORE_MS = 30_000;
/** How many windows one batch holds: 13 hours of codes, so 12 hours offline are always covered. */
export const BATCH_WINDOWS = 13 * 60;
/** The phone fetches a fresh batch when fewer than this many windows are left. */
export const REFILL_BELOW_WINDOWS = 11 * 60;
/** Domain separation: these bytes are signed in front of every payload. */
export const SIG_CONTEXT = 'LMGJ-greencard-v1|';
export const SHORT_CODE_LENGTH = 10;

export interface CodePayload {
  v: number;
  window: number;
  kid: string;
  cardNo: string;
}

export type SignatureCheck = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;

const ASCII_ID = /^[A-Za-z0-9_-]{1,16}$/;

export function windowOf(ms: number): number {
  return Math.floor(ms / WINDOW_MS);
}

export function windowStart(window: number): number {
  return window * WINDOW_MS;
}

/** Milliseconds until the given window stops being shown (for the countdown). */
export function msLeftInWindow(nowMs: number): number {
  return WINDOW_MS - (nowMs % WINDOW_MS);
}

export type WindowCheck = 'ok' | 'expired' | 'not_yet';

/** Acceptable from SKEW_BEFORE_MS before the window starts until GRACE_AFTER_MS after it ends. */
export function checkWindow(window: number, nowMs: number): WindowCheck {
  const start = windowStart(window);
  if (nowMs < start - SKEW_BEFORE_MS) return 'not_yet';
  if (nowMs >= start + WINDOW_MS + GRACE_AFTER_MS) return 'expired';
  return 'ok';
}

/** The windows a code presented at nowMs may belong to (used to check short codes). */
export function acceptableWindows(nowMs: number): number[] {
  const w = windowOf(nowMs);
  return [w - 1, w, w + 1].filter((x) => checkWindow(x, nowMs) === 'ok');
}

function asciiBytes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
  return out;
}

function asciiString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

export function encodePayload(p: CodePayload): Uint8Array {
  if (!ASCII_ID.test(p.kid)) throw new Error('kid must be 1-16 ASCII letters, digits, _ or -');
  if (!ASCII_ID.test(p.cardNo)) throw new Error('cardNo must be 1-16 ASCII letters, digits, _ or -');
  if (!Number.isInteger(p.window) || p.window < 0 || p.window > 0xffffffff) throw new Error('window out of range');
  const w = p.window;
  return new Uint8Array([
    p.v & 0xff,
    (w >>> 24) & 0xff, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff,
    p.kid.length, ...asciiBytes(p.kid),
    p.cardNo.length, ...asciiBytes(p.cardNo),
  ]);
}

/** What is signed: the context string followed by the payload bytes. */
export function signedMessage(payload: Uint8Array): Uint8Array {
  const ctx = asciiBytes(SIG_CONTEXT);
  const out = new Uint8Array(ctx.length + payload.length);
  out.set(ctx, 0);
  out.set(payload, ctx.length);
  return out;
}

export function encodeCode(payload: Uint8Array, signature: Uint8Array): string {
  if (signature.length !== 64) throw new Error('an Ed25519 signature has 64 bytes');
  const all = new Uint8Array(payload.length + 64);
  all.set(payload, 0);
  all.set(signature, payload.length);
  return CODE_PREFIX + toBase64Url(all);
}

export type Decoded =
  | { ok: true; payload: CodePayload; message: Uint8Array; signature: Uint8Array }
  | { ok: false; reason: 'not_greencard' | 'forged' };

/**
 * Parses code text. Anything without our prefix is "not a green-channel code"; anything with the prefix that
 * does not parse is treated as altered (it can only come from tampering or a damaged copy).
 */
export function decodeCode(text: string): Decoded {
  const t = text.trim();
  if (!t.startsWith(CODE_PREFIX)) return { ok: false, reason: 'not_greencard' };
  const body = t.slice(CODE_PREFIX.length);
  if (body.length > 300 || !/^[A-Za-z0-9_-]+$/.test(body)) return { ok: false, reason: 'forged' };
  const bytes = fromBase64Url(body);
  if (!bytes || bytes.length < 1 + 4 + 2 + 2 + 64) return { ok: false, reason: 'forged' };
  const payloadLen = bytes.length - 64;
  const v = bytes[0];
  const window = ((bytes[1] << 24) >>> 0) + (bytes[2] << 16) + (bytes[3] << 8) + bytes[4];
  let i = 5;
  const k = bytes[i++];
  if (k < 1 || k > 16 || i + k >= payloadLen) return { ok: false, reason: 'forged' };
  const kid = asciiString(bytes.subarray(i, i + k));
  i += k;
  const n = bytes[i++];
  if (n < 1 || n > 16 || i + n !== payloadLen) return { ok: false, reason: 'forged' };
  const cardNo = asciiString(bytes.subarray(i, i + n));
  if (v !== CODE_VERSION || !ASCII_ID.test(kid) || !ASCII_ID.test(cardNo)) return { ok: false, reason: 'forged' };
  const payload = bytes.subarray(0, payloadLen);
  return {
    ok: true,
    payload: { v, window, kid, cardNo },
    message: signedMessage(payload),
    signature: bytes.slice(payloadLen),
  };
}

// ---------------------------------------------------------------------------------------------- short codes

/** Card numbers are `LT` + six digits; the short code is those six digits + a four-digit window check. */
export function cardNoOfSeq(seq: number): string {
  return `LT${String(seq).padStart(6, '0')}`;
}

export function seqOfCardNo(cardNo: string): number | null {
  const m = /^LT(\d{6})$/.exec(cardNo);
  return m ? Number(m[1]) : null;
}

/** Accepts digits with spaces or dashes; returns the card number and the check digits, or null. */
export function parseShortCode(text: string): { cardNo: string; check: string } | null {
  const digits = text.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(digits)) return null;
  return { cardNo: `LT${digits.slice(0, 6)}`, check: digits.slice(6) };
}

/** 0001234821 → "000123 4821" for reading aloud and typing. */
export function formatShortCode(short: string): string {
  return short.length === SHORT_CODE_LENGTH ? `${short.slice(0, 6)} ${short.slice(6)}` : short;
}

// ---------------------------------------------------------------------------------------------- verdicts

export const VERDICTS = [
  'valid',
  'expired_code',
  'not_yet_valid',
  'forged',
  'not_greencard',
  'wrong_short_code',
  'unknown_card',
  'pending',
  'suspended',
  'revoked',
  'card_expired',
  'not_honoured',
] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_TITLES: Record<Verdict, string> = {
  valid: '有效，请按绿色通道接待',
  expired_code: '二维码已过期',
  not_yet_valid: '二维码时间不对',
  forged: '伪造或被改动的码',
  not_greencard: '这不是绿通卡的码',
  wrong_short_code: '短码不正确',
  unknown_card: '查不到这张卡',
  pending: '此卡尚未生效',
  suspended: '此卡已暂停使用',
  revoked: '此卡已注销',
  card_expired: '此卡已过有效期',
  not_honoured: '本院不受理此卡',
};

export const VERDICT_MESSAGES: Record<Verdict, string> = {
  valid: '卡片真实有效。请核对持卡人姓名和出生年份，按下列优先项目接待。',
  expired_code: '这是过期的码（可能是截图）。请持卡人打开小程序里的绿通卡，出示正在倒计时的码。',
  not_yet_valid: '码的时间比现在早了太多，可能是持卡人手机时间不准。请持卡人联网后重新打开绿通卡。',
  forged: '签名核对不通过，这个码被伪造或改动过，不能使用绿色通道。',
  not_greencard: '扫到的不是劳模医疗绿通卡的码，请让对方出示绿通卡页面上的二维码。',
  wrong_short_code: '短码不对或已过期（每分钟变化）。请看着持卡人手机上正在显示的短码重新输入。',
  unknown_card: '没有查到这张卡。请联网后再核验，或请持卡人联系所在工会。',
  pending: '这张卡的申领还在审核中，暂不能使用绿色通道。',
  suspended: '这张卡已被工会暂停使用，暂不能享受绿色通道。如有疑问请持卡人联系所在工会。',
  revoked: '这张卡已被工会注销，不能享受绿色通道。如有疑问请持卡人联系所在工会。',
  card_expired: '这张卡已过有效期，不能享受绿色通道。请持卡人联系所在工会续期。',
  not_honoured: '这张卡由本院尚未合作的工会发放，本院不能按绿色通道接待。',
};

// ---------------------------------------------------------------------------------------------- offline check

/** An entry of the desk's offline card list: the zod schema `directoryEntry` (greencard.schema.ts) is its one definition. */
export type { DirectoryEntry } from './greencard.schema';
import type { DirectoryEntry } from './greencard.schema';

export interface OfflineContext {
  nowMs: number;
  /** kid → raw 32-byte Ed25519 public key. */
  keys: Record<string, Uint8Array>;
  /** The cards honoured at this hospital, from the last sync. */
  directory: Record<string, DirectoryEntry>;
  verify: SignatureCheck;
}

export interface OfflineResult {
  verdict: Verdict;
  cardNo: string | null;
  window: number | null;
  card: DirectoryEntry | null;
}

/** The card's own state, the same rule online and offline. */
export function cardVerdict(status: DirectoryEntry['status'], validUntilAt: string, nowMs: number): Verdict | null {
  if (status === 'revoked' || status === 'rejected') return 'revoked';
  if (status === 'suspended') return 'suspended';
  if (status === 'pending') return 'pending';
  if (Date.parse(validUntilAt) <= nowMs) return 'card_expired';
  return null;
}

export function windowVerdict(window: number, nowMs: number): Verdict | null {
  const w = checkWindow(window, nowMs);
  return w === 'ok' ? null : w === 'expired' ? 'expired_code' : 'not_yet_valid';
}

/**
 * Checks a long code with only what the verify page cached at its last sync: public keys and the directory of
 * cards this hospital honours (with their suspended / revoked state). A card missing from the directory is
 * "unknown" offline (issued after the sync, or not honoured here): the clerk is told to check online.
 */
export function verifyOffline(text: string, ctx: OfflineContext): OfflineResult {
  const d = decodeCode(text);
  if (!d.ok) return { verdict: d.reason, cardNo: null, window: null, card: null };
  const key = Object.prototype.hasOwnProperty.call(ctx.keys, d.payload.kid) ? ctx.keys[d.payload.kid] : undefined;
  let good = false;
  try {
    good = !!key && ctx.verify(d.signature, d.message, key);
  } catch {
    good = false;
  }
  if (!good) return { verdict: 'forged', cardNo: null, window: null, card: null };
  const { cardNo, window } = d.payload;
  const card = Object.prototype.hasOwnProperty.call(ctx.directory, cardNo) ? ctx.directory[cardNo] : undefined;
  if (!card) return { verdict: 'unknown_card', cardNo, window, card: null };
  const verdict = cardVerdict(card.status, card.validUntilAt, ctx.nowMs) ?? windowVerdict(window, ctx.nowMs) ?? 'valid';
  return { verdict, cardNo, window, card };
}

/** Once per code: the same code checked twice at one hospital is one visit. */
export function visitIdOf(cardNo: string, window: number, hospitalId: string): string {
  return `v_${cardNo}_${window}_${hospitalId}`;
}

// ---------------------------------------------------------------------------------------------- base64url

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63];
  }
  return out;
}

export function fromBase64Url(text: string): Uint8Array | null {
  const s = text.replace(/=+$/, '');
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  let buf = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const v = B64.indexOf(s[i]);
    if (v < 0) return null;
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buf >> bits) & 0xff;
    }
  }
  // Non-canonical trailing bits mean the text was altered.
  if (bits > 0 && (buf & ((1 << bits) - 1)) !== 0) return null;
  return out.subarray(0, o);
}
