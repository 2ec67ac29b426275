/** 困难职工档案: archived households in the caller's subtree, the re-checks due, starting a re-check (a case of its own). */
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { HouseholdView } from '../../../types/hardship.schema';
import { formatDate, formatInstant } from '../../../types/time';
import { useQuery } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { confirm, openPage, toast } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { FormError } from '../../components/Field';
import { EmptyState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { StaffGate } from '../../components/StaffGate';
import { TabBar } from '../../components/TabBar';
import { PAGES } from '../lib/labels';
import '../lib/hardship.scss';

function HouseholdCard({ h, onDone }: { h: HouseholdView; onDone: () => void }) {
  const start = useMutation('hardship', 'startRecheck');
  const run = async () => {
    if (!(await confirm('开始复核', `开始 ${h.name} 家的年度复核？由基层工会入户核实。`))) return;
    const r = await start.run({ householdId: h.id });
    if (r?.ok) {
      toast(r.data.message);
      onDone();
    }
  };
  return (
    <View className="hs-card hs-household" data-household={h.id}>
      <View className="hs-card__title">{`${h.name} · ${h.categoryText}`}</View>
      <View className={`hs-status hs-status--${h.status === 'archived' ? 'good' : 'ended'}`}>{h.status === 'archived' ? '在档' : '已脱困'}</View>
      {h.recheckDue && h.status === 'archived' ? <View className="hs-status hs-status--bad">复核到期</View> : null}
      <View className="hs-line">{h.orgName}</View>
      <View className="hs-line">{`建档：${formatInstant(h.archivedAt)} · 复核日期：${formatDate(h.recheckDueOn)}`}</View>
      {h.closedReason ? <View className="hs-line">{`脱困原因：${h.closedReason}`}</View> : null}
      <FormError message={start.formError} />
      <View className="hs-actions">
        {h.recheckCaseId ? (
          <Button size="large" className="hs-household__open" label={`查看复核：${h.name}`} onClick={() => openPage(PAGES.review(h.recheckCaseId as string))}>
            查看复核
          </Button>
        ) : h.status === 'archived' ? (
          <Button type="primary" size="large" loading={start.busy} className="hs-household__start" label={`开始复核：${h.name}`} onClick={() => void run()}>
            开始复核
          </Button>
        ) : null}
      </View>
    </View>
  );
}

function Households() {
  const [due, setDue] = useState<'due' | 'all'>('due');
  const list = useQuery('hardship', 'households', due === 'due' ? { due: true } : {});
  return (
    <View>
      <TabBar tabs={[['due', `到期复核${list.data ? ` ${list.data.dueCount}` : ''}`], ['all', '全部档案']] as const} value={due} onChange={setDue} label="档案范围" />
      <QueryView query={list}>
        {({ items }) => (
          <View>
            {items.length === 0 ? <EmptyState text={due === 'due' ? '没有到期需要复核的家庭' : '本辖区还没有建档的困难家庭'} /> : null}
            {items.map((h) => (
              <HouseholdCard key={h.id} h={h} onDone={() => void list.reload()} />
            ))}
          </View>
        )}
      </QueryView>
    </View>
  );
}

export default function HouseholdsPage() {
  return (
    <Page className="hs-households">
      <StaffGate>{() => <Households />}</StaffGate>
    </Page>
  );
}
