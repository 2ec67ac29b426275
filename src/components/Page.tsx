/**
 * Every page's root: the page's main landmark, and the 长辈模式 class that enlarges text further. Pages put their
 * content inside: `<Page className="trips-detail">…</Page>`.
 */
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { a11y } from '../lib/a11y';
import { useElderMode } from '../services/elder-mode';

export function Page({ className = '', children }: { className?: string; children: ReactNode }) {
  const elder = useElderMode();
  return (
    <View className={`page ${className}${elder ? ' page--elder' : ''}`} {...a11y({ role: 'main' })}>
      {children}
    </View>
  );
}
