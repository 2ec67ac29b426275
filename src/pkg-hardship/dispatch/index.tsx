/**
 * 下派核实: a county or town sends a flagged household down to its grassroots union, which must verify it by the
 * deadline — one household typed in, or many from an Excel / CSV list (checked row by row first, then sent).
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { MeOutput } from '../../../types/account.schema';
import type { OrgSummary } from '../../../types/account.schema';
import { AID_KINDS, AID_KIND_LABELS, dispatchRow, type AidKind, type DispatchRow } from '../../../types/hardship.schema';
import { addLocalDays, localDateOf } from '../../../types/time';
import { useMutation } from '../../lib/useMutation';
import { check } from '../../lib/form';
import { pickSpreadsheet } from '../../lib/pick-file';
import { confirm, toast } from '../../lib/nav';
import { call, type ActionOutput } from '../../services/cloud';
import { Button } from '../../components/ui/Button';
import { Choice } from '../../components/Choice';
import { Field, FormError } from '../../components/Field';
import { Heading } from '../../components/Heading';
import { OrgPicker } from '../../components/OrgPicker';
import { Page } from '../../components/Page';
import { StaffGate } from '../../components/StaffGate';
import { TabBar } from '../../components/TabBar';
import '../lib/hardship.scss';

type Result = ActionOutput<'hardship', 'dispatch'>;
type Parsed = ActionOutput<'hardship', 'parseDispatchList'>['rows'];

function Dispatch({ me }: { me: MeOutput }) {
  const [mode, setMode] = useState<'one' | 'list'>('one');
  const [aidKinds, setAidKinds] = useState<AidKind[]>(['living']);
  const [dueOn, setDueOn] = useState(addLocalDays(localDateOf(new Date()), 14));
  const [v, setV] = useState({ name: '', idNumber: '', phone: '', reason: '' });
  const [org, setOrg] = useState<OrgSummary | null>(null);
  const [errs, setErrs] = useState<Record<string, string>>({});
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const send = useMutation('hardship', 'dispatch', { issuePrefix: 'rows' });
  const parse = useMutation((f: { name: string; base64: string }) => call('hardship', 'parseDispatchList', { fileName: f.name, contentBase64: f.base64 }));
  const root: OrgSummary | null = me.staffScope ? { id: me.staffScope.orgId, name: me.staffScope.orgName, level: me.staffScope.level, parentId: null } : null;
  const set = (k: keyof typeof v, x: string) => {
    setV((s) => ({ ...s, [k]: x }));
    setErrs(({ [k]: _gone, ...rest }) => rest);
  };

  const go = async (rows: DispatchRow[]) => {
    if (!aidKinds.length) return setErrs({ aidKinds: '请选择救助项目' });
    if (!(await confirm('下派核实', `确认把 ${rows.length} 户下派给基层工会核实，${dueOn} 前上报？`))) return;
    const r = await send.run({ rows, aidKinds, dueOn: dueOn.trim() });
    if (r?.ok) {
      setResult(r.data);
      toast(`已下派 ${r.data.created.length} 户`);
    }
  };

  const one = async () => {
    const checked = check(dispatchRow, { name: v.name.trim(), idNumber: v.idNumber.trim().toUpperCase(), ...(v.phone.trim() ? { phone: v.phone.trim() } : {}), orgId: org?.id, reason: v.reason.trim() });
    if (!checked.ok) return setErrs(checked.errors);
    await go([checked.data]);
  };

  const choose = async () => {
    setResult(null);
    try {
      const f = await pickSpreadsheet();
      if (!f) return;
      const r = await parse.run(f);
      if (r?.ok) setParsed(r.data.rows);
    } catch (e) {
      toast(e instanceof Error ? e.message : '文件读取失败');
    }
  };
  const goodRows = (parsed ?? []).filter((p) => p.row && !p.problem).map((p) => p.row as DispatchRow);
  const e = { ...Object.fromEntries(Object.entries(send.fieldErrors).map(([k, x]) => [k.replace(/^0\./, ''), x])), ...errs };

  return (
    <View className="hs-form">
      <TabBar tabs={[['one', '逐户下派'], ['list', '按名单下派']] as const} value={mode} onChange={setMode} label="下派方式" className="hs-dispatch__mode" />
      <View className="hs-label">救助项目</View>
      <Choice name="dispatchAid" label="救助项目" multiple options={AID_KINDS.map((k) => ({ value: k, label: AID_KIND_LABELS[k] }))} selected={aidKinds} onToggle={(x) => setAidKinds((s) => (s.includes(x) ? s.filter((y) => y !== x) : [...s, x]))} />
      {e.aidKinds ? <View className="field-error hs-err">{e.aidKinds}</View> : null}
      <Field label="核实上报期限（年-月-日）" name="dueOn" value={dueOn} onChange={setDueOn} error={e.dueOn} maxLength={10} />
      {mode === 'one' ? (
        <View className="hs-dispatch__one">
          <Field label="姓名" {...{ name: 'name', value: v.name, onChange: (x: string) => set('name', x), error: e.name }} maxLength={20} />
          <Field label="身份证号" type="idcard" {...{ name: 'idNumber', value: v.idNumber, onChange: (x: string) => set('idNumber', x), error: e.idNumber }} maxLength={18} />
          <Field label="手机号（可不填）" type="number" {...{ name: 'phone', value: v.phone, onChange: (x: string) => set('phone', x), error: e.phone }} maxLength={11} />
          <OrgPicker title="所在基层工会" value={org} onChange={(o) => { setOrg(o); setErrs(({ orgId: _g, ...rest }) => rest); }} root={root} selectable={['grassroots']} error={e.orgId} />
          <Field label="下派原因" {...{ name: 'reason', value: v.reason, onChange: (x: string) => set('reason', x), error: e.reason }} maxLength={200} placeholder="例如：大病致困，村（社区）反映" />
          <FormError message={send.formError} />
          <View className="actions">
            <Button type="primary" size="large" block loading={send.busy} className="hs-dispatch__send" onClick={() => void one()}>
              下派核实
            </Button>
          </View>
        </View>
      ) : (
        <View className="hs-dispatch__list">
          <View className="hint">表格第一行为表头：姓名、身份证号、手机号、基层工会、下派原因。先检查每一行，无误的行再下派。</View>
          <View className="actions">
            <Button size="large" block loading={parse.busy} className="hs-dispatch__choose" onClick={() => void choose()}>
              选择 Excel 或 CSV 名单
            </Button>
          </View>
          <FormError message={parse.formError} />
          {parsed ? (
            <View className="hs-card">
              <Heading className="hs-card__title">{`共 ${parsed.length} 行，可下派 ${goodRows.length} 户`}</Heading>
              {parsed.map((p) => (
                <View key={p.line} className="hs-line">{`第 ${p.line} 行：${p.row?.name ?? ''} ${p.orgName}${p.problem ? `（${p.problem}）` : ' ✓'}`}</View>
              ))}
              <FormError message={send.formError} />
              {goodRows.length ? (
                <View className="hs-actions">
                  <Button type="primary" size="large" block loading={send.busy} className="hs-dispatch__send-list" onClick={() => void go(goodRows)}>
                    {`下派 ${goodRows.length} 户`}
                  </Button>
                </View>
              ) : null}
            </View>
          ) : null}
        </View>
      )}
      {result ? (
        <View className="hs-card hs-dispatch__result">
          <Heading className="hs-card__title">{`已下派 ${result.created.length} 户`}</Heading>
          {result.created.map((c) => (
            <View key={c.caseId} className="hs-line hs-line--main">{`✓ ${c.name}`}</View>
          ))}
          {result.skipped.map((s, i) => (
            <View key={i} className="hs-line">{`未下派：${s.name}（${s.reason}）`}</View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

export default function DispatchPage() {
  return (
    <Page className="hs-dispatch">
      <View className="hint">县、乡镇工会把需要关注的困难家庭下派给基层工会，基层工会须在期限内入户核实并上报。</View>
      <StaffGate>{(me) => <Dispatch me={me} />}</StaffGate>
    </Page>
  );
}
