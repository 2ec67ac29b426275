/**
 * 心愿墙 (public): how many wishes are waiting, claimed and completed in each area, and the latest completed wishes
 * with masked names and the household's thank-you — what makes people want to take part.
 */
import { View } from '@tarojs/components';
import { formatDate, formatInstant, localDateOf } from '../../../types/time';
import { hasRole, useMe } from '../../services/me';
import { useQuery } from '../../lib/useQuery';
import { openPage } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { Heading } from '../../components/Heading';
import { EmptyState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { PAGES } from '../lib/labels';
import '../lib/wishes.scss';

export default function WishWallPage() {
  const wall = useQuery('wishes', 'wall', {});
  const { me } = useMe();
  return (
    <Page className="wish-wall">
      <QueryView query={wall}>
        {(d) => (
          <View>
            <View className="wish-figures wish-wall__totals">
              <View className="wish-figure">
                <View className="wish-figure__number">{d.totals.completed}</View>
                <View className="wish-figure__label">已实现的心愿</View>
              </View>
              <View className="wish-figure">
                <View className="wish-figure__number">{d.totals.claimed}</View>
                <View className="wish-figure__label">正在送达</View>
              </View>
              <View className="wish-figure">
                <View className="wish-figure__number">{d.totals.published}</View>
                <View className="wish-figure__label">等待认领</View>
              </View>
            </View>
            <View className="hint">{`统计截至 ${formatInstant(d.asOf)}`}</View>
            {hasRole(me, 'volunteer', 'model_worker') && d.totals.published > 0 ? (
              <View className="actions">
                <Button type="primary" size="large" block onClick={() => openPage(PAGES.pool)}>{`去认领（${d.totals.published} 个等待认领）`}</Button>
              </View>
            ) : null}

            <Heading>最近实现的心愿</Heading>
            {d.feed.length === 0 ? <EmptyState text="还没有实现的心愿，等您来认领第一个" /> : null}
            {d.feed.map((f) => (
              <View key={f.id} className="wish-card wish-wall__item" data-wish-id={f.id}>
                <Heading level={3} className="wish-card__title">{f.title}</Heading>
                <View className="wish-card__line">{`${f.areaName} · ${f.surnameMasked}家`}</View>
                <View className="wish-card__line">{`${f.volunteerNameMasked === '工会' ? '由工会帮助完成' : `志愿者 ${f.volunteerNameMasked} 送达`} · ${formatDate(localDateOf(f.completedAt))}`}</View>
                {f.thanks ? <View className="wish-thanks wish-wall__thanks">{`“${f.thanks}”`}</View> : null}
              </View>
            ))}

            <Heading>各地区</Heading>
            {d.areas.length === 0 ? <EmptyState text="还没有地区发布心愿" /> : null}
            {d.areas.length > 0 ? (
              <View className="wish-card wish-wall__areas">
                {d.areas.map((a) => (
                  <View key={a.id} className="wish-row">
                    <View>{a.name}</View>
                    <View>{`完成 ${a.completed} · 送达中 ${a.claimed} · 待认领 ${a.published}`}</View>
                  </View>
                ))}
              </View>
            ) : null}
          </View>
        )}
      </QueryView>
    </Page>
  );
}
