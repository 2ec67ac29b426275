/**
 * What staff do on a case, from the case's `actions` (the server decides what the caller may do now): grassroots
 * verification with the home-visit record, forwarding with the income-check result, the decision with category and
 * amounts against the tier suggestion, returning to the filer, sending back to an earlier step, rejecting, 催办,
 * recording a payment, archiving or closing, and concluding a re-check. Every form is checked with the function's
 * own schema first.
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import {
  ATTESTATIONS,
  ATTESTATION_LABELS,
  CATEGORIES,
  CATEGORY_LABELS,
  DOCS,
  DOC_LABELS,
  INCOME_CHECK_LABELS,
  INCOME_CHECK_OUTCOMES,
  PAY_METHODS,
  PAY_METHOD_LABELS,
  RECHECK_LABELS,
  RECHECK_OUTCOMES,
  awardInput,
  caseForm,
  homeVisit,
  incomeCheck,
  paymentInput,
  type CaseDetail,
  type Category,
  type DocKind,
} from '../../../types/hardship.schema';
import { localDateOf } from '../../../types/time';
import { useMutation } from '../../lib/useMutation';
import { check } from '../../lib/form';
import { confirm, toast } from '../../lib/nav';
import { Field, FormError, TextBox } from '../../components/Field';
import { Button } from '../../components/ui/Button';
import { Choice } from '../../components/Choice';
import { Heading } from '../../components/Heading';
import { pickAndUpload } from './upload';
import { CaseFormFields, fromDraft, toForm, type Values } from './CaseForm';
import { num, yuan } from './labels';

const opts = <T extends string>(keys: readonly T[], labels: Record<T, string>) => keys.map((k) => ({ value: k, label: labels[k] }));
const today = () => localDateOf(new Date());

type Done = () => void;

function Section({ title, name, children }: { title: string; name: string; children: React.ReactNode }) {
  return (
    <View className={`hs-card hs-act hs-act--${name}`}>
      <Heading className="hs-card__title">{title}</Heading>
      {children}
    </View>
  );
}

function IncomeCheckFields({ value, onChange, errors }: { value: { checkedOn: string; outcome: string; note: string }; onChange: (v: { checkedOn: string; outcome: string; note: string }) => void; errors: Record<string, string> }) {
  return (
    <>
      <View className="hint">家庭经济状况核对由救助管理机构按申请人授权办理，请填写核对结果。</View>
      <Field label="核对日期（年-月-日）" name="checkedOn" value={value.checkedOn} onChange={(x) => onChange({ ...value, checkedOn: x })} error={errors['incomeCheck.checkedOn']} maxLength={10} />
      <Choice name="incomeOutcome" label="核对结果" options={opts(INCOME_CHECK_OUTCOMES, INCOME_CHECK_LABELS)} selected={[value.outcome]} onToggle={(x) => onChange({ ...value, outcome: x })} />
      {errors['incomeCheck.outcome'] ? <View className="field-error hs-err">{errors['incomeCheck.outcome']}</View> : null}
      <Field label="核对说明（可不填）" name="incomeNote" value={value.note} onChange={(x) => onChange({ ...value, note: x })} maxLength={300} />
    </>
  );
}

function VerifyForm({ d, onDone }: { d: CaseDetail; onDone: Done }) {
  const m = useMutation('hardship', 'verify');
  const [v, setV] = useState({ visitedOn: today(), visitor1: '', visitor2: '', visitor3: '', findings: '', attestation: '', note: '' });
  const [photos, setPhotos] = useState<{ fileId: string; name: string }[]>([]);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState(false);
  const set = (k: keyof typeof v, x: string) => setV((s) => ({ ...s, [k]: x }));
  const e = { ...m.fieldErrors, ...errs };
  // A dispatched household (or an unfinished form) is completed here, with the family, at the visit.
  const needsForm = !d.form || !check(caseForm, d.form).ok;
  const [cf, setCf] = useState<Values>(() => fromDraft(d.form, d.files));
  const [cfUploading, setCfUploading] = useState<DocKind | null>(null);
  const [cfUploadError, setCfUploadError] = useState<string | null>(null);
  const setField = <K extends keyof Values>(k: K, x: Values[K]) => {
    setCf((s) => ({ ...s, [k]: x }));
    setErrs(({ [`form.${k}`]: _gone, ...rest }) => rest);
  };
  const cfErrors = Object.fromEntries(Object.entries(e).filter(([k]) => k.startsWith('form.')).map(([k, x]) => [k.slice(5), x]));
  const uploadDoc = async (doc: DocKind) => {
    if (cfUploading) return;
    setCfUploadError(null);
    setCfUploading(doc);
    try {
      const up = await pickAndUpload('hardship_attachment');
      if (up) setCf((s) => ({ ...s, attachments: [...s.attachments, { fileId: up.fileId, doc, name: up.name }] }));
    } catch (x) {
      setCfUploadError(x instanceof Error ? x.message : '上传失败，请重试');
    } finally {
      setCfUploading(null);
    }
  };
  const addPhoto = async () => {
    setUploading(true);
    try {
      const up = await pickAndUpload('visit_photo');
      if (up) setPhotos((p) => [...p, up]);
    } catch (x) {
      toast(x instanceof Error ? x.message : '上传失败');
    } finally {
      setUploading(false);
    }
  };
  const submit = async () => {
    const visit = {
      visitedOn: v.visitedOn.trim(),
      visitors: [v.visitor1, v.visitor2, v.visitor3].map((s) => s.trim()).filter(Boolean),
      findings: v.findings.trim(),
      attestation: v.attestation || undefined,
      photoIds: photos.map((p) => p.fileId),
    };
    const checked = check(homeVisit, visit);
    const form = needsForm ? check(caseForm, toForm(cf)) : null;
    const problems: Record<string, string> = {};
    if (!checked.ok) Object.entries(checked.errors).forEach(([k, x]) => (problems[k.startsWith('_') ? k : `visit.${k}`] = x));
    if (form && !form.ok) Object.entries(form.errors).forEach(([k, x]) => (problems[`form.${k}`] = x));
    setErrs(problems);
    if (!checked.ok || (form && !form.ok)) return toast('还有内容需要填写，请看红字提示');
    if (!(await confirm('入户核实通过', '确认已入户核实，并报上一级审核？'))) return;
    const r = await m.run({ caseId: d.id, visit: checked.data, ...(form?.ok ? { form: form.data } : {}), ...(v.note.trim() ? { note: v.note.trim() } : {}) });
    if (r?.ok) {
      toast(r.data.message);
      onDone();
    }
  };
  return (
    <Section title="入户核实" name="verify">
      {needsForm ? (
        <View className="hs-verify__form">
          <View className="hs-notice">这户还没有完整的申请信息（如下派核实的家庭），请在入户时与家庭一起填写，申请人签署承诺书和核对授权。</View>
          <CaseFormFields v={cf} set={setField} errors={cfErrors} uploading={cfUploading} uploadError={cfUploadError} upload={(doc) => void uploadDoc(doc)} />
          <Heading level={3} className="hs-label">走访记录</Heading>
        </View>
      ) : null}
      <Field label="走访日期（年-月-日）" name="visitedOn" value={v.visitedOn} onChange={(x) => set('visitedOn', x)} error={e['visit.visitedOn']} maxLength={10} />
      <Field label="走访人 1" name="visitor1" value={v.visitor1} onChange={(x) => set('visitor1', x)} error={e['visit.visitors']} maxLength={20} placeholder="姓名" />
      <Field label="走访人 2" name="visitor2" value={v.visitor2} onChange={(x) => set('visitor2', x)} maxLength={20} placeholder="至少两人" />
      <Field label="走访人 3（可不填）" name="visitor3" value={v.visitor3} onChange={(x) => set('visitor3', x)} maxLength={20} />
      <TextBox label="走访情况" className="hs-act__findings" value={v.findings} onChange={(x) => set('findings', x)} error={e['visit.findings']} maxLength={1000} placeholder="家庭实际情况、与申请是否相符（至少 10 个字）" />
      <Choice name="attestation" label="签字或证明" options={opts(ATTESTATIONS, ATTESTATION_LABELS)} selected={[v.attestation]} onToggle={(x) => set('attestation', x)} />
      {e['visit.attestation'] ? <View className="field-error hs-err">{e['visit.attestation']}</View> : null}
      <View className="hs-line">{photos.length ? `走访照片：${photos.map((p) => p.name).join('、')}` : '走访照片：还没有上传'}</View>
      <Button size="large" className="hs-act__photo" loading={uploading} onClick={() => void addPhoto()}>
        上传走访照片
      </Button>
      <Field label="备注（可不填）" name="verifyNote" value={v.note} onChange={(x) => set('note', x)} maxLength={200} />
      <FormError message={m.formError} />
      <View className="hs-actions">
        <Button type="primary" size="large" block loading={m.busy} className="hs-act__verify" onClick={() => void submit()}>
          核实通过，报上级
        </Button>
      </View>
    </Section>
  );
}

function ForwardForm({ d, onDone }: { d: CaseDetail; onDone: Done }) {
  const m = useMutation('hardship', 'forward');
  const [ic, setIc] = useState({ checkedOn: d.incomeCheck?.checkedOn ?? today(), outcome: d.incomeCheck?.outcome ?? '', note: d.incomeCheck?.note ?? '' });
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const submit = async () => {
    let income;
    if (ic.outcome) {
      const checked = check(incomeCheck, { checkedOn: ic.checkedOn.trim(), outcome: ic.outcome, ...(ic.note.trim() ? { note: ic.note.trim() } : {}) });
      if (!checked.ok) return setErrs(Object.fromEntries(Object.entries(checked.errors).map(([k, x]) => [`incomeCheck.${k}`, x])));
      income = checked.data;
    }
    setErrs({});
    if (!(await confirm('审核通过', '确认审核通过，报上一级？'))) return;
    const r = await m.run({ caseId: d.id, ...(income ? { incomeCheck: income } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
    if (r?.ok) {
      toast(r.data.message);
      onDone();
    }
  };
  return (
    <Section title="审核通过，报上级" name="forward">
      <IncomeCheckFields value={ic} onChange={setIc} errors={{ ...m.fieldErrors, ...errs }} />
      <Field label="审核意见（可不填）" name="forwardNote" value={note} onChange={setNote} maxLength={200} />
      <FormError message={m.formError} />
      <Button type="primary" size="large" block loading={m.busy} className="hs-act__forward" onClick={() => void submit()}>
        审核通过，报上级
      </Button>
    </Section>
  );
}

function DecideForm({ d, onDone }: { d: CaseDetail; onDone: Done }) {
  const m = useMutation('hardship', 'decide');
  const s = d.suggestion;
  const [category, setCategory] = useState<Category | ''>(d.category ?? s?.category ?? '');
  const items = s?.byCategory.find((b) => b.category === category)?.items ?? [];
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [ic, setIc] = useState({ checkedOn: d.incomeCheck?.checkedOn ?? today(), outcome: d.incomeCheck?.outcome ?? '', note: d.incomeCheck?.note ?? '' });
  const [errs, setErrs] = useState<Record<string, string>>({});
  const amountOf = (k: string, suggested: number) => amounts[`${category}:${k}`] ?? String(suggested);
  const submit = async () => {
    if (!category) return setErrs({ category: '请选择困难类别' });
    const awards = [];
    const e: Record<string, string> = {};
    for (const it of items) {
      const amount = num(amountOf(it.aidKind, it.suggested));
      const reason = (reasons[it.aidKind] ?? '').trim();
      const checked = check(awardInput, { aidKind: it.aidKind, amount, ...(reason ? { reason } : {}) });
      if (!checked.ok) {
        e[`amount-${it.aidKind}`] = checked.errors.amount ?? Object.values(checked.errors)[0] ?? '金额不正确';
        continue;
      }
      if (checked.data.amount < it.min || checked.data.amount > it.max) e[`amount-${it.aidKind}`] = `金额应在 ${yuan(it.min)} 到 ${yuan(it.max)} 之间`;
      else if (checked.data.amount !== it.suggested && !reason) e[`reason-${it.aidKind}`] = '金额与建议金额不同，请说明原因';
      awards.push(checked.data);
    }
    let income;
    if (ic.outcome) {
      const checked = check(incomeCheck, { checkedOn: ic.checkedOn.trim(), outcome: ic.outcome, ...(ic.note.trim() ? { note: ic.note.trim() } : {}) });
      if (!checked.ok) Object.entries(checked.errors).forEach(([k, x]) => (e[`incomeCheck.${k}`] = x));
      else income = checked.data;
    }
    setErrs(e);
    if (Object.keys(e).length) return;
    const total = awards.reduce((t, a) => t + a.amount, 0);
    if (!(await confirm('审批通过', `确认按${CATEGORY_LABELS[category]}批准救助 ${yuan(total)}，并进入公示？`))) return;
    const r = await m.run({ caseId: d.id, category, awards, ...(income ? { incomeCheck: income } : {}) });
    if (r?.ok) {
      toast(r.data.message);
      onDone();
    }
  };
  const e = { ...m.fieldErrors, ...errs };
  return (
    <Section title="审批：困难类别与救助金额" name="decide">
      {s?.category ? <View className="hs-line hs-line--main">{`按收入情况，建议类别：${CATEGORY_LABELS[s.category]}`}</View> : null}
      <Choice name="category" label="困难类别" options={opts(CATEGORIES, CATEGORY_LABELS)} selected={[category]} onToggle={(x) => setCategory(x)} />
      {e.category ? <View className="field-error hs-err">{e.category}</View> : null}
      {items.map((it) => {
        const a = amountOf(it.aidKind, it.suggested);
        const off = num(a) !== it.suggested;
        return (
          <View key={it.aidKind} className={`hs-member hs-award hs-award--${it.aidKind}`}>
            <View className="hs-line hs-line--main">{`${it.label}：建议 ${yuan(it.suggested)}`}</View>
            <View className="hs-line">{`${it.rule}；可在 ${yuan(it.min)} 到 ${yuan(it.max)} 之间确定`}</View>
            <Field label={`${it.label}金额（元）`} name={`amount-${it.aidKind}`} type="digit" value={a} onChange={(x) => setAmounts((s2) => ({ ...s2, [`${category}:${it.aidKind}`]: x }))} error={e[`amount-${it.aidKind}`]} maxLength={9} />
            {off ? (
              <Field label="金额调整原因" name={`reason-${it.aidKind}`} value={reasons[it.aidKind] ?? ''} onChange={(x) => setReasons((s2) => ({ ...s2, [it.aidKind]: x }))} error={e[`reason-${it.aidKind}`]} maxLength={200} />
            ) : null}
          </View>
        );
      })}
      {s ? <View className="hs-line">{`本户今年还可救助 ${yuan(s.householdCapLeft)}${s.limit !== null ? `；本级审批限额 ${yuan(s.limit)}` : ''}`}</View> : null}
      {!d.incomeCheck ? <IncomeCheckFields value={ic} onChange={setIc} errors={e} /> : null}
      <FormError message={m.formError} />
      <Button type="primary" size="large" block loading={m.busy} className="hs-act__decide" onClick={() => void submit()}>
        审批通过，进入公示
      </Button>
    </Section>
  );
}

function ReturnForm({ d, onDone }: { d: CaseDetail; onDone: Done }) {
  const m = useMutation('hardship', 'returnCase');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<DocKind[]>([]);
  const submit = async () => {
    if (reason.trim().length < 2) return m.setFieldErrors({ reason: '请写明需要补充什么（至少 2 个字）' });
    if (!(await confirm('退回申请人', '确认退回申请人补充材料？'))) return;
    const r = await m.run({ caseId: d.id, reason: reason.trim(), missing });
    if (r?.ok) {
      toast(r.data.message);
      onDone();
    }
  };
  return (
    <Section title="退回申请人补充材料" name="return">
      <Choice name="missing" label="缺少的材料（可多选）" multiple options={opts(DOCS, DOC_LABELS)} selected={missing} onToggle={(x) => setMissing((s) => (s.includes(x) ? s.filter((y) => y !== x) : [...s, x]))} />
      <Field label="退回原因" name="returnReason" value={reason} onChange={(x) => { setReason(x); m.clearFieldError('reason'); }} error={m.fieldErrors.reason} maxLength={200} placeholder="例如：请补充自付医疗费用票据" />
      <FormError message={m.fieldErrors.reason ? undefined : m.formError} />
      <Button size="large" block loading={m.busy} className="hs-act__return" onClick={() => void submit()}>
        退回申请人
      </Button>
    </Section>
  );
}

function SendBackForm({ d, onDone }: { d: CaseDetail; onDone: Done }) {
  const m = useMutation('hardship', 'sendBack');
  const [to, setTo] = useState(d.backTo.length ? String(d.backTo[d.backTo.length - 1].index) : '');
  const [reason, setReason] = useState('');
  const submit = async () => {
    if (!to) return m.setFieldErrors({ toStep: '请选择退回到哪一环节' });
    if (reason.trim().length < 2) return m.setFieldErrors({ reason: '请写明退回原因（至少 2 个字）' });
    if (!(await confirm('退回下级', '确认退回到所选环节重新办理？'))) return;
    const r = await m.run({ caseId: d.id, toStep: Number(to), reason: reason.trim() });
    if (r?.ok) {
      toast(r.data.message);
      onDone();
    }
  };
  return (
    <Section title="退回下级重新办理" name="send_back">
      <Choice name="toStep" label="退回到" options={d.backTo.map((b) => ({ value: String(b.index), label: b.label }))} selected={[to]} onToggle={setTo} />
      {m.fieldErrors.toStep ? <View className="field-error hs-err">{m.fieldErrors.toStep}</View> : null}
      <Field label="退回原因" name="sendBackReason" value={reason} onChange={(x) => { setReason(x); m.clearFieldError('reason'); }} error={m.fieldErrors.reason} maxLength={200} />
      <FormError message={m.fieldErrors.reason || m.fieldErrors.toStep ? undefined : m.formError} />
      <Button size="large" block loading={m.busy} className="hs-act__send-back" onClick={() => void submit()}>
        退回下级
      </Button>
    </Section>
  );
}

function ReasonAction({ d, onDone, kind }: { d: CaseDetail; onDone: Done; kind: 'reject' | 'remind' }) {
  const reject = useMutation('hardship', 'reject');
  const remind = useMutation('hardship', 'remind');
  const m = kind === 'reject' ? reject : remind;
  const [text, setText] = useState('');
  const submit = async () => {
    const t = text.trim();
    if (kind === 'reject') {
      if (t.length < 2) return m.setFieldErrors({ reason: '请写明不予通过的原因（至少 2 个字）' });
      if (!(await confirm('不予通过', '不予通过后申请即结束，确定吗？', '不予通过', '再想想'))) return;
      const r = await reject.run({ caseId: d.id, reason: t });
      if (r?.ok) {
        toast(r.data.message);
        onDone();
      }
      return;
    }
    const r = await remind.run({ caseId: d.id, ...(t ? { note: t } : {}) });
    if (r?.ok) {
      toast(r.data.message);
      onDone();
    }
  };
  const label = kind === 'reject' ? '不予通过' : '催办';
  return (
    <Section title={kind === 'reject' ? '不予通过' : '催办下级'} name={kind}>
      <Field label={kind === 'reject' ? '不予通过的原因' : '催办说明（可不填）'} name={`${kind}Text`} value={text} onChange={(x) => { setText(x); m.clearFieldError('reason'); }} error={m.fieldErrors.reason ?? m.fieldErrors.note} maxLength={200} />
      <FormError message={m.fieldErrors.reason ? undefined : m.formError} />
      <Button size="large" block loading={m.busy} className={`hs-act__${kind}${kind === 'reject' ? ' button--danger' : ''}`} onClick={() => void submit()}>
        {label}
      </Button>
    </Section>
  );
}

function PayForm({ d, onDone }: { d: CaseDetail; onDone: Done }) {
  const m = useMutation('hardship', 'recordPayments', { issuePrefix: 'payments' });
  const [v, setV] = useState({ payee: d.name, amount: String(d.totalAmount ?? ''), paidOn: today(), method: 'bank', voucherNo: '' });
  const [errs, setErrs] = useState<Record<string, string>>({});
  const set = (k: keyof typeof v, x: string) => setV((s) => ({ ...s, [k]: x }));
  const submit = async () => {
    const checked = check(paymentInput, { caseId: d.id, payee: v.payee.trim(), amount: num(v.amount), paidOn: v.paidOn.trim(), method: v.method, voucherNo: v.voucherNo.trim() });
    if (!checked.ok) return setErrs(checked.errors);
    setErrs({});
    if (!(await confirm('登记发放', `确认已向 ${checked.data.payee} 发放 ${yuan(checked.data.amount)}？`))) return;
    const r = await m.run({ payments: [checked.data] });
    if (r?.ok) {
      toast(`已登记发放（批次 ${r.data.batch}）`);
      onDone();
    }
  };
  const e = { ...errs, ...Object.fromEntries(Object.entries(m.fieldErrors).map(([k, x]) => [k.replace(/^0\./, ''), x])) };
  return (
    <Section title="登记救助金发放" name="pay">
      <Field label="收款人" name="payee" value={v.payee} onChange={(x) => set('payee', x)} error={e.payee} maxLength={20} />
      <Field label="发放金额（元）" name="payAmount" type="digit" value={v.amount} onChange={(x) => set('amount', x)} error={e.amount} maxLength={9} />
      <Field label="发放日期（年-月-日）" name="paidOn" value={v.paidOn} onChange={(x) => set('paidOn', x)} error={e.paidOn} maxLength={10} />
      <Choice name="method" label="发放方式" options={opts(PAY_METHODS, PAY_METHOD_LABELS)} selected={[v.method]} onToggle={(x) => set('method', x)} />
      <Field label="凭证号" name="voucherNo" value={v.voucherNo} onChange={(x) => set('voucherNo', x)} error={e.voucherNo} maxLength={40} />
      <FormError message={m.formError} />
      <Button type="primary" size="large" block loading={m.busy} className="hs-act__pay" onClick={() => void submit()}>
        登记发放
      </Button>
    </Section>
  );
}

function FinishAction({ d, onDone, kind }: { d: CaseDetail; onDone: Done; kind: 'archive' | 'close' }) {
  const archive = useMutation('hardship', 'archive');
  const close = useMutation('hardship', 'closeCase');
  const m = kind === 'archive' ? archive : close;
  const [note, setNote] = useState('');
  const submit = async () => {
    const q = kind === 'archive' ? '确认把这户纳入困难职工档案？档案按周期复核。' : '确认结案？临时救助结案后不建档。';
    if (!(await confirm(kind === 'archive' ? '建档' : '结案', q))) return;
    const input = { caseId: d.id, ...(note.trim() ? { note: note.trim() } : {}) };
    const r = await m.run(input);
    if (r?.ok) {
      toast(r.data.message);
      onDone();
    }
  };
  return (
    <Section title={kind === 'archive' ? '建档' : '结案'} name={kind}>
      <Field label="备注（可不填）" name={`${kind}Note`} value={note} onChange={setNote} maxLength={200} />
      <FormError message={m.formError} />
      <Button type={kind === 'archive' ? 'primary' : 'default'} size="large" block loading={m.busy} className={`hs-act__${kind}-go`} onClick={() => void submit()}>
        {kind === 'archive' ? '纳入困难职工档案' : '结案'}
      </Button>
    </Section>
  );
}

function ConcludeForm({ d, onDone }: { d: CaseDetail; onDone: Done }) {
  const m = useMutation('hardship', 'conclude');
  const [outcome, setOutcome] = useState('');
  const [category, setCategory] = useState('');
  const [reason, setReason] = useState('');
  const submit = async () => {
    if (!outcome) return m.setFieldErrors({ outcome: '请选择复核结论' });
    if (outcome === 'change' && !category) return m.setFieldErrors({ category: '请选择调整后的困难类别' });
    if (outcome === 'exit' && reason.trim().length < 2) return m.setFieldErrors({ reason: '请填写脱困原因' });
    if (!(await confirm('复核结论', `确认复核结论为「${RECHECK_LABELS[outcome as keyof typeof RECHECK_LABELS]}」？`))) return;
    const r = await m.run({ caseId: d.id, outcome: outcome as 'continue', ...(outcome === 'change' ? { category: category as Category } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) });
    if (r?.ok) {
      toast(r.data.message);
      onDone();
    }
  };
  return (
    <Section title="年度复核结论" name="conclude">
      <Choice name="outcome" label="复核结论" options={opts(RECHECK_OUTCOMES, RECHECK_LABELS)} selected={[outcome]} onToggle={setOutcome} />
      {m.fieldErrors.outcome ? <View className="field-error hs-err">{m.fieldErrors.outcome}</View> : null}
      {outcome === 'change' ? <Choice name="newCategory" label="调整后的类别" options={opts(CATEGORIES, CATEGORY_LABELS)} selected={[category]} onToggle={setCategory} /> : null}
      {m.fieldErrors.category ? <View className="field-error hs-err">{m.fieldErrors.category}</View> : null}
      <Field label={outcome === 'exit' ? '脱困原因' : '说明（可不填）'} name="concludeReason" value={reason} onChange={setReason} error={m.fieldErrors.reason} maxLength={200} />
      <FormError message={m.fieldErrors.outcome || m.fieldErrors.category || m.fieldErrors.reason ? undefined : m.formError} />
      <Button type="primary" size="large" block loading={m.busy} className="hs-act__conclude" onClick={() => void submit()}>
        提交复核结论
      </Button>
    </Section>
  );
}

export function StaffPanel({ d, onDone }: { d: CaseDetail; onDone: Done }) {
  const a = new Set(d.actions);
  const any = ['verify', 'forward', 'decide', 'conclude', 'return', 'send_back', 'reject', 'remind', 'pay', 'archive', 'close'].some((k) => a.has(k as never));
  if (!any) {
    const ended = ['archived', 'closed', 'concluded', 'rejected', 'withdrawn'].includes(d.status);
    const text = ended ? `这份申请已办结（${d.statusText}），可以查看办理记录。` : d.status === 'notice' ? '这份申请正在公示，公示期满后转入待发放。' : '这份申请现在不在您所在工会办理的环节，可以查看，不能办理。';
    return <View className="hs-notice hs-staff__none">{text}</View>;
  }
  return (
    <View className="hs-staff-panel">
      {a.has('verify') ? <VerifyForm d={d} onDone={onDone} /> : null}
      {a.has('forward') && d.canForward ? <ForwardForm d={d} onDone={onDone} /> : null}
      {a.has('decide') && d.canDecide ? <DecideForm d={d} onDone={onDone} /> : null}
      {a.has('conclude') ? <ConcludeForm d={d} onDone={onDone} /> : null}
      {a.has('pay') ? <PayForm d={d} onDone={onDone} /> : null}
      {a.has('archive') ? <FinishAction d={d} onDone={onDone} kind="archive" /> : null}
      {a.has('close') ? <FinishAction d={d} onDone={onDone} kind="close" /> : null}
      {a.has('return') ? <ReturnForm d={d} onDone={onDone} /> : null}
      {a.has('send_back') && d.backTo.length ? <SendBackForm d={d} onDone={onDone} /> : null}
      {a.has('reject') ? <ReasonAction d={d} onDone={onDone} kind="reject" /> : null}
      {a.has('remind') ? <ReasonAction d={d} onDone={onDone} kind="remind" /> : null}
    </View>
  );
}
