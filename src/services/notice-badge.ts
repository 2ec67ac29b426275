/**
 * The message centre's unread count on the 我的 tab (a tab-bar badge) — from account.me, which carries it, so no page
 * pays an extra call. Tab pages call `useNoticeBadge()`; it also reloads account.me when the page is shown again,
 * so a notice that arrived meanwhile shows.
 */
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { refreshMe, useMe } from './me';

export const NOTICES_PAGE = '/pkg-notices/inbox/index';
const ME_TAB_INDEX = 1;

export function badgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}

export function useNoticeBadge(): number {
  const { me } = useMe();
  const unread = me?.registered ? me.unreadNotices : 0;
  const shown = useRef(0);
  useEffect(() => {
    const done = () => undefined;
    if (unread > 0) void Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: badgeText(unread) }).catch(done);
    else void Taro.removeTabBarBadge({ index: ME_TAB_INDEX }).catch(done);
  }, [unread]);
  useDidShow(() => {
    // The first show is the mount (useMe loads then); later shows look for news.
    if (shown.current++ > 0) void refreshMe();
  });
  return unread;
}
