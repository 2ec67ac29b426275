/**
 * 长辈模式: larger text and a home page reduced to the person's own services, remembered on this device (Taro
 * storage). Pages read it through <Page> (class `page--elder`); on H5 the root element gets `elder` too, so the
 * parts Taro draws outside the pages (tab bar, navigation bar) grow with it.
 */
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

const KEY = 'elder_mode_v1';
const listeners = new Set<() => void>();
let current: boolean | null = null;

function read(): boolean {
  try {
    return Taro.getStorageSync(KEY) === true;
  } catch {
    return false;
  }
}

function applyToRoot(on: boolean): void {
  if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.documentElement.classList.toggle('elder', on);
}

export function isElderMode(): boolean {
  if (current === null) {
    current = read();
    applyToRoot(current);
  }
  return current;
}

export function setElderMode(on: boolean): void {
  current = on;
  try {
    Taro.setStorageSync(KEY, on);
  } catch {
    // Storage refused: the choice lasts until the app closes.
  }
  applyToRoot(on);
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useElderMode(): boolean {
  return useSyncExternalStore(subscribe, isElderMode, isElderMode);
}
