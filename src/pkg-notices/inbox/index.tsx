/**
 * 我的消息 — the message centre (ADR 0014): what happened to the person's sign-ups, cards, cases and wishes, newest
 * first, in plain words with the time; tapping one marks it read and opens its record. Works for everyone, whether
 * they accepted WeChat reminders or not; the 微信提醒 section says what is switched on and lets them switch it on.
 * On H5 (the local demo) it also shows what would have gone to WeChat.
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { NoticeView } from '../../../types/notices.schema';
import { formatInstant } from '../../../types/time';
import { useQuery, usePagedQuery } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { openPage, toast } from '../../lib/nav';
import { askSubscription, type SubscribeMoment } from '../../lib/subscribe';
import { setUnreadNotices } from '../../services/notice-badge';
import { Button } from '../../components/ui/Button';
import { Heading } from '../../components/Heading';
import { Page } from '../../components/Page';
import { EmptyState } from '../../components/PageState';
import { QueryView } from '../../components/QueryView';
import { StatusTag } from '../../components/StatusTag';
import { Tappable } from '../../components/Tappable';
import './index.scss';

function NoticeRow({ n, onRead }: { n: NoticeView; onRead: (id: string, unread: number) => void }) {
  const mark = useMutation('notices', 'markRead');
  const open = async () => {
    if (!n.read) {
      const r = await mark.run({ id: n.id });
      if (r?.ok) onRead(n.id, r.data.unread);
    }
    if (n.link) openPage(n.link);
  };
  return (
    <Tappable role={n.link ? 'link' : 'button'} className={`inbox__item${n.read ? '' : ' inbox__item--unread'}`} data-notice-id={n.id} data-read={n.read ? 'true' : 'false'} onPress={() => void open()}>
      <View className="inbox__top">
        <StatusTag tone={n.read ? 'neutral' : 'brand'}>{n.kindLabel}</StatusTag>
        {n.read ? null : <View className="inbox__unread">未读</View>}
        <View className="inbox__time">{formatInstant(n.at)}</View>
      </View>
      <View className="inbox__title">{n.title}</View>
      <View className="inbox__body">{n.body}</View>
      {n.link ? <View className="inbox__open">查看详情 ›</View> : null}
    </Tappable>
  );
}

const MOMENTS: [SubscribeMoment, string][] = [
  ['trip_signup', '开启疗休养提醒'],
  ['card_apply', '开启绿通卡提醒'],
  ['hardship_file', '开启困难帮扶提醒'],
  ['wish_claim', '开启微心愿提醒'],
];

function Reminders() {
  const subs = useQuery('notices', 'subscriptions', {});
  const [asking, setAsking] = useState(false);
  const ask = async (moment: SubscribeMoment) => {
    if (asking) return;
    setAsking(true);
    await askSubscription(moment, { force: true });
    setAsking(false);
    await subs.reload();
    toast('已记录您的选择');
  };
  return (
    <View className="inbox__reminders">
      <Heading>微信提醒</Heading>
      <View className="hint">开启后，办理结果和提醒还会通过微信服务通知发给您；每同意一次可收到一条。不开启也不影响在这里查看全部消息。</View>
      <QueryView query={subs}>
        {(d) => (
          <View className="inbox__subs">
            {d.templates.map((t) => (
              <View key={t.template} className="inbox__sub" data-template={t.template}>
                <View className="inbox__sub-title">{t.title}</View>
                <View className="inbox__sub-state">{t.refused ? '您已拒绝' : t.left > 0 ? `还可提醒 ${t.left} 次` : t.granted > 0 ? '已提醒过，可再次开启' : '未开启'}</View>
              </View>
            ))}
          </View>
        )}
      </QueryView>
      <View className="actions inbox__ask">
        {MOMENTS.map(([moment, label]) => (
          <Button key={moment} size="large" block disabled={asking} className={`inbox__ask-${moment}`} onClick={() => void ask(moment)}>
            {label}
          </Button>
        ))}
      </View>
    </View>
  );
}

/** H5 only: what the local stand-in for WeChat received for this person. */
function LocalOutbox() {
  const outbox = useQuery('notices', 'outbox', {});
  return (
    <QueryView query={outbox}>
      {(d) =>
        d.local ? (
          <View className="inbox__outbox">
            <Heading>本地演示：发到微信的服务通知</Heading>
            {d.items.length === 0 ? <View className="hint">还没有发到微信的通知。</View> : null}
            {d.items.map((m, i) => (
              <View key={`${m.at}-${i}`} className="inbox__wx" data-template={m.template}>
                <View className="inbox__wx-title">{m.title}</View>
                {m.fields.map((f) => (
                  <View key={f.label} className="inbox__wx-field">{`${f.label}：${f.value}`}</View>
                ))}
                <View className="inbox__wx-time">{`${formatInstant(m.at)} · 点开进入 ${m.page}`}</View>
              </View>
            ))}
          </View>
        ) : null
      }
    </QueryView>
  );
}

export default function InboxPage() {
  const list = usePagedQuery('notices', 'mine', {}, (d) => ({ items: d.items, total: d.total, unread: d.unread }));
  const [read, setRead] = useState<Record<string, true>>({});
  const markAll = useMutation('notices', 'markAllRead');
  const onRead = (id: string, unread: number) => {
    setRead((r) => ({ ...r, [id]: true }));
    setUnreadNotices(unread);
  };
  const readAll = async () => {
    const r = await markAll.run({});
    if (r?.ok) {
      setUnreadNotices(r.data.unread);
      await list.reload();
    }
  };
  return (
    <Page className="inbox">
      <QueryView query={list}>
        {(d) => {
          const items = d.items.map((n) => (read[n.id] ? { ...n, read: true } : n));
          const unread = items.filter((n) => !n.read).length;
          return (
            <View>
              <View className="inbox__summary">
                <View className="inbox__count" data-unread={String(unread)}>{unread ? `共 ${d.total} 条，${unread} 条未读` : `共 ${d.total} 条，全部已读`}</View>
                {unread ? (
                  <Button size="small" className="inbox__read-all" loading={markAll.busy} onClick={() => void readAll()}>
                    全部标为已读
                  </Button>
                ) : null}
              </View>
              {items.length === 0 ? <EmptyState text="还没有消息。报名、申领绿通卡等办理有了结果，会在这里告诉您。" /> : null}
              <View className="inbox__list">
                {items.map((n) => (
                  <NoticeRow key={n.id} n={n} onRead={onRead} />
                ))}
              </View>
              {list.hasMore ? (
                <View className="actions">
                  <Button block loading={list.loadingMore} onClick={() => void list.loadMore()}>
                    加载更多
                  </Button>
                </View>
              ) : null}
            </View>
          );
        }}
      </QueryView>
      <Reminders />
      {process.env.TARO_ENV === 'h5' ? <LocalOutbox /> : null}
    </Page>
  );
}
