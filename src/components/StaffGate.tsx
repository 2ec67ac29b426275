/** Renders its children only for staff and admins; otherwise says why in plain Chinese. */
import type { ReactNode } from 'react';
import type { MeOutput } from '../../types/account.schema';
import { hasRole, useMe } from '../services/me';
import { ErrorState, LoadingState } from './PageState';

export function StaffGate({ children }: { children: (me: MeOutput) => ReactNode }) {
  const state = useMe();
  if (!state.me && state.status === 'loading') return <LoadingState />;
  if (!state.me && state.status === 'error') return <ErrorState error={state.error} onRetry={() => void state.refresh()} />;
  if (!state.me || !hasRole(state.me, 'staff', 'admin')) {
    return <ErrorState error={{ code: 'auth.forbidden', message: '工会工作台仅供工会工作人员使用' }} />;
  }
  return <>{children(state.me)}</>;
}
