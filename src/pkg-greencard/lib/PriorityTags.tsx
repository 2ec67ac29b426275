/** The priorities a hospital grants, as large tags (card page, desk result, staff hospital list). */
import { Text, View } from '@tarojs/components';
import { PRIORITY_LABELS, type Priority } from '../../../types/greencard.schema';

export function PriorityTags({ priorities, className }: { priorities: readonly Priority[]; className?: string }) {
  return (
    <View className={className ? `gc-tags ${className}` : 'gc-tags'}>
      {priorities.map((p) => (
        <Text key={p} className="gc-tag">
          {PRIORITY_LABELS[p]}
        </Text>
      ))}
    </View>
  );
}
