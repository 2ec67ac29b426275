/** The published draw of a session: the seed, the method, and every applicant's ticket, weight and rank — anyone can recompute it. */
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { formatInstant } from '../../../types/time';
import { useQuery } from '../../lib/useQuery';
import { Heading } from '../../components/Heading';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import '../lib/trips.scss';

export default function DrawPage() {
  const { params } = useRouter();
  const draw = useQuery('trips', 'drawResult', { sessionId: params.sessionId ?? '' });
  return (
    <Page className="trips-draw">
      <QueryView query={draw}>
        {(d) => (
          <View>
            <View className="trips-card">
              <Heading className="trips-card__title">{`共 ${d.entries.length} 人报名，${d.places} 个名额`}</Heading>
              <View className="trips-card__line">{`抽签时间：${formatInstant(d.drawnAt)}`}</View>
              <View className="trips-card__line trips-draw__seed">{`公开随机种子：${d.seed}`}</View>
              <View className="hint">{d.algorithm}</View>
            </View>
            {d.entries.map((e) => (
              <View key={e.ticket} className="trips-row">
                <View className="trips-row__name">{`第 ${e.rank} 位　${e.nameMasked}　${e.won ? '中签' : '候补'}`}</View>
                <View className="trips-card__line">{`签号 ${e.ticket} · 权重 ${e.weight}`}</View>
              </View>
            ))}
          </View>
        )}
      </QueryView>
    </Page>
  );
}
