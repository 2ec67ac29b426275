/** A row of a list: a title with an optional description on the left, a value on the right (wraps when long). */
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

export function Cell({ title, description, extra, className = '' }: { title: ReactNode; description?: ReactNode; extra?: ReactNode; className?: string }) {
  return (
    <View className={`cell ${className}`}>
      <View className="cell__main">
        <View className="cell__title">{title}</View>
        {description ? <View className="cell__description">{description}</View> : null}
      </View>
      {extra !== undefined && extra !== null ? <View className="cell__extra">{extra}</View> : null}
    </View>
  );
}

/** Cells on one white card. */
export function CellGroup({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <View className="cell-group">
      {title ? <View className="cell-group__title">{title}</View> : null}
      <View className="cell-group__body">{children}</View>
    </View>
  );
}
