/**
 * The phone's idea of server time: device clock + the offset measured at the last successful call. Kept in
 * storage, so a phone with a wrong clock still shows the right code offline.
 */
import Taro from '@tarojs/taro';

const KEY = 'gc_clock_offset_v1';

export function recordServerTime(serverNowIso: string, sentAt: number, receivedAt: number): void {
  const server = Date.parse(serverNowIso);
  if (!Number.isFinite(server)) return;
  const offset = server - (sentAt + receivedAt) / 2;
  try {
    Taro.setStorageSync(KEY, Math.round(offset));
  } catch {
    // Storage full or refused: fall back to the device clock.
  }
}

export function clockOffset(): number {
  try {
    const v: unknown = Taro.getStorageSync(KEY);
    return typeof v === 'number' && Number.isFinite(v) ? v : 0;
  } catch {
    return 0;
  }
}

export function trustedNow(): number {
  return Date.now() + clockOffset();
}

/** "3 分钟前" style age for sync times. */
export function ageText(iso: string | null, now = trustedNow()): string {
  if (!iso) return '从未同步';
  const ms = now - Date.parse(iso);
  if (ms < 60_000) return '刚刚';
  if (ms < 3600_000) return `${Math.floor(ms / 60_000)} 分钟前`;
  if (ms < 86_400_000) return `${Math.floor(ms / 3600_000)} 小时前`;
  return `${Math.floor(ms / 86_400_000)} 天前`;
}
