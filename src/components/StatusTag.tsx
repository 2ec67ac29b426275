/** A tag in one of a few high-contrast tones (dark text on a light fill), used for roles and statuses. */
import type { ReactNode } from 'react';
import { Tag } from './ui';

export type Tone = 'brand' | 'success' | 'warning' | 'danger' | 'neutral';

const TONES: Record<Tone, { color: string; background: string }> = {
  brand: { color: '#8c1015', background: '#fdecec' },
  success: { color: '#145c2b', background: '#e3f4e8' },
  warning: { color: '#6b4500', background: '#fff1d1' },
  danger: { color: '#8c1015', background: '#fde0e0' },
  neutral: { color: '#333333', background: '#ececec' },
};

export function StatusTag({ tone, className, children, ...data }: { tone: Tone; className?: string; children: ReactNode; [key: `data-${string}`]: string }) {
  return (
    <Tag color={TONES[tone].color} background={TONES[tone].background} className={className} {...data}>
      {children}
    </Tag>
  );
}

export const LINK_STATUS_TONES = { none: 'neutral', suggested: 'warning', confirmed: 'success', rejected: 'danger' } as const satisfies Record<
  string,
  Tone
>;
