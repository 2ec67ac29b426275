/**
 * 疗休养: open trips of the person's unions, with places left per session and the person's own eligibility.
 */
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { AppErrorBody } from '../../../types/result';
import type { TripTheme } from '../../../types/trips.schema';
import { call, type ActionOutput } from '../../services/cloud';
import { hasRole, useMe } from '../../services/me';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { Button } from '../../components/ui';
import { openPage } from '../../lib/nav';
import { Choice } from '../lib/Choice';
import { fmtInstant, fmtRange } from '../lib/format';
import { PAGES, SIGNUP_STATUS_LABELS, TRIP_MODE_LABELS, TRIP_THEMES, TRIP_THEME_LABELS, statusTone } from '../lib/labels';
import '../lib/trips.scss';

type Trips = ActionOutput<'trips', 'listOpen'>['trips'];
type Load = { status: 'loading' } | { status: 'ready'; trips: Trips } | { status: 'error'; error: AppErrorBody };

const THEME_OPTIONS = TRIP_THEMES.map((t) => ({ value: t, label: TRIP_THEME_LABELS[t] }));

export default function TripsListPage() {
  const { me } = useMe();
  const [theme, setTheme] = useState<TripTheme | null>(null);
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  const fetch = useCallback(async (t: TripTheme | null) => {
    setLoad({ status: 'loading' });
    const r = await call('trips', 'listOpen', t ? { theme: t } : {});
    setLoad(r.ok ? { status: 'ready', trips: r.data.trips } : { status: 'error', error: r.error });
  }, []);

  useDidShow(() => {
    void fetch(theme);
  });

  const pick = (t: TripTheme) => {
    const next = theme === t ? null : t;
    setTheme(next);
    void fetch(next);
  };

  return (
    <View className="page trips-list">
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
      <Choice name="theme" options={THEME_OPTIONS} selected={theme ? [theme] : []} onToggle={pick} />

      {load.status === 'loading' ? <LoadingState /> : null}
      {load.status === 'error' ? <ErrorState error={load.error} onRetry={() => void fetch(theme)} /> : null}
      {load.status === 'ready' && load.trips.length === 0 ? <EmptyState text="目前没有可以报名的疗休养，请以后再来看看" /> : null}
      {load.status === 'ready'
        ? load.trips.map((t) => (
            <View key={t.id} className="trips-card trips-list__item" data-trip-id={t.id} onClick={() => openPage(PAGES.detail(t.id))}>
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
                {t.phase === 'upcoming' ? `报名 ${fmtInstant(t.opensAt)} 开始` : `报名截止：${fmtInstant(t.closesAt)}`}
              </View>
              {t.sessions.map((s) => (
                <View key={s.id} className="trips-card__line">
                  {`${s.label}（${fmtRange(s.departDate, s.returnDate)}）：`}
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
            </View>
          ))
        : null}
    </View>
  );
}
