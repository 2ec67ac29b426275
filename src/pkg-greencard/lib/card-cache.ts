/**
 * The holder's offline card: the last card view and the batch of signed per-minute codes, kept in storage.
 * After one successful sync the card keeps showing valid codes for the 13 hours the batch covers.
 */
import Taro from '@tarojs/taro';
import type { CodeItem, MyCardOutput } from '../../../types/greencard.schema';
import { REFILL_BELOW_WINDOWS, windowOf } from '../../../types/greencard.code';

const KEY = 'gc_card_v1';

export interface CardCache {
  /** The openid-independent owner check: the card number the codes belong to. */
  cardNo: string;
  view: MyCardOutput;
  codes: CodeItem[];
  syncedAt: string;
}

export function loadCardCache(): CardCache | null {
  try {
    const v: unknown = Taro.getStorageSync(KEY);
    if (!v || typeof v !== 'object') return null;
    const c = v as CardCache;
    return Array.isArray(c.codes) && typeof c.cardNo === 'string' && c.view ? c : null;
  } catch {
    return null;
  }
}

export function saveCardCache(cache: CardCache | null): void {
  try {
    if (cache) Taro.setStorageSync(KEY, cache);
    else Taro.removeStorageSync(KEY);
  } catch {
    // Storage refused: the card still works while online.
  }
}

export function codeAt(cache: CardCache | null, nowMs: number): CodeItem | null {
  if (!cache) return null;
  const w = windowOf(nowMs);
  return cache.codes.find((c) => c.w === w) ?? null;
}

/** Windows of codes left from now on. */
export function windowsLeft(cache: CardCache | null, nowMs: number): number {
  if (!cache || cache.codes.length === 0) return 0;
  return Math.max(0, cache.codes[cache.codes.length - 1].w - windowOf(nowMs) + 1);
}

export function needsRefill(cache: CardCache | null, cardNo: string, nowMs: number): boolean {
  return !cache || cache.cardNo !== cardNo || windowsLeft(cache, nowMs) < REFILL_BELOW_WINDOWS;
}

/** Drops codes of windows already past, so storage does not grow. */
export function pruned(codes: CodeItem[], nowMs: number): CodeItem[] {
  const w = windowOf(nowMs) - 2;
  return codes.filter((c) => c.w >= w);
}
