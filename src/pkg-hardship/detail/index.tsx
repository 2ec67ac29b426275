/**
 * A case for the filer (and the person concerned): where it is, the whole timeline (who, when, what, why), the
 * files through short-lived links, and the case's own `actions` as buttons — withdraw, resubmit after a return
 * (with the missing document added, on the form), continue a draft. Staff who open it are sent to the review page.
 */
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { CaseDetail } from '../../../types/hardship.schema';
import { useQuery } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { confirm, openPage, toast } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { FormError } from '../../components/Field';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { CaseFacts, Timeline } from '../lib/CaseParts';
import { PAGES } from '../lib/labels';
import '../lib/hardship.scss';

const STAFF_ACTIONS = ['verify', 'forward', 'decide', 'conclude', 'send_back', 'return', 'reject', 'remind', 'pay', 'archive', 'close'];

function WorkerActions({ d, onDone }: { d: CaseDetail; onDone: () => void }) {
  const withdraw = useMutation('hardship', 'withdraw');
  const a = new Set(d.actions);
  const doWithdraw = async () => {
    if (!(await confirm('撤回申请', '撤回后这份申请不再办理，需要时可以重新申请。确定撤回吗？', '撤回', '再想想'))) return;
    const r = await withdraw.run({ caseId: d.id });
    if (r?.ok) {
      toast(r.data.message);
      onDone();
    }
  };
  const staff = d.actions.some((x) => STAFF_ACTIONS.includes(x));
  return (
    <View className="hs-form hs-detail__actions">
      {a.has('resubmit') ? (
        <>
          <View className="hs-notice hs-detail__returned">{`工会请您补充材料${d.missingDocs.length ? `：${d.missingDocs.map((m) => m.label).join('、')}` : ''}。补充后重新提交。`}</View>
          <Button type="primary" size="large" block className="hs-detail__resubmit" onClick={() => openPage(PAGES.apply(d.id))}>
            补充材料并重新提交
          </Button>
        </>
      ) : null}
      {a.has('edit') ? (
        <Button type="primary" size="large" block className="hs-detail__edit" onClick={() => openPage(PAGES.apply(d.id))}>
          继续填写
        </Button>
      ) : null}
      {staff ? (
        <Button type="primary" size="large" block className="hs-detail__review" onClick={() => openPage(PAGES.review(d.id))}>
          去办理
        </Button>
      ) : null}
      {a.has('withdraw') ? (
        <Button size="large" block loading={withdraw.busy} className="hs-detail__withdraw button--danger" onClick={() => void doWithdraw()}>
          撤回申请
        </Button>
      ) : null}
      <FormError message={withdraw.formError} />
    </View>
  );
}

export default function CaseDetailPage() {
  const { params } = useRouter();
  const detail = useQuery('hardship', 'detail', { caseId: params.caseId ?? '' });
  return (
    <Page className="hs-detail">
      <QueryView query={detail}>
        {(d) => (
          <View>
            <WorkerActions d={d} onDone={() => void detail.reload()} />
            <CaseFacts d={d} />
            <Timeline items={d.timeline} />
          </View>
        )}
      </QueryView>
    </Page>
  );
}
