/**
 * Loads when the component mounts and again whenever the page is shown. Components inside a gate (StaffGate) mount
 * after the page's first onShow has fired, so useDidShow alone would never load them on a fresh open.
 */
import { useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';

export function useShowLoad(load: () => void): void {
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    load();
  }, [load]);
  useDidShow(() => {
    if (mounted.current) load();
  });
}
