/** The published draw of a session: the seed, the method, and every applicant's ticket, weight and rank — anyone can recompute it. */
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { AppErrorBody } from '../../../types/result';
import type { DrawResult } from '../../../types/trips.schema';
import { call } from '../../services/cloud';
import { ErrorState, LoadingState } from '../../components/PageState';
import { fmtInstant } from '../lib/format';
import '../lib/trips.scss';

type Load = { status: 'loading' } | { status: 'ready'; draw: DrawResult } | { status: 'error'; error: AppErrorBody };

export default function DrawPage() {
  const { params } = useRouter();
  const sessionId = params.sessionId ?? '';
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const fetch = useCallback(async () => {
    const r = await call('trips', 'drawResult', { sessionId });
    setLoad(r.ok ? { status: 'ready', draw: r.data } : { status: 'error', error: r.error });
  }, [sessionId]);
  useEffect(() => {
    void fetch();
  }, [fetch]);

  if (load.status === 'loading') return <View className="page"><LoadingState /></View>;
  if (load.status === 'error') return <View className="page"><ErrorState error={load.error} onRetry={() => void fetch()} /></View>;
  const { draw } = load;
  return (
    <View className="page trips-draw">
      <View className="trips-card">
        <View className="trips-card__title">{`共 ${draw.entries.length} 人报名，${draw.places} 个名额`}</View>
        <View className="trips-card__line">{`抽签时间：${fmtInstant(draw.drawnAt)}`}</View>
        <View className="trips-card__line trips-draw__seed">{`公开随机种子：${draw.seed}`}</View>
        <View className="hint">{draw.algorithm}</View>
      </View>
      {draw.entries.map((e) => (
        <View key={e.ticket} className="trips-row">
          <View className="trips-row__name">{`第 ${e.rank} 位　${e.nameMasked}　${e.won ? '中签' : '候补'}`}</View>
          <View className="trips-card__line">{`签号 ${e.ticket} · 权重 ${e.weight}`}</View>
        </View>
      ))}
    </View>
  );
}
