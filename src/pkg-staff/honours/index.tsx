/**
 * 荣誉登记册: the subtree's honours by link status, with confirming or rejecting a suggested link to a person (a
 * review queue), registering one honour, and importing a spreadsheet.
 */
import { useState } from 'react';
import { View } from '@tarojs/components';
import { HONOUR_LEVEL_LABELS, type HonourView } from '../../../types/account.schema';
import { call, type ActionOutput } from '../../services/cloud';
import { LINK_STATUS_LABELS } from '../../lib/labels';
import { usePagedQuery } from '../../lib/useQuery';
import { StaffGate } from '../../components/StaffGate';
import { LINK_STATUS_TONES, StatusTag } from '../../components/StatusTag';
import { LoadMore } from '../../components/LoadMore';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { ReviewQueue, type ReviewAction } from '../../components/ReviewQueue';
import { TabBar } from '../../components/TabBar';
import { HonourForm } from './HonourForm';
import { ImportPanel } from './ImportPanel';
import './index.scss';

type LinkStatus = HonourView['linkStatus'];
type Filter = LinkStatus | 'all';
type RegistryHonour = ActionOutput<'staff', 'listHonours'>['honours'][number];

const FILTERS: (readonly [Filter, string])[] = [
  ['suggested', '待确认'],
  ['all', '全部'],
  ['confirmed', '已确认'],
  ['none', '未关联'],
  ['rejected', '已否认'],
];
const PANELS = [
  ['list', '登记册'],
  ['add', '登记荣誉'],
  ['import', '批量导入'],
] as const;
type Panel = (typeof PANELS)[number][0];

const LINK_ACTIONS: ReviewAction<RegistryHonour>[] = [
  { key: 'confirm', label: '确认关联', tone: 'primary', done: '已确认关联', run: (h, _r, o) => call('staff', 'confirmHonourLink', { honourId: h.id }, o) },
  {
    key: 'reject',
    label: '否认关联',
    tone: 'danger',
    reason: 'required',
    confirm: (h) => `确定否认 ${h.nameMasked} 与这条荣誉的关联吗？`,
    done: '已否认关联',
    run: (h, reason, o) => call('staff', 'rejectHonourLink', { honourId: h.id, reason: reason ?? '' }, o),
  },
];

function Registry() {
  const [filter, setFilter] = useState<Filter>('suggested');
  const honours = usePagedQuery('staff', 'listHonours', filter === 'all' ? {} : { linkStatus: filter }, (d) => ({ items: d.honours, total: d.total }));
  const [changed, setChanged] = useState<Record<string, RegistryHonour>>({});
  return (
    <View>
      <TabBar tabs={FILTERS} value={filter} onChange={setFilter} label="按关联状态查看" className="honours__filter" />
      <QueryView query={honours}>
        {(d) => {
          const items = d.items.map((h) => changed[h.id] ?? h).filter((h) => filter === 'all' || h.linkStatus === filter);
          return (
            <View>
              <View className="hint">{`共 ${d.total} 条`}</View>
              <ReviewQueue
                items={items}
                itemKey={(h) => h.id}
                itemClassName="honour"
                itemData={(h) => ({ 'data-honour-id': h.id })}
                summary={(h) => `${h.nameMasked} · ${h.title}`}
                details={(h) => (
                  <>
                    <View>{`${HONOUR_LEVEL_LABELS[h.level]} · ${h.year} 年 · ${h.awardingBody} · ${h.idMasked}`}</View>
                    <StatusTag tone={LINK_STATUS_TONES[h.linkStatus]}>{LINK_STATUS_LABELS[h.linkStatus]}</StatusTag>
                  </>
                )}
                actions={(h) => (h.linkStatus === 'suggested' ? LINK_ACTIONS : [])}
                reasonLabel="否认的原因（否认时必填）"
                emptyText="这一类下暂无荣誉记录"
                onDone={(_h, _a, data) => {
                  const row = data as RegistryHonour;
                  setChanged((c) => ({ ...c, [row.id]: row }));
                }}
              />
              <LoadMore query={honours} />
            </View>
          );
        }}
      </QueryView>
    </View>
  );
}

function Honours() {
  const [panel, setPanel] = useState<Panel>('list');
  return (
    <View>
      <TabBar tabs={PANELS} value={panel} onChange={setPanel} label="荣誉登记册" className="honours__switch" />
      {panel === 'add' ? <HonourForm onAdded={() => setPanel('list')} /> : null}
      {panel === 'import' ? <ImportPanel /> : null}
      {panel === 'list' ? <Registry /> : null}
    </View>
  );
}

export default function HonoursPage() {
  return (
    <Page className="staff-honours">
      <StaffGate>{() => <Honours />}</StaffGate>
    </Page>
  );
}
