import { View } from '@tarojs/components';
import { hasRole, useMe } from '../../services/me';
import { useElderMode } from '../../services/elder-mode';
import { useQuery } from '../../lib/useQuery';
import { openPage, PAGES } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { Heading } from '../../components/Heading';
import { Page } from '../../components/Page';
import { ErrorNotice } from '../../components/PageState';
import { Tappable } from '../../components/Tappable';
import { a11y } from '../../lib/a11y';
import { homeTiles } from './tiles';
import { NOTICES_PAGE, useNoticeBadge } from '../../services/notice-badge';
import './index.scss';

export default function HomePage() {
  const state = useMe();
  const { me } = state;
  const elder = useElderMode();
  const member = !!me?.registered && hasRole(me, 'worker', 'model_worker', 'volunteer', 'staff', 'admin');
  // The person's own state on the tiles (each answers from what the service's own pages already load).
  const card = useQuery('greencard', 'myCard', {}, { enabled: !!me?.registered });
  const signups = useQuery('trips', 'mySignups', {}, { enabled: member });
  const cases = useQuery('hardship', 'myCases', {}, { enabled: member });
  const wishes = useQuery('wishes', 'tile', {}, { enabled: member });
  const tiles = homeTiles({ me, card: card.data, signups: signups.data?.signups, cases: cases.data?.cases, wishes: wishes.data, elder });
  const unread = useNoticeBadge();

  return (
    <Page className={`home${elder ? ' home--elder' : ''}`}>
      <Heading level={2} className="home__greeting">
        {me?.profile ? `您好，${me.profile.name}` : '您好，欢迎使用劳模工匠之家'}
      </Heading>
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={() => void state.refresh()} /> : null}
      {me && !me.registered ? (
        <View className="home__notice">
          <View>使用各项服务前，请先完成实名登记。</View>
          <Button type="primary" className="home__register" onClick={() => openPage(PAGES.register)}>
            去登记
          </Button>
        </View>
      ) : null}
      {me?.registered ? (
        <Tappable role="link" className={`home__notices${unread ? ' home__notices--unread' : ''}`} label={unread ? `消息，${unread} 条未读` : '消息，没有未读消息'} onPress={() => openPage(NOTICES_PAGE)}>
          <View className="home__notices-title">消息</View>
          <View className="home__notices-count">{unread ? `${unread} 条未读` : '没有未读消息'}</View>
          <View className="home__notices-go" {...a11y({ hidden: true })}>›</View>
        </Tappable>
      ) : null}
      <View className="home__tiles">
        {tiles.map((t) => (
          <Tappable
            key={t.key}
            className={`home__tile home__tile--${t.key}${t.wide ? ' home__tile--wide' : ''}${t.open ? '' : ' home__tile--soon'}${t.urgent ? ' home__tile--urgent' : ''}`}
            data-open={t.open ? 'true' : 'false'}
            onPress={() => openPage(t.url)}
          >
            <View className="home__tile-title">{t.title}</View>
            {t.open ? null : <View className="home__tile-badge">即将开放</View>}
            <View className="home__tile-note">{t.open ? t.note : t.note.replace(/^即将开放 · /, '')}</View>
          </Tappable>
        ))}
      </View>
      {elder ? <View className="hint home__elder-hint">长辈模式已开启，只显示您自己的服务。可在「我的」关闭。</View> : null}
    </Page>
  );
}
