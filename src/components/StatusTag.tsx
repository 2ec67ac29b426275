/** A tag in one of a few high-contrast tones (dark text on a light fill, at least 4.5:1), for roles and statuses. */
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

export type Tone = 'brand' | 'success' | 'warning' | 'danger' | 'neutral';

export function StatusTag({ tone, className = '', children, ...data }: { tone: Tone; className?: string; children: ReactNode; [key: `data-${string}`]: string }) {
  return (
    <View className={`status-tag status-tag--${tone} ${className}`} {...data}>
      {children}
    </View>
  );
}

export const LINK_STATUS_TONES = { none: 'neutral', suggested: 'warning', confirmed: 'success', rejected: 'danger' } as const satisfies Record<
  string,
  Tone
>;
