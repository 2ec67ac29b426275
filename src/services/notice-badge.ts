/**
 * The message centre's unread count: the badge on the 我的 tab and the line on the home page. Its own small call
 * (notices.unread, one indexed count), made once the caller is known to be registered and again whenever a tab page
 * is shown, so account.me stays within its budget of two store round trips. The message centre sets it as it reads.
 */
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { call } from './cloud';
import { refreshMe, useMe } from './me';

export const NOTICES_PAGE = '/pkg-notices/inbox/index';
const ME_TAB_INDEX = 1;

let unreadNow = 0;
const listeners = new Set<() => void>();

/** The message centre changed the unread count (a notice read): every badge follows at once. */
export function setUnreadNotices(unread: number): void {
  if (unread === unreadNow) return;
  unreadNow = unread;
  listeners.forEach((l) => l());
}

async function refreshUnread(): Promise<void> {
  const r = await call('notices', 'unread', {});
  if (r.ok) setUnreadNotices(r.data.unread);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function badgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}

export function useNoticeBadge(): number {
  const { me } = useMe();
  const registered = !!me?.registered;
  const count = useSyncExternalStore(subscribe, () => unreadNow, () => unreadNow);
  const unread = registered ? count : 0;
  const shown = useRef(0);
  useEffect(() => {
    if (registered) void refreshUnread();
  }, [registered, me?.profile?.userId]);
  useEffect(() => {
    const done = () => undefined;
    if (unread > 0) void Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: badgeText(unread) }).catch(done);
    else void Taro.removeTabBarBadge({ index: ME_TAB_INDEX }).catch(done);
  }, [unread]);
  useDidShow(() => {
    // The first show is the mount (useMe loads then); later shows look for news.
    if (shown.current++ === 0) return;
    void refreshMe();
    if (registered) void refreshUnread();
  });
  return unread;
}
