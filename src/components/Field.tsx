/**
 * One labelled form field with its per-field error underneath, and the bordered multi-line box (TextBox).
 * Taro's own Input/Textarea, so the text is as large as the rest of the page (the browser default for a textarea
 * is 13.3 px) and the field is at least 48 px tall; the label names the control for screen readers.
 */
import type { ReactNode } from 'react';
import { Input, Textarea, View } from '@tarojs/components';
import { a11y } from '../lib/a11y';

const IS_H5 = process.env.TARO_ENV === 'h5';

/** The accessible name of a native input: an attribute of the inner element on H5, WeChat's aria-label otherwise. */
function inputName(label: string, error?: string) {
  const name = error ? `${label}，${error}` : label;
  return IS_H5 ? { nativeProps: { 'aria-label': name, 'aria-invalid': error ? 'true' : 'false' } } : a11y({ label: name });
}

interface Props {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  placeholder?: string;
  type?: 'text' | 'number' | 'digit' | 'idcard';
  maxLength?: number;
  extra?: ReactNode;
}

export function Field({ label, name, value, onChange, error, placeholder, type = 'text', maxLength, extra }: Props) {
  return (
    <View className={`field field--${name}${error ? ' field--invalid' : ''}`}>
      <View className="field__label" {...a11y({ hidden: true })}>
        {label}
      </View>
      <Input
        className="field__input"
        name={name}
        type={type}
        value={value}
        placeholder={placeholder}
        placeholderClass="field__placeholder"
        maxlength={maxLength ?? 140}
        onInput={(e) => onChange(e.detail.value)}
        {...inputName(label, error)}
      />
      {extra}
      {error ? <View className="field-error">{error}</View> : null}
    </View>
  );
}

interface BoxProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  placeholder?: string;
  maxLength?: number;
  className?: string;
  /** Show the label above the box (default); false when the page shows its own label. */
  showLabel?: boolean;
}

/** A bordered multi-line text box with a label, e.g. 健康情况说明, the clerk's code box, a reason. */
export function TextBox({ label, value, onChange, error, placeholder, maxLength = 500, className = '', showLabel = true }: BoxProps) {
  return (
    <View className={`text-box ${className}${error ? ' text-box--invalid' : ''}`}>
      {showLabel ? (
        <View className="field__label" {...a11y({ hidden: true })}>
          {label}
        </View>
      ) : null}
      <Textarea
        className="text-box__input"
        value={value}
        placeholder={placeholder}
        placeholderClass="field__placeholder"
        maxlength={maxLength}
        autoHeight
        onInput={(e) => onChange(e.detail.value)}
        {...inputName(label, error)}
      />
      {error ? <View className="field-error">{error}</View> : null}
    </View>
  );
}

/** The message for the form as a whole (e.g. a failed call), above the submit button. */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return (
    <View className="form-error" {...a11y({ role: 'alert' })}>
      {message}
    </View>
  );
}
