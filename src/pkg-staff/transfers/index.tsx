/**
 * Staff: transfers waiting for this union to confirm — into the caller's own grassroots union, or between two unions
 * of the caller's subtree. Confirming moves the person; not agreeing needs a reason, which the person sees.
 */
import { View } from '@tarojs/components';
import { formatInstant } from '../../../types/time';
import { call, type ActionOutput } from '../../services/cloud';
import { useQuery } from '../../lib/useQuery';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { ReviewQueue, type ReviewAction } from '../../components/ReviewQueue';
import { StaffGate } from '../../components/StaffGate';

type Item = ActionOutput<'staff', 'listTransfers'>['transfers'][number];

const ACTIONS: ReviewAction<Item>[] = [
  {
    key: 'confirm',
    label: '确认调入',
    tone: 'primary',
    confirm: (t) => `确认此人调入${t.toOrgName}吗？确认后其所属工会立即变更。`,
    done: '已确认调动',
    run: (t, _r, opts) => call('staff', 'decideTransfer', { transferId: t.id, decision: 'confirm' }, opts),
  },
  {
    key: 'reject',
    label: '不同意',
    tone: 'danger',
    reason: 'required',
    done: '已答复：不同意调动',
    run: (t, reason, opts) => call('staff', 'decideTransfer', { transferId: t.id, decision: 'reject', reason }, opts),
  },
];

function Queue() {
  const queue = useQuery('staff', 'listTransfers', {});
  return (
    <QueryView query={queue}>
      {(d) => (
        <ReviewQueue
          items={d.transfers}
          itemKey={(t) => t.id}
          itemClassName="staff-transfers__item"
          summary={(t) => `${t.fromOrgName} → ${t.toOrgName}`}
          details={(t) => (
            <>
              <View>{`调动原因：${t.reason}`}</View>
              <View>{`申请时间：${formatInstant(t.createdAt)}`}</View>
            </>
          )}
          actions={ACTIONS}
          reasonLabel="不同意的原因（不同意时必填）"
          emptyText="没有等待确认的调动申请"
          onDone={() => void queue.reload()}
        />
      )}
    </QueryView>
  );
}

export default function TransfersPage() {
  return (
    <Page className="staff-transfers">
      <StaffGate>{() => <Queue />}</StaffGate>
    </Page>
  );
}
