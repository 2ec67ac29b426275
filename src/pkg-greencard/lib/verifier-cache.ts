/**
 * The desk's offline state: public keys and the honoured cards (with suspended / revoked ones) from the last
 * sync, and the visits accepted while offline, waiting to be uploaded. Signatures are checked with
 * @noble/ed25519 (WeChat has no WebCrypto), using the synchronous API with SHA-512 from @noble/hashes.
 */
import Taro from '@tarojs/taro';
import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import type { VerifierSyncOutput } from '../../../types/greencard.schema';
import { type DirectoryEntry, type OfflineResult, fromBase64Url, verifyOffline, visitIdOf } from '../../../types/greencard.code';

ed.hashes.sha512 = sha512;

const SYNC_KEY = 'gc_verifier_sync_v1';
const QUEUE_KEY = 'gc_verifier_queue_v1';

export interface PendingVisit {
  id: string;
  code: string;
  checkedAt: string;
}

export function loadSync(): VerifierSyncOutput | null {
  try {
    const v: unknown = Taro.getStorageSync(SYNC_KEY);
    return v && typeof v === 'object' && Array.isArray((v as VerifierSyncOutput).keys) ? (v as VerifierSyncOutput) : null;
  } catch {
    return null;
  }
}

export function saveSync(sync: VerifierSyncOutput): void {
  try {
    Taro.setStorageSync(SYNC_KEY, sync);
  } catch {
    // Storage refused: offline checks will not be available.
  }
}

export function loadQueue(): PendingVisit[] {
  try {
    const v: unknown = Taro.getStorageSync(QUEUE_KEY);
    return Array.isArray(v) ? (v as PendingVisit[]) : [];
  } catch {
    return [];
  }
}

export function saveQueue(queue: PendingVisit[]): void {
  try {
    Taro.setStorageSync(QUEUE_KEY, queue);
  } catch {
    // Nothing else to do: the visit stays on screen.
  }
}

/** Adds a visit once per code (same deterministic id as the server's). */
export function enqueueVisit(result: OfflineResult, code: string, hospitalId: string, checkedAt: string): PendingVisit[] {
  const queue = loadQueue();
  if (result.cardNo === null || result.window === null) return queue;
  const id = visitIdOf(result.cardNo, result.window, hospitalId);
  if (!queue.some((v) => v.id === id)) queue.push({ id, code, checkedAt });
  saveQueue(queue);
  return queue;
}

export function checkOffline(sync: VerifierSyncOutput, code: string, nowMs: number): OfflineResult {
  const keys: Record<string, Uint8Array> = {};
  for (const k of sync.keys) {
    const raw = fromBase64Url(k.publicKey);
    if (raw && raw.length === 32) keys[k.kid] = raw;
  }
  const directory: Record<string, DirectoryEntry> = {};
  for (const c of sync.cards) directory[c.cardNo] = c;
  return verifyOffline(code, {
    nowMs,
    keys,
    directory,
    verify: (sig, msg, pub) => ed.verify(sig, msg, pub),
  });
}
