/** 修改资料: the registered person's own profile. */
import { useMe } from '../../services/me';
import { goBack } from '../../lib/nav';
import { Page } from '../../components/Page';
import { ErrorState, LoadingState } from '../../components/PageState';
import { ProfileForm } from '../ProfileForm';

export default function ProfilePage() {
  const state = useMe();
  const { me } = state;
  let body;
  if (me?.profile) body = <ProfileForm key={me.profile.name} me={me} onDone={goBack} />;
  else if (me) body = <ErrorState error={{ code: 'auth.not_registered', message: '请先完成实名登记' }} />;
  else if (state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void state.refresh()} />;
  else body = <LoadingState />;
  return <Page className="account-profile">{body}</Page>;
}
