/**
 * The case review page for staff on its path: the case's facts (this opening is recorded by the function), then
 * what the caller may do now — verify with the home-visit record, forward with the income check, decide with the
 * tier suggestion, return, send back, reject, 催办, pay, archive, conclude a re-check — and the timeline.
 */
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useQuery } from '../../lib/useQuery';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { StaffGate } from '../../components/StaffGate';
import { CaseFacts, Timeline } from '../lib/CaseParts';
import { StaffPanel } from '../lib/StaffPanel';
import '../lib/hardship.scss';

function Review({ caseId }: { caseId: string }) {
  const detail = useQuery('hardship', 'detail', { caseId });
  return (
    <QueryView query={detail}>
      {(d) => (
        <View>
          <View className="hint">您查看申请详情会被记录。家庭成员情况和材料仅用于本次帮扶审核。</View>
          <CaseFacts d={d} />
          <StaffPanel key={`${d.status}-${d.updatedAt}`} d={d} onDone={() => void detail.reload()} />
          <Timeline items={d.timeline} />
        </View>
      )}
    </QueryView>
  );
}

export default function ReviewPage() {
  const { params } = useRouter();
  return (
    <Page className="hs-review">
      <StaffGate>{() => <Review caseId={params.caseId ?? ''} />}</StaffGate>
    </Page>
  );
}
