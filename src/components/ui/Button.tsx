/**
 * The app's button, on Taro's own Button (WeChat's native button in the mini-program): a named `role="button"`
 * that Enter and Space press on H5 (where Taro draws it as a custom element), a height that follows its label
 * (never below 48 px; long labels wrap instead of being clipped when text is enlarged), and a busy spinner.
 * NutUI's Button gave it a fixed height and brought several hundred selectors and an icon font to the main
 * package (docs/decisions/0011-app-scaffolding.md).
 */
import { Button as TaroButton, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { a11y, pressable, textOf } from '../../lib/a11y';

export interface ButtonProps {
  type?: 'primary' | 'default';
  size?: 'small' | 'normal' | 'large';
  /** outline: a primary button drawn as an outline. */
  fill?: 'solid' | 'outline';
  block?: boolean;
  loading?: boolean;
  disabled?: boolean;
  className?: string;
  onClick?: () => void;
  /** The accessible name when the visible text is not enough (it must contain the visible text). */
  label?: string;
  children?: ReactNode;
  [data: `data-${string}`]: string | undefined;
}

export function Button({ type = 'default', size = 'normal', fill = 'solid', block = false, loading = false, disabled = false, className = '', onClick, label, children, ...data }: ButtonProps) {
  const inactive = disabled || loading;
  const name = label ?? textOf(children);
  const cls = [
    'btn',
    `btn--${type}`,
    `btn--${size}`,
    fill === 'outline' ? 'btn--outline' : '',
    block ? 'btn--block' : '',
    inactive ? 'btn--inactive' : '',
    className,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <TaroButton
      {...data}
      className={cls}
      // Only when true: on H5 any `disabled` attribute (even "false") greys the button out.
      {...(disabled ? { disabled: true } : {})}
      hoverClass={inactive ? 'none' : 'btn--pressed'}
      onClick={inactive ? undefined : () => onClick?.()}
      {...a11y({ role: 'button', label: name || undefined, disabled: inactive })}
      {...pressable(onClick, inactive)}
    >
      {loading ? <View className="btn__spinner" {...a11y({ hidden: true })} /> : null}
      <View className="btn__label">{children}</View>
    </TaroButton>
  );
}
