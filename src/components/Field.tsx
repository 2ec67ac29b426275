/** One labelled form field with its per-field error underneath. */
import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Input } from './ui';

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
      <View className="field__label">{label}</View>
      <Input
        className="field__input"
        name={name}
        type={type}
        value={value}
        placeholder={placeholder}
        maxLength={maxLength}
        onChange={(v: string) => onChange(v)}
      />
      {extra}
      {error ? <View className="field-error">{error}</View> : null}
    </View>
  );
}

/** The message for the form as a whole (e.g. a failed call), above the submit button. */
export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return <View className="form-error">{message}</View>;
}
