/** 帮扶公示: approved cases in the caller's subtree with masked names (王*明), and an objection (异议) during the period. */
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { NoticeItem } from '../../../types/hardship.schema';
import { formatDate } from '../../../types/time';
import { useQuery } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { confirm, toast } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { Field, FormError } from '../../components/Field';
import { EmptyState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { yuan } from '../lib/labels';
import '../lib/hardship.scss';

function NoticeCard({ n, onDone }: { n: NoticeItem; onDone: () => void }) {
  const object = useMutation('hardship', 'object');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const submit = async () => {
    if (reason.trim().length < 5) return object.setFieldErrors({ reason: '请写明异议理由（至少 5 个字）' });
    if (!(await confirm('提出异议', '异议会转给审批工会复核，您的身份不会告诉申请人。确定提交吗？'))) return;
    const r = await object.run({ caseId: n.caseId, reason: reason.trim() });
    if (r?.ok) {
      toast(r.data.message);
      setOpen(false);
      onDone();
    }
  };
  return (
    <View className="hs-card hs-notice-item" data-case={n.caseId}>
      <View className="hs-card__title hs-notice-item__name">{n.nameMasked}</View>
      <View className="hs-line hs-line--main">{`${n.orgName}`}</View>
      <View className="hs-line">{`${n.categoryText} · ${n.aidKindsText} · ${yuan(n.amount)}`}</View>
      <View className="hs-line">{`审批：${n.decidedBy}`}</View>
      <View className="hs-line">{`公示期：${formatDate(n.from)}至${formatDate(n.until)}`}</View>
      {open ? (
        <View>
          <Field label="异议理由" name="objection" value={reason} onChange={(x) => { setReason(x); object.clearFieldError('reason'); }} error={object.fieldErrors.reason} maxLength={300} placeholder="请写明您了解到的情况" />
          <FormError message={object.fieldErrors.reason ? undefined : object.formError} />
          <View className="hs-actions">
            <Button type="primary" size="large" loading={object.busy} className="hs-notice-item__submit" onClick={() => void submit()}>
              提交异议
            </Button>
            <Button size="large" onClick={() => setOpen(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : (
        <View className="hs-actions">
          <Button size="large" className="hs-notice-item__object" label={`对 ${n.nameMasked} 的公示提出异议`} onClick={() => setOpen(true)}>
            提出异议
          </Button>
        </View>
      )}
    </View>
  );
}

export default function NoticesPage() {
  const notices = useQuery('hardship', 'notices', {});
  return (
    <Page className="hs-notices">
      <View className="hint">以下帮扶经审批同意，正在公示。公示不含身份证号、电话、住址和困难详情。对公示有不同意见的，可以在公示期内提出异议。</View>
      <QueryView query={notices}>
        {({ items }) => (
          <View>
            {items.length === 0 ? <EmptyState text="现在没有正在公示的帮扶" /> : null}
            {items.map((n) => (
              <NoticeCard key={n.caseId} n={n} onDone={() => void notices.reload()} />
            ))}
          </View>
        )}
      </QueryView>
    </Page>
  );
}
