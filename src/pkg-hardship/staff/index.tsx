/**
 * 困难帮扶工作台: the queues of the caller's level with counts — to verify, to review, overdue, returned, in 公示, to
 * pay, dispatched, and re-checks due — each a list of cases (masked: no family, attachments, illness or income),
 * and the ways to payments, the archive and dispatch.
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { MeOutput } from '../../../types/account.schema';
import type { OrgLevel } from '../../../types/org';
import { QUEUES, QUEUE_LABELS, type QueueKey } from '../../../types/hardship.schema';
import { useQuery } from '../../lib/useQuery';
import { openPage } from '../../lib/nav';
import { Cell, CellGroup } from '../../components/ui/Cell';
import { Heading } from '../../components/Heading';
import { EmptyState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { StaffGate } from '../../components/StaffGate';
import { TabBar } from '../../components/TabBar';
import { Tappable } from '../../components/Tappable';
import { CaseCard } from '../lib/CaseParts';
import { PAGES } from '../lib/labels';
import '../lib/hardship.scss';

const LINKS = [
  { key: 'payments', title: '救助金发放', description: '按批登记发放，导出待发放名单（Excel），发放统计', path: PAGES.payments },
  { key: 'households', title: '困难职工档案与复核', description: '建档家庭、到期复核，开始复核', path: PAGES.households },
  { key: 'dispatch', title: '下派核实', description: '逐户或按 Excel 名单下派给基层工会，限期核实上报', path: PAGES.dispatch },
] as const;

/** County level and above set the local standard; others see, read-only, the one their cases follow. */
const configLink = (level: OrgLevel | undefined) =>
  level && ['province', 'city', 'county'].includes(level)
    ? { title: '本地帮扶标准设置', description: '低保标准、审批层级、时限、公示和救助标准（按年度）' }
    : { title: '本地帮扶标准', description: '查看本辖区适用的低保标准、时限和救助标准' };

function Queues({ me }: { me: MeOutput }) {
  const [queue, setQueue] = useState<QueueKey>('verify');
  const list = useQuery('hardship', 'queues', { queue, limit: 100, offset: 0 });
  const due = useQuery('hardship', 'households', { due: true });
  const counts = list.data?.counts;
  const tabs = QUEUES.map((q) => [q, counts ? `${QUEUE_LABELS[q]} ${counts[q] ?? 0}` : QUEUE_LABELS[q]] as const);
  return (
    <View>
      <CellGroup>
        {LINKS.map((l) => (
          <Tappable key={l.key} role="link" className={`hs-staff__${l.key}`} onPress={() => openPage(l.path)}>
            <Cell title={l.key === 'households' && due.data ? `${l.title}（到期复核 ${due.data.dueCount}）` : l.title} description={l.description} extra="进入 ›" />
          </Tappable>
        ))}
        <Tappable role="link" className="hs-staff__config" onPress={() => openPage(PAGES.config)}>
          <Cell title={configLink(me.staffScope?.level).title} description={configLink(me.staffScope?.level).description} extra="进入 ›" />
        </Tappable>
      </CellGroup>
      <Heading>待办队列</Heading>
      <TabBar tabs={tabs} value={queue} onChange={setQueue} label="帮扶待办队列" className="hs-staff__tabs" />
      <QueryView query={list}>
        {({ items, total }) => (
          <View className="hs-staff__list" data-queue={queue}>
            {items.length === 0 ? <EmptyState text={`「${QUEUE_LABELS[queue]}」没有申请`} /> : null}
            {items.map((c) => (
              <CaseCard key={c.id} c={c} url={PAGES.review(c.id)} />
            ))}
            {total > items.length ? <View className="hint">{`共 ${total} 件，这里显示最早的 ${items.length} 件`}</View> : null}
          </View>
        )}
      </QueryView>
    </View>
  );
}

export default function HardshipStaffPage() {
  return (
    <Page className="hs-staff">
      <StaffGate>{(me) => <Queues me={me} />}</StaffGate>
    </Page>
  );
}
