/** A row of tabs within a page (a tablist for screen readers), each a large tap target that wraps when needed. */
import { View } from '@tarojs/components';
import { a11y } from '../lib/a11y';
import { Tappable } from './Tappable';

export function TabBar<T extends string>({ tabs, value, onChange, label, className = '' }: { tabs: readonly (readonly [T, string])[]; value: T; onChange: (v: T) => void; label: string; className?: string }) {
  return (
    <View className={`tab-bar ${className}`} {...a11y({ role: 'tablist', label })}>
      {tabs.map(([key, title]) => (
        <Tappable key={key} role="tab" selected={value === key} className={`tab-bar__tab tab-bar__tab--${key}${value === key ? ' tab-bar__tab--on' : ''}`} onPress={() => onChange(key)}>
          {title}
        </Tappable>
      ))}
    </View>
  );
}
