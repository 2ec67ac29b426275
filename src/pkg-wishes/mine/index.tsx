/**
 * 我的微心愿: a volunteer's points, open claims with their deadlines (deliver or give back from the wish), and past
 * claims with how they ended and the thanks received; an archived household's own wishes with their status.
 */
import { View } from '@tarojs/components';
import type { MineOutput, MyClaim } from '../../../types/wishes.schema';
import { formatDate, formatInstant, localDateOf } from '../../../types/time';
import { hasRole, useMe } from '../../services/me';
import { useQuery } from '../../lib/useQuery';
import { openPage } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { Heading } from '../../components/Heading';
import { EmptyState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { PAGES, statusTone, yuan } from '../lib/labels';
import '../lib/wishes.scss';

function ClaimCard({ c, open }: { c: MyClaim; open: boolean }) {
  const overdue = open && c.dueAt && localDateOf(c.dueAt) < localDateOf(new Date());
  return (
    <View className={`wish-card wish-mine__${open ? 'claim' : 'past'}`} data-wish-id={c.id} data-status={c.status}>
      <Heading level={3} className="wish-card__title">{c.title}</Heading>
      <View className={`wish-status wish-status--${open ? statusTone(c.status) : c.status === 'completed' && c.points !== null ? 'good' : 'ended'}`}>{open ? c.statusText : c.outcome}</View>
      <View className="wish-card__line">{`${yuan(c.valueYuan)} · ${c.surnameMasked} · ${c.unionName}`}</View>
      {open && c.dueAt && c.status === 'claimed' ? (
        <View className={`wish-notice${overdue ? '' : ' wish-notice--ok'} wish-mine__due`}>{`请在 ${formatInstant(c.dueAt)} 前送达`}</View>
      ) : null}
      {open && c.status === 'delivered' ? <View className="wish-card__line">已送达，等待工会或家庭确认收到</View> : null}
      {!open ? <View className="wish-card__line">{formatInstant(c.at)}</View> : null}
      {c.points !== null && !c.outcome.includes('积分') ? <View className="wish-card__line wish-mine__points">{`获得 ${c.points} 志愿积分`}</View> : null}
      {c.thanks ? <View className="wish-thanks">{`感谢的话：${c.thanks}`}</View> : null}
      <View className="wish-card__actions">
        {open && c.status === 'claimed' ? (
          <Button type="primary" size="large" label={`送达：${c.title}`} className="wish-mine__deliver" onClick={() => openPage(PAGES.deliver(c.id))}>送达</Button>
        ) : null}
        <Button size="large" label={`查看详情：${c.title}`} className="wish-mine__open" onClick={() => openPage(PAGES.detail(c.id))}>查看详情</Button>
      </View>
    </View>
  );
}

function Volunteer({ d }: { d: MineOutput }) {
  return (
    <View className="wish-mine__volunteer">
      <View className="wish-figures">
        <View className="wish-figure wish-mine__total">
          <View className="wish-figure__number">{d.points.total}</View>
          <View className="wish-figure__label">志愿积分</View>
        </View>
        <View className="wish-figure">
          <View className="wish-figure__number">{d.points.completed}</View>
          <View className="wish-figure__label">已完成的心愿</View>
        </View>
        <View className="wish-figure">
          <View className="wish-figure__number">{`${d.claimLimit.open}/${d.claimLimit.max}`}</View>
          <View className="wish-figure__label">认领中 / 最多同时认领</View>
        </View>
      </View>
      <Heading>认领中的心愿</Heading>
      {d.claims.length === 0 ? <EmptyState text="您现在没有认领中的心愿" /> : d.claims.map((c) => <ClaimCard key={c.id} c={c} open />)}
      <View className="actions">
        <Button type="primary" size="large" block className="wish-mine__pool" onClick={() => openPage(PAGES.pool)}>去心愿池看看</Button>
      </View>
      <Heading>我的记录</Heading>
      {d.history.length === 0 ? <EmptyState text="还没有记录" /> : d.history.map((c, i) => <ClaimCard key={`${c.id}-${i}`} c={c} open={false} />)}
    </View>
  );
}

function Household({ h }: { h: NonNullable<MineOutput['household']> }) {
  const left = h.allowance.max - h.allowance.used;
  return (
    <View className="wish-mine__household">
      <Heading>我家的心愿</Heading>
      <View className="hint">{`${h.allowance.year} 年已登记 ${h.allowance.used} 个，还可以登记 ${Math.max(0, left)} 个`}</View>
      {h.wishes.length === 0 ? <EmptyState text="还没有登记心愿" /> : null}
      {h.wishes.map((w) => (
        <View key={w.id} className="wish-card wish-mine__wish" data-wish-id={w.id} data-status={w.status}>
          <Heading level={3} className="wish-card__title">{w.title}</Heading>
          <View className={`wish-status wish-status--${statusTone(w.status)}`}>{w.statusText}</View>
          <View className="wish-card__line">{`希望在 ${formatDate(w.neededBy)} 前实现 · 登记于 ${formatInstant(w.at)}`}</View>
          {w.lastReason ? <View className="wish-card__line">{`说明：${w.lastReason}`}</View> : null}
          {w.status === 'delivered' ? <View className="wish-notice">志愿者已送达，请确认是否收到</View> : null}
          <View className="wish-card__actions">
            {w.status === 'returned' ? (
              <Button type="primary" size="large" label={`修改后重新提交：${w.title}`} className="wish-mine__resubmit" onClick={() => openPage(PAGES.resubmit(w.id))}>修改后重新提交</Button>
            ) : null}
            <Button size="large" type={w.status === 'delivered' ? 'primary' : 'default'} label={`${w.status === 'delivered' ? '确认收到' : '查看详情'}：${w.title}`} onClick={() => openPage(PAGES.detail(w.id))}>
              {w.status === 'delivered' ? '确认收到' : '查看详情'}
            </Button>
          </View>
        </View>
      ))}
      {left > 0 ? (
        <View className="actions">
          <Button type="primary" size="large" block className="wish-mine__collect" onClick={() => openPage(PAGES.collect())}>登记一个心愿</Button>
        </View>
      ) : null}
    </View>
  );
}

export default function MyWishesPage() {
  const { me } = useMe();
  const mine = useQuery('wishes', 'mine', {});
  const volunteer = hasRole(me, 'volunteer', 'model_worker');
  return (
    <Page className="wish-mine">
      <QueryView query={mine}>
        {(d) => (
          <View>
            {d.household ? <Household h={d.household} /> : null}
            {volunteer || d.claims.length > 0 || d.history.length > 0 ? <Volunteer d={d} /> : null}
            {!d.household && !volunteer && d.claims.length === 0 && d.history.length === 0 ? (
              <EmptyState text="您还没有参与微心愿。已建档的困难职工家庭可以在这里登记心愿；想当志愿者认领心愿，请联系所在工会。" />
            ) : null}
            <View className="actions">
              <Button size="large" block onClick={() => openPage(PAGES.wall)}>看看心愿墙</Button>
            </View>
          </View>
        )}
      </QueryView>
    </Page>
  );
}
