/**
 * 心愿池: the published wishes of the volunteer's area, filtered by category, sorted by deadline or newest, paged.
 * A card shows only what the pool view carries: the wish, its value and deadline, the masked surname, an age band
 * and the union that vouches for it.
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { WishCategory } from '../../../types/wishes.schema';
import { formatDate } from '../../../types/time';
import { usePagedQuery } from '../../lib/useQuery';
import { openPage } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { Choice } from '../../components/Choice';
import { EmptyState } from '../../components/PageState';
import { LoadMore } from '../../components/LoadMore';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { StaffGate } from '../../components/StaffGate';
import { Tappable } from '../../components/Tappable';
import { PAGES, WISH_CATEGORIES, WISH_CATEGORY_LABELS, yuan } from '../lib/labels';
import '../lib/wishes.scss';

const CATEGORY_OPTIONS = WISH_CATEGORIES.map((c) => ({ value: c, label: WISH_CATEGORY_LABELS[c] }));
const SORT_OPTIONS = [
  { value: 'deadline' as const, label: '快到期的在前' },
  { value: 'newest' as const, label: '新发布的在前' },
];

type Pools = { id: string; name: string }[];

function Pool() {
  const [category, setCategory] = useState<WishCategory | null>(null);
  const [sort, setSort] = useState<'deadline' | 'newest'>('deadline');
  const [poolId, setPoolId] = useState<string | null>(null);
  const [pools, setPools] = useState<{ list: Pools; current: string | null; capped: boolean }>({ list: [], current: null, capped: false });
  const pool = usePagedQuery(
    'wishes',
    'pool',
    { sort, ...(category ? { category } : {}), ...(poolId ? { poolId } : {}) },
    (o) => {
      setPools({ list: o.pools, current: o.poolId, capped: o.totalCapped });
      return { items: o.items, total: o.total };
    },
  );

  return (
    <View>
      {pools.list.length > 1 ? (
        <>
          <View className="wish-label">心愿池范围</View>
          <Choice name="pool" label="心愿池范围" options={pools.list.map((p) => ({ value: p.id, label: p.name }))} selected={pools.current ? [pools.current] : []} onToggle={(id) => setPoolId(id)} />
        </>
      ) : null}
      <View className="wish-label">按类别查看</View>
      <Choice name="category" label="按类别查看" options={CATEGORY_OPTIONS} selected={category ? [category] : []} onToggle={(c) => setCategory(category === c ? null : c)} />
      <View className="wish-label">排序</View>
      <Choice name="sort" label="排序" options={SORT_OPTIONS} selected={[sort]} onToggle={(s) => setSort(s)} />

      <QueryView query={pool}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState text={category ? `目前没有待认领的「${WISH_CATEGORY_LABELS[category]}」心愿，看看其他类别吧` : '心愿池里暂时没有待认领的心愿，心愿都被认领了！'} />
          ) : (
            <View>
              <View className="hint wish-pool__total">{`${pools.list.find((p) => p.id === pools.current)?.name ?? '本地区'}：共 ${d.total}${pools.capped ? '+' : ''} 个心愿等待认领`}</View>
              {d.items.map((w) => (
                <Tappable key={w.id} role="link" className="wish-card wish-pool__item" data-wish-id={w.id} onPress={() => openPage(PAGES.detail(w.id))}>
                  <View className="wish-card__title">{w.title}</View>
                  <View className="wish-tags">
                    <View className="wish-tag">{WISH_CATEGORY_LABELS[w.category]}</View>
                    {w.released ? <View className="wish-tag">曾超期释放，盼早日认领</View> : null}
                    {w.own ? <View className="wish-tag">您家庭的心愿</View> : null}
                  </View>
                  <View className="wish-card__value">{yuan(w.valueYuan)}</View>
                  <View className="wish-card__line">{`希望在 ${formatDate(w.neededBy)} 前实现`}</View>
                  <View className="wish-card__line">{`${w.surnameMasked} · ${w.ageBand} · ${w.unionName}`}</View>
                </Tappable>
              ))}
              <LoadMore query={pool} />
            </View>
          )
        }
      </QueryView>
      <View className="actions">
        <Button size="large" block onClick={() => openPage(PAGES.mine)}>我的认领与积分</Button>
      </View>
    </View>
  );
}

export default function WishPoolPage() {
  return (
    <Page className="wish-pool">
      <StaffGate roles={['volunteer', 'model_worker']} message="心愿池供志愿者使用，请联系工会开通志愿者身份">
        {() => <Pool />}
      </StaffGate>
    </Page>
  );
}
