/**
 * Anything tappable that is not a button — a home tile, a choice chip, a tick box, the card's 显示 — as one
 * component: a role and a name for screen readers, Enter/Space on H5, a pressed look, and at least 44 × 44 px.
 */
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { a11y, pressable, type A11yRole } from '../lib/a11y';

interface Props {
  onPress?: () => void;
  /** The accessible name when the content alone does not say what the tap does. */
  label?: string;
  role?: Extract<A11yRole, 'button' | 'link' | 'checkbox' | 'radio' | 'tab'>;
  checked?: boolean;
  selected?: boolean;
  disabled?: boolean;
  className?: string;
  children: ReactNode;
  [data: `data-${string}`]: string | undefined;
}

export function Tappable({ onPress, label, role = 'button', checked, selected, disabled, className = '', children, ...data }: Props) {
  return (
    <View
      {...data}
      className={`tappable ${className}${disabled ? ' tappable--disabled' : ''}`}
      hoverClass={disabled ? 'none' : 'tappable--pressed'}
      onClick={disabled ? undefined : () => onPress?.()}
      {...a11y({ role, label, checked, selected, disabled })}
      {...pressable(onPress, disabled)}
    >
      {children}
    </View>
  );
}
