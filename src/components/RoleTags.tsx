/** A person's roles as labelled tags (class `me-role` for tests). */
import { View } from '@tarojs/components';
import { ROLE_LABELS, type Role } from '../../types/roles';
import { StatusTag } from './StatusTag';

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  if (roles.length === 0) return <View className="role-tags role-tags--none">暂无身份</View>;
  return (
    <View className="role-tags">
      {roles.map((role) => (
        <StatusTag key={role} tone="brand" className="me-role" data-role={role}>
          {ROLE_LABELS[role]}
        </StatusTag>
      ))}
    </View>
  );
}
