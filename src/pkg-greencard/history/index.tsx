/** The holder's green-channel visits: where and when the card was checked (Shanghai time). */
import { View } from '@tarojs/components';
import { formatInstant } from '../../../types/time';
import { useQuery } from '../../lib/useQuery';
import { EmptyState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import '../lib/greencard.scss';

export default function GreencardHistoryPage() {
  const visits = useQuery('greencard', 'myVisits', { limit: 100 });
  return (
    <Page className="gc-history">
      <QueryView query={visits}>
        {(d) =>
          d.visits.length === 0 ? (
            <EmptyState text="还没有使用绿色通道的记录" />
          ) : (
            <View>
              <View className="hint">共 {d.visits.length} 次。每次在医院窗口核验通过都会记录在这里。</View>
              {d.visits.map((v) => (
                <View key={v.id} className="gc-list-item gc-visit">
                  <View className="gc-list-item__title">{v.hospitalName}</View>
                  <View className="gc-list-item__meta">
                    {formatInstant(v.at)}
                    {v.offline ? '（医院离线核验，联网后补记）' : ''}
                  </View>
                </View>
              ))}
            </View>
          )
        }
      </QueryView>
    </Page>
  );
}
