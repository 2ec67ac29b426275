/**
 * 申请调动: a person's union changes only through a transfer that the union confirms — the destination grassroots
 * union, or an org above both. Here the person asks for one, sees what became of earlier requests, and may withdraw a
 * request that is still waiting.
 */
import { View } from '@tarojs/components';
import { accountActions } from '../../../types/account.schema';
import { formatInstant } from '../../../types/time';
import type { OrgSummary } from '../../../types/account.schema';
import { useQuery } from '../../lib/useQuery';
import { useFields, useMutation } from '../../lib/useMutation';
import { check } from '../../lib/form';
import { toast } from '../../lib/nav';
import { Page } from '../../components/Page';
import { Heading } from '../../components/Heading';
import { QueryView } from '../../components/QueryView';
import { OrgPicker } from '../../components/OrgPicker';
import { TextBox, FormError } from '../../components/Field';
import { Button } from '../../components/ui/Button';
import { StatusTag } from '../../components/StatusTag';
import { useMe } from '../../services/me';

function Request({ onDone }: { onDone: () => void }) {
  const ask = useMutation('account', 'requestTransfer');
  const form = useFields({ org: null as OrgSummary | null, reason: '' }, ask);
  const submit = async () => {
    const checked = check(accountActions.requestTransfer.input, { toOrgId: form.values.org?.id ?? '', reason: form.values.reason });
    if (!checked.ok) return ask.setFieldErrors(form.values.org ? checked.errors : { ...checked.errors, toOrgId: '请选择调入的基层工会' });
    const r = await ask.run(checked.data);
    if (!r?.ok) return;
    toast('已提交，等待调入的工会确认');
    form.set('org', null);
    form.set('reason', '');
    onDone();
  };
  return (
    <View className="account-transfer__form">
      <Heading>申请调到其他基层工会</Heading>
      <View className="hint">工作单位变了？选择新的基层工会并说明原因。调入的工会（或两家工会共同的上级）确认后，您的所属工会才会变更。</View>
      <OrgPicker title="调入的基层工会" value={form.values.org} onChange={(o) => { form.set('org', o); ask.clearFieldError('toOrgId'); }} error={ask.fieldErrors.toOrgId} />
      <TextBox label="调动原因" {...form.field('reason')} maxLength={200} placeholder="例如：工作单位变动" />
      <FormError message={ask.formError} />
      <View className="actions">
        <Button type="primary" size="large" block loading={ask.busy} onClick={() => void submit()}>提交调动申请</Button>
      </View>
    </View>
  );
}

function Withdraw({ transferId, onDone }: { transferId: string; onDone: () => void }) {
  const withdraw = useMutation('account', 'withdrawTransfer');
  return (
    <Button size="small" loading={withdraw.busy} label="撤回这条调动申请" onClick={async () => {
      const r = await withdraw.run({ transferId });
      if (r?.ok) {
        toast('已撤回');
        onDone();
      }
    }}>撤回</Button>
  );
}

export default function TransferPage() {
  const me = useMe();
  const mine = useQuery('account', 'myTransfers', {});
  const org = me.me?.profile?.org;
  return (
    <Page className="account-transfer">
      <Heading>所属工会</Heading>
      <View className="account-transfer__current">{org ? org.name : '尚未登记'}</View>
      <QueryView query={mine}>
        {(d) => {
          const open = d.transfers.find((t) => t.status === 'pending');
          return (
            <View>
              {open ? null : <Request onDone={() => void mine.reload()} />}
              <Heading>我的调动申请</Heading>
              {d.transfers.length === 0 ? <View className="hint">还没有调动申请。</View> : null}
              {d.transfers.map((t) => (
                <View key={t.id} className="account-transfer__item">
                  <View className="account-transfer__line">{`${t.fromOrgName} → ${t.toOrgName}`}</View>
                  <StatusTag tone={t.status === 'done' ? 'success' : t.status === 'pending' ? 'warning' : 'neutral'}>{t.statusText}</StatusTag>
                  <View className="hint">{`申请于 ${formatInstant(t.createdAt)}；原因：${t.reason}`}</View>
                  {t.decisionReason ? <View className="hint">{`工会答复：${t.decisionReason}`}</View> : null}
                  {t.status === 'pending' ? <Withdraw transferId={t.id} onDone={() => void mine.reload()} /> : null}
                </View>
              ))}
            </View>
          );
        }}
      </QueryView>
    </Page>
  );
}
