/**
 * 救助金发放: the cases waiting for payment with a row each (payee, amount, date, method, voucher), recorded as one
 * batch; the Excel payment list for the finance office; totals per org, aid kind and month.
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import { PAY_METHODS, PAY_METHOD_LABELS, paymentInput, type CaseSummary, type PaymentInput } from '../../../types/hardship.schema';
import { localDateOf } from '../../../types/time';
import { useQuery } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { check } from '../../lib/form';
import { confirm, toast } from '../../lib/nav';
import { call } from '../../services/cloud';
import { Button } from '../../components/ui/Button';
import { Choice, Tick } from '../../components/Choice';
import { Field, FormError } from '../../components/Field';
import { Heading } from '../../components/Heading';
import { EmptyState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { StaffGate } from '../../components/StaffGate';
import { saveBase64File } from '../../lib/save-file';
import { num, yuan } from '../lib/labels';
import '../lib/hardship.scss';

interface Row {
  on: boolean;
  payee: string;
  amount: string;
  voucherNo: string;
}

function Batch({ items, onDone }: { items: CaseSummary[]; onDone: () => void }) {
  const record = useMutation('hardship', 'recordPayments', { issuePrefix: 'payments' });
  const [rows, setRows] = useState<Record<string, Row>>({});
  const [paidOn, setPaidOn] = useState(localDateOf(new Date()));
  const [method, setMethod] = useState<string>('bank');
  const [errs, setErrs] = useState<Record<string, string>>({});
  const rowOf = (c: CaseSummary): Row => rows[c.id] ?? { on: false, payee: c.name, amount: String(c.totalAmount ?? ''), voucherNo: '' };
  const setRow = (c: CaseSummary, r: Partial<Row>) => setRows((s) => ({ ...s, [c.id]: { ...rowOf(c), ...r } }));
  const submit = async () => {
    const chosen = items.filter((c) => rowOf(c).on);
    if (!chosen.length) return setErrs({ _batch: '请勾选要登记的申请' });
    const e: Record<string, string> = {};
    const payments: PaymentInput[] = [];
    for (const c of chosen) {
      const r = rowOf(c);
      const checked = check(paymentInput, { caseId: c.id, payee: r.payee.trim(), amount: num(r.amount), paidOn: paidOn.trim(), method, voucherNo: r.voucherNo.trim() });
      if (!checked.ok) e[c.id] = Object.values(checked.errors)[0] ?? '请检查这一笔';
      else payments.push(checked.data);
    }
    setErrs(e);
    if (Object.keys(e).length) return;
    const total = payments.reduce((t, p) => t + p.amount, 0);
    if (!(await confirm('登记一批发放', `确认登记 ${payments.length} 笔，共 ${yuan(total)}？`))) return;
    const r = await record.run({ payments });
    if (r?.ok) {
      toast(`已登记 ${r.data.paid} 笔（批次 ${r.data.batch}）`);
      setRows({});
      onDone();
    }
  };
  if (!items.length) return <EmptyState text="没有待发放的申请" />;
  return (
    <View className="hs-form hs-pay-batch">
      <Field label="发放日期（年-月-日）" name="batchPaidOn" value={paidOn} onChange={setPaidOn} maxLength={10} />
      <Choice name="batchMethod" label="发放方式" options={PAY_METHODS.map((m) => ({ value: m, label: PAY_METHOD_LABELS[m] }))} selected={[method]} onToggle={setMethod} />
      {items.map((c) => {
        const r = rowOf(c);
        return (
          <View key={c.id} className="hs-member hs-pay-row" data-case={c.id}>
            <Tick name={`pay-${c.id}`} checked={r.on} onChange={(on) => setRow(c, { on })}>{`${c.name} · ${c.orgName} · 批准 ${yuan(c.totalAmount ?? 0)}`}</Tick>
            {r.on ? (
              <>
                <Field label="收款人" name={`payee-${c.id}`} value={r.payee} onChange={(x) => setRow(c, { payee: x })} maxLength={20} />
                <Field label="发放金额（元）" name={`amount-${c.id}`} type="digit" value={r.amount} onChange={(x) => setRow(c, { amount: x })} maxLength={9} />
                <Field label="凭证号" name={`voucher-${c.id}`} value={r.voucherNo} onChange={(x) => setRow(c, { voucherNo: x })} maxLength={40} />
              </>
            ) : null}
            {errs[c.id] ? <View className="field-error hs-err">{errs[c.id]}</View> : null}
          </View>
        );
      })}
      {errs._batch ? <View className="field-error hs-err">{errs._batch}</View> : null}
      <FormError message={record.formError} />
      <View className="actions">
        <Button type="primary" size="large" block loading={record.busy} className="hs-pay__record" onClick={() => void submit()}>
          登记这一批发放
        </Button>
      </View>
    </View>
  );
}

function Totals() {
  const totals = useQuery('hardship', 'paymentTotals', {});
  return (
    <QueryView query={totals}>
      {(t) => (
        <View className="hs-card hs-pay__totals">
          <Heading className="hs-card__title">{`${t.year} 年发放统计`}</Heading>
          <View className="hs-big">{`${yuan(t.total)}（${t.count} 笔）`}</View>
          {[['按工会', t.byOrg], ['按救助项目', t.byAidKind], ['按月份', t.byMonth]].map(([title, rows]) => (
            <View key={title as string}>
              <Heading level={3} className="hs-label">{title as string}</Heading>
              {(rows as typeof t.byOrg).length === 0 ? <View className="hs-line">暂无</View> : null}
              {(rows as typeof t.byOrg).map((r) => (
                <View key={r.name} className="hs-line">{`${r.name}：${yuan(r.amount)}（${r.count} 笔）`}</View>
              ))}
            </View>
          ))}
        </View>
      )}
    </QueryView>
  );
}

function Payments() {
  const pay = useQuery('hardship', 'queues', { queue: 'pay', limit: 100, offset: 0 });
  const exportList = useMutation((_: object) => call('hardship', 'paymentList', {}));
  const download = async () => {
    const r = await exportList.run({});
    if (r?.ok) {
      if (!r.data.rows) return toast('没有待发放的申请');
      await saveBase64File(r.data.fileName, r.data.contentBase64);
    }
  };
  return (
    <View>
      <View className="hs-form hs-actions">
        <Button size="large" block loading={exportList.busy} className="hs-pay__export" onClick={() => void download()}>
          导出待发放名单（Excel）
        </Button>
      </View>
      <FormError message={exportList.formError} />
      <Heading>待发放</Heading>
      <QueryView query={pay}>{({ items }) => <Batch items={items} onDone={() => void pay.reload()} />}</QueryView>
      <Totals />
    </View>
  );
}

export default function PaymentsPage() {
  return (
    <Page className="hs-payments">
      <StaffGate>{() => <Payments />}</StaffGate>
    </Page>
  );
}
