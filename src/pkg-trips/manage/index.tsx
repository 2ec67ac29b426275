/** Staff: the trips of their subtree (drafts too) — create, edit, publish, close, rosters, the review queue. */
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { AppErrorBody } from '../../../types/result';
import { call, newRequestId, type ActionOutput } from '../../services/cloud';
import { StaffGate } from '../../components/StaffGate';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { Button } from '../../components/ui';
import { openPage, toast } from '../../lib/nav';
import { fmtInstant, fmtRange } from '../lib/format';
import { PAGES, TRIP_MODE_LABELS } from '../lib/labels';
import { useShowLoad } from '../lib/useShowLoad';
import '../lib/trips.scss';

type Trips = ActionOutput<'trips', 'listManaged'>['trips'];
type Load = { status: 'loading' } | { status: 'ready'; trips: Trips } | { status: 'error'; error: AppErrorBody };

const STATUS_TEXT = { draft: '草稿（未发布）', published: '已发布', closed: '已关闭' } as const;

function Manage() {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [busy, setBusy] = useState(false);

  const fetch = useCallback(async () => {
    const r = await call('trips', 'listManaged', {});
    setLoad(r.ok ? { status: 'ready', trips: r.data.trips } : { status: 'error', error: r.error });
  }, []);

  useShowLoad(fetch);

  const move = async (tripId: string, action: 'publishTrip' | 'closeTrip', question: string) => {
    const sure = await Taro.showModal({ title: '请确认', content: question, confirmText: '确定', cancelText: '取消' });
    if (!sure.confirm) return;
    setBusy(true);
    const r = await call('trips', action, { tripId }, { requestId: newRequestId() });
    setBusy(false);
    toast(r.ok ? (action === 'publishTrip' ? '已发布' : '已关闭报名') : r.error.message);
    void fetch();
  };

  return (
    <View>
      <View className="actions">
        <Button type="primary" size="large" block className="trips-manage__create" onClick={() => openPage(PAGES.edit())}>新建疗休养</Button>
        <Button size="large" block className="trips-manage__review" onClick={() => openPage(PAGES.review)}>待审核的报名</Button>
      </View>
      {load.status === 'loading' ? <LoadingState /> : null}
      {load.status === 'error' ? <ErrorState error={load.error} onRetry={() => void fetch()} /> : null}
      {load.status === 'ready' && load.trips.length === 0 ? <EmptyState text="本辖区还没有疗休养，点“新建疗休养”开始" /> : null}
      {load.status === 'ready'
        ? load.trips.map((t) => (
            <View key={t.id} className="trips-card trips-manage__item" data-trip-id={t.id} data-status={t.status}>
              <View className="trips-card__title">{t.title}</View>
              <View className="trips-card__line">{`${STATUS_TEXT[t.status]} · ${TRIP_MODE_LABELS[t.mode]}${t.needsReview ? ' · 需审核' : ''}`}</View>
              <View className="trips-card__line">{`报名：${fmtInstant(t.opensAt)} 至 ${fmtInstant(t.closesAt)}`}</View>
              {t.pendingReview > 0 ? <View className="trips-status trips-status--act">{`${t.pendingReview} 人待审核`}</View> : null}
              {t.sessions.map((s) => (
                <View key={s.id} className="trips-session">
                  <View className="trips-card__line">{`${s.label}（${fmtRange(s.departDate, s.returnDate)}）：名额 ${s.places}，剩 ${s.placesLeft}，候补 ${s.waiting}`}</View>
                  <Button size="large" className="trips-manage__roster" onClick={() => openPage(PAGES.roster(s.id))}>名单、签到与导出</Button>
                </View>
              ))}
              <View className="trips-card__actions">
                {t.status !== 'closed' ? <Button size="large" onClick={() => openPage(PAGES.edit(t.id))}>修改</Button> : null}
                {t.status === 'draft' ? (
                  <Button type="primary" size="large" disabled={busy} className="trips-manage__publish" onClick={() => void move(t.id, 'publishTrip', '发布后职工即可看到并按时报名，确定发布吗？')}>发布</Button>
                ) : null}
                {t.status === 'published' ? (
                  <Button size="large" disabled={busy} onClick={() => void move(t.id, 'closeTrip', '关闭后将不能再报名，确定关闭吗？')}>关闭报名</Button>
                ) : null}
              </View>
            </View>
          ))
        : null}
    </View>
  );
}

export default function ManageTripsPage() {
  return (
    <View className="page trips-manage">
      <StaffGate>{() => <Manage />}</StaffGate>
    </View>
  );
}
