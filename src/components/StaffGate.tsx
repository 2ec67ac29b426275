/**
 * Renders its children only for people holding one of `roles` (staff and admins by default); otherwise says why
 * in plain Chinese. The gate's own state carries `data-gate` (the browser suite visits a gated page once per
 * role that can pass and once for the gate).
 */
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { MeOutput } from '../../types/account.schema';
import type { Role } from '../../types/roles';
import { hasRole, useMe } from '../services/me';
import { ErrorState, LoadingState } from './PageState';

const DEFAULT_ROLES: readonly Role[] = ['staff', 'admin'];

export function StaffGate({
  children,
  roles = DEFAULT_ROLES,
  message = '工会工作台仅供工会工作人员使用',
}: {
  children: (me: MeOutput) => ReactNode;
  roles?: readonly Role[];
  message?: string;
}) {
  const state = useMe();
  if (state.me && hasRole(state.me, ...roles)) return <>{children(state.me)}</>;
  if (!state.me && state.status === 'error') return <ErrorState error={state.error} onRetry={() => void state.refresh()} />;
  if (!state.me) return <LoadingState />;
  const error = !state.me.registered
    ? { code: 'auth.not_registered', message: '请先完成实名登记（实名登记后由工会开通权限）' }
    : { code: 'auth.forbidden', message };
  return (
    <View data-gate={roles.join(',')}>
      <ErrorState error={error} />
    </View>
  );
}
