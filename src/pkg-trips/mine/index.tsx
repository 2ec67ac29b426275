/** My sign-ups: status, place in the queue, an offered place to accept or decline, cancelling, and the history. */
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { AppErrorBody } from '../../../types/result';
import type { MySignupView } from '../../../types/trips.schema';
import { call, newRequestId } from '../../services/cloud';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { Button } from '../../components/ui';
import { openPage, toast } from '../../lib/nav';
import { fmtInstant, fmtRange } from '../lib/format';
import { PAGES, SIGNUP_STATUS_LABELS, statusTone } from '../lib/labels';
import '../lib/trips.scss';

type Load = { status: 'loading' } | { status: 'ready'; signups: MySignupView[] } | { status: 'error'; error: AppErrorBody };
type Act = 'cancel' | 'acceptOffer' | 'declineOffer';

const CONFIRM: Record<Act, string> = {
  cancel: '确定要取消这次报名吗？如已占名额，名额会让给候补的职工。',
  acceptOffer: '确认接受这个名额吗？',
  declineOffer: '确定放弃这个名额吗？放弃后会顺延给下一位。',
};

export default function MySignupsPage() {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [busy, setBusy] = useState<string | null>(null);
  const attempts = useRef(new Map<string, string>());

  const fetch = useCallback(async () => {
    const r = await call('trips', 'mySignups', {});
    setLoad(r.ok ? { status: 'ready', signups: r.data.signups } : { status: 'error', error: r.error });
  }, []);

  useDidShow(() => {
    void fetch();
  });

  const act = async (s: MySignupView, action: Act) => {
    if (busy) return;
    const sure = await Taro.showModal({ title: '请确认', content: CONFIRM[action], confirmText: '确定', cancelText: '再想想' });
    if (!sure.confirm) return;
    const key = `${action}:${s.id}`;
    const requestId = attempts.current.get(key) ?? newRequestId();
    attempts.current.set(key, requestId);
    setBusy(key);
    const r = await call('trips', action, { signupId: s.id }, { requestId });
    setBusy(null);
    if (!r.ok && r.error.code === 'network') return toast(r.error.message);
    attempts.current.delete(key);
    toast(r.ok ? r.data.message : r.error.message);
    void fetch();
  };

  if (load.status === 'loading') return <View className="page"><LoadingState /></View>;
  if (load.status === 'error') return <View className="page"><ErrorState error={load.error} onRetry={() => void fetch()} /></View>;

  return (
    <View className="page trips-mine">
      {load.signups.length === 0 ? (
        <>
          <EmptyState text="您还没有报名疗休养" />
          <View className="actions">
            <Button type="primary" size="large" block onClick={() => openPage(PAGES.list)}>去看看可报名的疗休养</Button>
          </View>
        </>
      ) : null}
      {load.signups.map((s) => (
        <View key={s.id} className="trips-card trips-mine__item" data-signup-id={s.id} data-status={s.status}>
          <View className="trips-card__title">{s.tripTitle}</View>
          <View className="trips-card__line">{`${s.sessionLabel}：${fmtRange(s.departDate, s.returnDate)}`}</View>
          <View className={`trips-status trips-status--${statusTone(s.status)} trips-mine__status`}>{SIGNUP_STATUS_LABELS[s.status]}</View>
          {s.status === 'waiting' && s.queuePosition ? (
            <View className="trips-card__line trips-mine__queue">{`您目前排在候补第 ${s.queuePosition} 位，有人取消时会按顺序通知您`}</View>
          ) : null}
          {s.status === 'offered' && s.offerExpiresAt ? (
            <View className="trips-notice trips-mine__offer">{`有空出的名额给您！请在 ${fmtInstant(s.offerExpiresAt)} 前确认，逾期将顺延给下一位`}</View>
          ) : null}
          {s.canCancel && s.status !== 'waiting' && s.status !== 'applied' ? (
            <View className="trips-card__line">{`如不能参加，请在 ${fmtInstant(s.cancelDeadline)} 前取消`}</View>
          ) : null}
          <View className="trips-card__actions">
            {s.status === 'offered' ? (
              <>
                <Button type="primary" size="large" className="trips-mine__accept" loading={busy === `acceptOffer:${s.id}`} onClick={() => void act(s, 'acceptOffer')}>接受名额</Button>
                <Button size="large" className="trips-mine__decline" onClick={() => void act(s, 'declineOffer')}>放弃名额</Button>
              </>
            ) : null}
            {s.canCancel && s.status !== 'offered' ? (
              <Button size="large" className="trips-mine__cancel" loading={busy === `cancel:${s.id}`} onClick={() => void act(s, 'cancel')}>取消报名</Button>
            ) : null}
            <Button size="large" onClick={() => openPage(PAGES.detail(s.tripId))}>查看详情</Button>
          </View>
          <View className="trips-history">
            <View>办理记录：</View>
            {s.history.filter((h) => h.status !== 'placing').map((h, i) => (
              <View key={`${h.at}-${i}`} className="trips-history__item">{`${fmtInstant(h.at)}　${h.note}`}</View>
            ))}
          </View>
        </View>
      ))}
    </View>
  );
}
