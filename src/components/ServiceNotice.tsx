/** A service that is not open online yet: says so plainly and names the caller's own union to contact. */
import { View } from '@tarojs/components';
import { useMe } from '../services/me';
import { ErrorState, LoadingState } from './PageState';

export function ServiceNotice({ title, message }: { title: string; message: string }) {
  const state = useMe();
  const org = state.me?.profile?.org ?? null;
  return (
    <View className="page service-notice">
      <View className="service-notice__title">{title}</View>
      <View className="service-notice__message">{message}</View>
      {state.status === 'loading' && !state.me ? <LoadingState text="正在查询您所在的工会…" /> : null}
      {state.status === 'error' && !state.me ? <ErrorState error={state.error} onRetry={() => void state.refresh()} /> : null}
      {state.me ? (
        <View className="service-notice__org">
          {org ? `您所在的基层工会：${org.name}` : '您还没有登记所属工会，请先到「我的」完成实名登记。'}
        </View>
      ) : null}
    </View>
  );
}
