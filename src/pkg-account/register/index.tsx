/** 实名登记: for a signed-in person who is not registered yet; afterwards back to where they came from. */
import { View } from '@tarojs/components';
import { useMe } from '../../services/me';
import { goBack, openTab, PAGES } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { Page } from '../../components/Page';
import { ErrorState, LoadingState } from '../../components/PageState';
import { ProfileForm } from '../ProfileForm';

export default function RegisterPage() {
  const state = useMe();
  const { me } = state;
  let body;
  if (me && !me.registered) body = <ProfileForm onDone={goBack} />;
  else if (me) {
    body = (
      <View className="hint">
        您已完成实名登记。
        <View className="actions">
          <Button type="primary" size="large" block onClick={() => openTab(PAGES.me)}>
            查看我的资料
          </Button>
        </View>
      </View>
    );
  } else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void state.refresh()} />;
  else body = <LoadingState />;
  return <Page className="account-register">{body}</Page>;
}
