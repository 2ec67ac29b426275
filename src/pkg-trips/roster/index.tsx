/** Staff of the organising union: a session's roster with contact details, check-in at departure, Excel export, the draw. */
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { AppErrorBody } from '../../../types/result';
import { call, newRequestId, type ActionOutput } from '../../services/cloud';
import { StaffGate } from '../../components/StaffGate';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { Button } from '../../components/ui';
import { toast } from '../../lib/nav';
import { fmtInstant, fmtRange } from '../lib/format';
import { saveBase64File } from '../lib/save-file';
import { statusTone } from '../lib/labels';
import { useShowLoad } from '../lib/useShowLoad';
import '../lib/trips.scss';

type Roster = ActionOutput<'trips', 'roster'>;
type Load = { status: 'loading' } | { status: 'ready'; data: Roster } | { status: 'error'; error: AppErrorBody };

function RosterView({ sessionId }: { sessionId: string }) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [busy, setBusy] = useState<string | null>(null);

  const fetch = useCallback(async () => {
    const r = await call('trips', 'roster', { sessionId });
    setLoad(r.ok ? { status: 'ready', data: r.data } : { status: 'error', error: r.error });
  }, [sessionId]);

  useShowLoad(fetch);

  const checkIn = async (signupId: string, name: string) => {
    const sure = await Taro.showModal({ title: '出发签到', content: `确认 ${name} 已到达集合点？`, confirmText: '确认签到', cancelText: '取消' });
    if (!sure.confirm) return;
    setBusy(signupId);
    const r = await call('trips', 'checkIn', { signupId }, { requestId: newRequestId() });
    setBusy(null);
    toast(r.ok ? `${name} 已签到` : r.error.message);
    void fetch();
  };

  const exportXlsx = async () => {
    setBusy('export');
    const r = await call('trips', 'exportRoster', { sessionId });
    setBusy(null);
    if (!r.ok) return toast(r.error.message);
    try {
      await saveBase64File(r.data.fileName, r.data.contentBase64);
    } catch {
      toast('文件保存失败，请稍后再试');
    }
  };

  const draw = async () => {
    const sure = await Taro.showModal({ title: '抽签', content: '抽签结果和随机种子会公开，任何人都可以复核。确定现在抽签吗？', confirmText: '开始抽签', cancelText: '取消' });
    if (!sure.confirm) return;
    setBusy('draw');
    const r = await call('trips', 'runDraw', { sessionId }, { requestId: newRequestId() });
    setBusy(null);
    toast(r.ok ? `抽签完成，种子：${r.data.seed}` : r.error.message);
    void fetch();
  };

  if (load.status === 'loading') return <LoadingState />;
  if (load.status === 'error') return <ErrorState error={load.error} onRetry={() => void fetch()} />;
  const { data } = load;
  const holders = data.rows.filter((r) => ['confirmed', 'pending_review', 'offered', 'attended'].includes(r.status)).length;
  const hasApplicants = data.rows.some((r) => r.status === 'applied');

  return (
    <View>
      <View className="trips-card">
        <View className="trips-card__title">{`${data.tripTitle} · ${data.session.label}`}</View>
        <View className="trips-card__line">{`${fmtRange(data.session.departDate, data.session.returnDate)}，名额 ${data.session.places}，已占 ${holders}，剩 ${data.session.placesLeft}，候补 ${data.session.waiting}`}</View>
        <View className="hint">名单含联系方式，仅供组织出行使用，请勿外传。</View>
        <View className="trips-card__actions">
          <Button type="primary" size="large" loading={busy === 'export'} className="trips-roster__export" onClick={() => void exportXlsx()}>导出 Excel 名单</Button>
          {hasApplicants && !data.session.drawnAt ? <Button size="large" loading={busy === 'draw'} onClick={() => void draw()}>抽签</Button> : null}
        </View>
      </View>
      {data.rows.length === 0 ? <EmptyState text="这一期还没有人报名" /> : null}
      {data.rows.map((r) => (
        <View key={r.signupId} className="trips-row trips-roster__row" data-signup-id={r.signupId} data-status={r.status}>
          <View className="trips-row__name">{`${r.name}　${r.phone}`}</View>
          <View className="trips-card__line">{`${r.orgName} · ${r.birthYear} 年出生${r.priority ? ' · 近年未参加' : ''}`}</View>
          <View className="trips-card__line">{`紧急联系人：${r.emergencyName}（${r.emergencyRelation}）${r.emergencyPhone}`}</View>
          {r.healthNotes ? <View className="trips-card__line">{`健康情况：${r.healthNotes}`}</View> : null}
          <View className={`trips-status trips-status--${statusTone(r.status)}`}>
            {`${r.statusText}${r.waitNo && r.status === 'waiting' ? `（候补 ${r.waitNo} 号）` : ''}${r.drawRank ? ` · 抽签第 ${r.drawRank} 位` : ''}`}
          </View>
          {r.checkedInAt ? <View className="trips-card__line">{`签到时间：${fmtInstant(r.checkedInAt)}`}</View> : null}
          {r.status === 'confirmed' ? (
            <View className="trips-card__actions">
              <Button type="primary" size="large" loading={busy === r.signupId} onClick={() => void checkIn(r.signupId, r.name)}>出发签到</Button>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}

export default function RosterPage() {
  const { params } = useRouter();
  return (
    <View className="page trips-roster">
      <StaffGate>{() => <RosterView sessionId={params.sessionId ?? ''} />}</StaffGate>
    </View>
  );
}
