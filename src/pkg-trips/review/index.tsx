/** Staff: sign-ups waiting for review (their places are held); approve, or reject with a reason. */
import { View } from '@tarojs/components';
import { formatDate, formatInstant } from '../../../types/time';
import { call } from '../../services/cloud';
import { useQuery } from '../../lib/useQuery';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { ReviewQueue, type ReviewAction } from '../../components/ReviewQueue';
import { StaffGate } from '../../components/StaffGate';
import type { ActionOutput } from '../../services/cloud';
import '../lib/trips.scss';

type Item = ActionOutput<'trips', 'reviewQueue'>['items'][number];

const ACTIONS: ReviewAction<Item>[] = [
  { key: 'approve', label: '通过', tone: 'primary', done: '已通过', run: (i, _reason, opts) => call('trips', 'review', { signupId: i.signupId, decision: 'approve' }, opts) },
  {
    key: 'reject',
    label: '不通过',
    tone: 'danger',
    reason: 'required',
    confirm: (i) => `确定不通过 ${i.name} 的报名吗？名额会让给候补的职工。`,
    done: '已不通过，名额已让给候补',
    run: (i, reason, opts) => call('trips', 'review', { signupId: i.signupId, decision: 'reject', reason }, opts),
  },
];

function Queue() {
  const queue = useQuery('trips', 'reviewQueue', {});
  return (
    <QueryView query={queue}>
      {(d) => (
        <ReviewQueue
          items={d.items}
          itemKey={(i) => i.signupId}
          itemClassName="trips-review__item"
          itemData={(i) => ({ 'data-signup-id': i.signupId })}
          summary={(i) => `${i.name}　${i.phone}`}
          details={(i) => (
            <>
              <View>{`${i.tripTitle} · ${i.sessionLabel}（${formatDate(i.departDate)} 出发）`}</View>
              <View>{`${i.orgName} · ${i.birthYear} 年出生 · 报名于 ${formatInstant(i.signedUpAt)}`}</View>
              {i.healthNotes ? <View>{`健康情况：${i.healthNotes}`}</View> : null}
            </>
          )}
          actions={ACTIONS}
          reasonLabel="不通过的原因（不通过时必填）"
          emptyText="没有待审核的报名"
          onDone={() => void queue.reload()}
        />
      )}
    </QueryView>
  );
}

export default function ReviewPage() {
  return (
    <Page className="trips-review">
      <StaffGate>{() => <Queue />}</StaffGate>
    </Page>
  );
}
