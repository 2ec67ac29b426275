/** A service that is not open online yet: says so plainly and names the caller's own union to contact. */
import { View } from '@tarojs/components';
import { useMe } from '../services/me';
import { ErrorState, LoadingState } from './PageState';
import { Heading } from './Heading';
import { Page } from './Page';

export function ServiceNotice({ title, message }: { title: string; message: string }) {
  const state = useMe();
  const org = state.me?.profile?.org ?? null;
  return (
    <Page className="service-notice">
      <Heading className="service-notice__title">{`${title}（即将开放）`}</Heading>
      <View className="service-notice__message">{message}</View>
      {state.me ? (
        <View className="service-notice__org">
          {org ? `您所在的基层工会：${org.name}` : '您还没有登记所属工会，请先到「我的」完成实名登记。'}
        </View>
      ) : state.status === 'error' ? (
        <ErrorState error={state.error} onRetry={() => void state.refresh()} />
      ) : (
        <LoadingState text="正在查询您所在的工会…" />
      )}
    </Page>
  );
}
