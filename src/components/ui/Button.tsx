/**
 * NutUI's Button with its own stylesheet, made operable by screen readers and keyboards: on H5 it is a named
 * `role="button"` that Enter and Space press (Taro draws it as a custom element); in the mini-program it is
 * WeChat's native button. Its label wraps instead of being clipped when the text is enlarged (app.scss).
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import NutButton from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import type { ButtonProps as NutButtonProps } from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import type { ReactNode } from 'react';
import { a11y, pressable, textOf } from '../../lib/a11y';

export type ButtonProps = Partial<Omit<NutButtonProps, 'onClick' | 'children'>> & {
  onClick?: () => void;
  /** The accessible name when the visible text is not enough (it must contain the visible text). */
  label?: string;
  children?: ReactNode;
  [data: `data-${string}`]: string | undefined;
};

export function Button({ label, children, onClick, disabled = false, loading = false, ...rest }: ButtonProps) {
  const name = label ?? textOf(children);
  const inactive = disabled || loading;
  return (
    <NutButton
      {...rest}
      disabled={disabled}
      loading={loading}
      onClick={() => onClick?.()}
      {...a11y({ role: 'button', label: name || undefined, disabled: inactive })}
      {...pressable(onClick, inactive)}
    >
      {children}
    </NutButton>
  );
}
