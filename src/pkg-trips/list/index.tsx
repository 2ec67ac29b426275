/**
 * 疗休养: open trips of the person's unions, with places left per session and the person's own eligibility.
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { TripTheme } from '../../../types/trips.schema';
import { formatDateRange, formatInstant } from '../../../types/time';
import { hasRole, useMe } from '../../services/me';
import { useQuery } from '../../lib/useQuery';
import { openPage } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { Choice } from '../../components/Choice';
import { EmptyState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { Tappable } from '../../components/Tappable';
import { PAGES, SIGNUP_STATUS_LABELS, TRIP_MODE_LABELS, TRIP_THEMES, TRIP_THEME_LABELS, statusTone } from '../lib/labels';
import '../lib/trips.scss';

const THEME_OPTIONS = TRIP_THEMES.map((t) => ({ value: t, label: TRIP_THEME_LABELS[t] }));

export default function TripsListPage() {
  const { me } = useMe();
  const [theme, setTheme] = useState<TripTheme | null>(null);
  const trips = useQuery('trips', 'listOpen', theme ? { theme } : {});

  return (
    <Page className="trips-list">
      <View className="actions">
        <Button type="primary" size="large" block className="trips-list__mine" onClick={() => openPage(PAGES.mine)}>
          我的报名
        </Button>
        {hasRole(me, 'staff', 'admin') ? (
          <Button size="large" block className="trips-list__manage" onClick={() => openPage(PAGES.manage)}>
            工会工作人员：管理疗休养
          </Button>
        ) : null}
      </View>
      <View className="trips-label">按主题查看</View>
      <Choice name="theme" label="按主题查看" options={THEME_OPTIONS} selected={theme ? [theme] : []} onToggle={(t) => setTheme(theme === t ? null : t)} />

      <QueryView query={trips}>
        {(d) =>
          d.trips.length === 0 ? (
            <EmptyState text="目前没有可以报名的疗休养，请以后再来看看" />
          ) : (
            d.trips.map((t) => (
              <Tappable
                key={t.id}
                role="link"
                className="trips-card trips-list__item"
                data-trip-id={t.id}
                onPress={() => openPage(PAGES.detail(t.id))}
              >
                <View className="trips-card__title">{t.title}</View>
                <View className="trips-tags">
                  {t.themes.map((th) => (
                    <View key={th} className="trips-tag">{TRIP_THEME_LABELS[th]}</View>
                  ))}
                  <View className="trips-tag">{TRIP_MODE_LABELS[t.mode]}</View>
                  {t.needsReview ? <View className="trips-tag">需工会审核</View> : null}
                </View>
                <View className="trips-card__line">{`${t.orgName} · ${t.route}`}</View>
                <View className="trips-card__line">
                  {t.phase === 'upcoming' ? `报名 ${formatInstant(t.opensAt)} 开始` : `报名截止：${formatInstant(t.closesAt)}`}
                </View>
                {t.sessions.map((s) => (
                  <View key={s.id} className="trips-card__line">
                    {`${s.label}（${formatDateRange(s.departDate, s.returnDate)}）：`}
                    <View className="trips-session__places" style={{ display: 'inline' }}>
                      {t.mode === 'lottery' && !s.drawnAt ? `名额 ${s.places} 个` : s.placesLeft > 0 ? `剩 ${s.placesLeft} 个名额` : '已满，可候补'}
                    </View>
                  </View>
                ))}
                {t.mySignupStatus ? (
                  <View className={`trips-status trips-status--${statusTone(t.mySignupStatus)}`}>{`我的报名：${SIGNUP_STATUS_LABELS[t.mySignupStatus]}`}</View>
                ) : t.eligible ? (
                  <View className="trips-status trips-status--good">您符合报名条件</View>
                ) : (
                  <View className="trips-card__line trips-list__reason">{`暂不能报名：${t.reasons[0] ?? ''}`}</View>
                )}
              </Tappable>
            ))
          )
        }
      </QueryView>
    </Page>
  );
}
