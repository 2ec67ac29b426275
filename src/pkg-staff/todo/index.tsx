/**
 * 待办 — the caller's open tasks across features (ADR 0017): each feature's own `todo` action (lib/sources.ts),
 * merged and ordered by what has waited longest, with counts, how many are past their time limit, and where to do it.
 */
import { View } from '@tarojs/components';
import type { TodoItem } from '../../../types/dashboard';
import { formatInstant, formatDate } from '../../../types/time';
import { useLoader } from '../../lib/useQuery';
import { openPage, toast } from '../../lib/nav';
import { StaffGate } from '../../components/StaffGate';
import { Button } from '../../components/ui/Button';
import { Page } from '../../components/Page';
import { EmptyState, ErrorNotice } from '../../components/PageState';
import { QueryView } from '../../components/QueryView';
import { StatusTag } from '../../components/StatusTag';
import { askSubscription } from '../../lib/subscribe';
import { TODO_SOURCES, loadAll } from '../lib/sources';
import '../lib/workspace.scss';

const since = (at: string) => (at.length === 10 ? formatDate(at) : formatInstant(at));

function Item({ item, feature }: { item: TodoItem; feature: string }) {
  return (
    <View className={`todo__item${item.overdue ? ' todo__item--overdue' : ''}`} data-todo={item.key}>
      <View className="todo__head">
        <View className="todo__count">{item.count}</View>
        <View className="todo__title">{item.title}</View>
        <StatusTag tone="neutral">{feature}</StatusTag>
      </View>
      {item.overdue ? <View className="todo__line"><StatusTag tone="danger">{`已超时 ${item.overdue} 件`}</StatusTag></View> : null}
      {item.oldestAt ? <View className="todo__line">{`最早的一件：${since(item.oldestAt)}`}</View> : null}
      <View className="todo__line">{item.note}</View>
      {item.link ? (
        <View className="actions">
          <Button type="primary" label={`去办理：${item.title}`} onClick={() => openPage(item.link!)}>去办理</Button>
        </View>
      ) : null}
    </View>
  );
}

function Todo() {
  const todo = useLoader('todo', () => loadAll(TODO_SOURCES, {}), { refreshEvery: 60_000 });
  return (
    <QueryView query={todo}>
      {(sources) => {
        const items = sources
          .flatMap((s) => (s.result.ok ? s.result.data.items.map((item) => ({ item, feature: s.title })) : []))
          .sort((a, b) => (a.item.overdue > 0) === (b.item.overdue > 0) ? (a.item.oldestAt ?? '').localeCompare(b.item.oldestAt ?? '') : a.item.overdue > 0 ? -1 : 1);
        const total = items.reduce((n, i) => n + i.item.count, 0);
        return (
          <View>
            <View className="hint workspace__todo-total" data-total={String(total)}>{total ? `共 ${total} 件待办，超时的和等得最久的在前` : ''}</View>
            <View className="actions">
              <Button label="开启微信待办提醒：下派核实、退回重办、催办和滞留心愿" onClick={() => void askSubscription('staff_tasks', { force: true }).then(() => toast('已记录您的选择'))}>开启微信待办提醒</Button>
            </View>
            {sources.map((s) => (!s.result.ok ? <ErrorNotice key={s.key} error={s.result.error} onRetry={() => void todo.reload()} /> : null))}
            {items.length === 0 ? <EmptyState text="暂时没有待办事项" /> : null}
            {items.map(({ item, feature }) => (
              <Item key={item.key} item={item} feature={feature} />
            ))}
          </View>
        );
      }}
    </QueryView>
  );
}

export default function TodoPage() {
  return (
    <Page className="staff-todo">
      <StaffGate>{() => <Todo />}</StaffGate>
    </Page>
  );
}
