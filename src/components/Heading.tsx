/**
 * A real heading: `<h2>` on H5 (screen readers list and jump between them), a View with WeChat's heading role in
 * the mini-program. The page's level-1 heading is its title in the navigation bar.
 */
import { View } from '@tarojs/components';
import { createElement, type ReactNode } from 'react';
import { a11y } from '../lib/a11y';

export function Heading({ level = 2, className = 'section-title', children }: { level?: 2 | 3; className?: string; children: ReactNode }) {
  if (process.env.TARO_ENV === 'h5') return createElement(`h${level}`, { className: `heading ${className}` }, children);
  return (
    <View className={`heading ${className}`} {...a11y({ role: 'heading' })}>
      {children}
    </View>
  );
}
