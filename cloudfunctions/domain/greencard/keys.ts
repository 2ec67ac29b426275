/**
 * Signing keys for green-channel codes. They come only from configuration:
 * `SECRET_GREENCARD_SIGNING_KEYS` = JSON `[{ "kid": "k2026a", "privateKey": "<base64 PKCS#8 DER or raw 32-byte seed>" }, …]`.
 * The first key signs; every listed key still verifies (rotation: add the new key first, keep the old one
 * listed for at least 13 hours — the life of a cached batch — then drop it).
 */
import { createHmac, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../../core/errors';
import type { Secrets } from '../../core/runtime';
import { toBase64Url } from '../../../types/greencard.code';

export const SIGNING_KEYS_SECRET = 'SECRET_GREENCARD_SIGNING_KEYS';
export const SHORT_CODE_SECRET = 'SECRET_GREENCARD_SHORT_CODE_KEY';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Raw 32-byte public key. */
  publicRaw: Uint8Array;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function privateKeyOf(encoded: string): KeyObject {
  const der = Buffer.from(encoded.trim(), 'base64');
  const pkcs8 = der.length === 32 ? Buffer.concat([PKCS8_ED25519_PREFIX, der]) : der;
  const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
  return key;
}

export function parseSigningKeys(json: string): SigningKey[] {
  const list = JSON.parse(json) as unknown;
  if (!Array.isArray(list) || list.length === 0) throw new Error('signing keys: expected a non-empty array');
  const seen = new Set<string>();
  return list.map((entry: unknown) => {
    const e = entry as { kid?: unknown; privateKey?: unknown };
    if (typeof e.kid !== 'string' || !/^[A-Za-z0-9_-]{1,16}$/.test(e.kid)) throw new Error('signing keys: bad kid');
    if (typeof e.privateKey !== 'string') throw new Error('signing keys: missing privateKey');
    if (seen.has(e.kid)) throw new Error('signing keys: duplicate kid');
    seen.add(e.kid);
    const privateKey = privateKeyOf(e.privateKey);
    const publicKey = createPublicKey(privateKey);
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    return { kid: e.kid, privateKey, publicKey, publicRaw: new Uint8Array(spki.subarray(spki.length - 32)) };
  });
}

const cache = new Map<string, SigningKey[]>();

/** The configured keys, parsed once per instance; a missing or broken configuration is a plain error. */
export function signingKeys(secrets: Secrets): SigningKey[] {
  const raw = secrets[SIGNING_KEYS_SECRET];
  if (!raw) throw new AppError('greencard.not_configured', '绿通卡动态码服务尚未配置，请联系工会');
  let keys = cache.get(raw);
  if (!keys) {
    try {
      keys = parseSigningKeys(raw);
    } catch {
      throw new AppError('greencard.not_configured', '绿通卡动态码服务配置有误，请联系工会');
    }
    cache.set(raw, keys);
  }
  return keys;
}

export function signBytes(key: SigningKey, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, key.privateKey));
}

export function verifyBytes(key: SigningKey, message: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(null, message, key.publicKey, signature);
  } catch {
    return false;
  }
}

export function publicKeysOf(keys: SigningKey[]): { kid: string; publicKey: string }[] {
  return keys.map((k) => ({ kid: k.kid, publicKey: toBase64Url(k.publicRaw) }));
}

/** The key for short codes: configured, or derived from the ID-hash key under a fixed label. */
export function shortCodeKey(secrets: Secrets): string {
  return secrets[SHORT_CODE_SECRET] ?? createHmac('sha256', secrets.idHashKey).update('greencard-short-code-v1').digest('base64');
}

/** Four digits bound to the card and the window. Only the server (and the batch it hands out) knows them. */
export function shortCheck(key: string, cardNo: string, window: number): string {
  const mac = createHmac('sha256', key).update(`${cardNo}|${window}`).digest();
  return String(mac.readUInt32BE(0) % 10_000).padStart(4, '0');
}
