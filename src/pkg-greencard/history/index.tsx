/** The holder's green-channel visits: where and when the card was checked. */
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import type { VisitView } from '../../../types/greencard.schema';
import type { AppErrorBody } from '../../../types/result';
import { call } from '../../services/cloud';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { formatTime } from '../lib/clock';
import '../lib/greencard.scss';

export default function GreencardHistoryPage() {
  const [visits, setVisits] = useState<VisitView[] | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const load = async () => {
    const r = await call('greencard', 'myVisits', { limit: 100 });
    if (r.ok) {
      setVisits(r.data.visits);
      setError(null);
    } else setError(r.error);
  };
  useDidShow(() => {
    void load();
  });
  if (error) return <ErrorState error={error} onRetry={() => void load()} />;
  if (!visits) return <LoadingState />;
  if (visits.length === 0) return <EmptyState text="还没有使用绿色通道的记录" />;
  return (
    <View className="page">
      <View className="hint">共 {visits.length} 次。每次在医院窗口核验通过都会记录在这里。</View>
      {visits.map((v) => (
        <View key={v.id} className="gc-list-item gc-visit">
          <View className="gc-list-item__title">{v.hospitalName}</View>
          <View className="gc-list-item__meta">
            {formatTime(v.at)}
            {v.offline ? '（医院离线核验，联网后补记）' : ''}
          </View>
        </View>
      ))}
    </View>
  );
}
