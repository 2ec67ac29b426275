/**
 * The case form's fields, shared by the application (the worker, or staff filing on behalf) and the grassroots
 * verification of a dispatched household (which has no form yet): the values as typed, their conversion to the
 * schema's shape (caseForm / draftForm check them), the live per-capita income and the documents still missing.
 */
import { View } from '@tarojs/components';
import { useMemo } from 'react';
import {
  AID_KINDS,
  AID_KIND_LABELS,
  BUSINESS_LABELS,
  BUSINESS_TYPES,
  CASE_KINDS,
  CASE_KIND_LABELS,
  CAUSES,
  CAUSE_LABELS,
  CONSENT_TEXT,
  CONSENT_VERSION,
  DECLARATION_TEXT,
  DOC_LABELS,
  HEALTH_LABELS,
  HEALTH_STATES,
  HOUSING_LABELS,
  HOUSING_TYPES,
  RELATIONS,
  RELATION_LABELS,
  WORK_STATUSES,
  WORK_STATUS_LABELS,
  type AidKind,
  type Cause,
  type DocKind,
  type DraftForm,
} from '../../../types/hardship.schema';
import { incomeOfForm, missingDocs, requiredDocs } from '../../../types/hardship.rules';
import { a11y } from '../../lib/a11y';
import { Field, TextBox } from '../../components/Field';
import { Button } from '../../components/ui/Button';
import { Choice, Tick } from '../../components/Choice';
import { Heading } from '../../components/Heading';
import { num, yuan } from './labels';

const opts = <T extends string>(keys: readonly T[], labels: Record<T, string>) => keys.map((k) => ({ value: k, label: labels[k] }));

export interface MemberRow {
  relation: string;
  age: string;
  health: string;
  occupation: string;
  monthlyIncome: string;
}
export interface Attached {
  fileId: string;
  doc: DocKind;
  name: string;
}
export interface Values {
  kind: string;
  primaryCause: string;
  secondaryCauses: Cause[];
  workStatus: string;
  monthlyIncome: string;
  members: MemberRow[];
  housingType: string;
  housingArea: string;
  homes: string;
  hasCar: string;
  business: string;
  medicalCosts: string;
  schoolingCosts: string;
  otherCosts: string;
  aidReceived: string;
  aidReceivedNote: string;
  narrative: string;
  aidKinds: AidKind[];
  attachments: Attached[];
  declared: boolean;
  consentIncomeCheck: boolean;
}

export const EMPTY: Values = {
  kind: '',
  primaryCause: '',
  secondaryCauses: [],
  workStatus: '',
  monthlyIncome: '',
  members: [],
  housingType: '',
  housingArea: '',
  homes: '',
  hasCar: '',
  business: '',
  medicalCosts: '',
  schoolingCosts: '',
  otherCosts: '',
  aidReceived: '',
  aidReceivedNote: '',
  narrative: '',
  aidKinds: [],
  attachments: [],
  declared: false,
  consentIncomeCheck: false,
};

const str = (n: number | undefined) => (n === undefined || n === null ? '' : String(n));

export function fromDraft(f: DraftForm | null, files: readonly { id: string; name: string }[]): Values {
  if (!f) return EMPTY;
  const names = new Map(files.map((x) => [x.id, x.name]));
  return {
    kind: f.kind ?? '',
    primaryCause: f.primaryCause ?? '',
    secondaryCauses: f.secondaryCauses ?? [],
    workStatus: f.workStatus ?? '',
    monthlyIncome: str(f.monthlyIncome),
    members: (f.members ?? []).map((m) => ({ relation: m.relation, age: String(m.age), health: m.health, occupation: m.occupation, monthlyIncome: String(m.monthlyIncome) })),
    housingType: f.housingType ?? '',
    housingArea: str(f.housingArea),
    homes: str(f.homes),
    hasCar: f.hasCar === undefined ? '' : f.hasCar ? 'yes' : 'no',
    business: f.business ?? '',
    medicalCosts: str(f.medicalCosts),
    schoolingCosts: str(f.schoolingCosts),
    otherCosts: str(f.otherCosts),
    aidReceived: str(f.aidReceived),
    aidReceivedNote: f.aidReceivedNote ?? '',
    narrative: f.narrative ?? '',
    aidKinds: f.aidKinds ?? [],
    attachments: (f.attachments ?? []).map((a) => ({ fileId: a.fileId, doc: a.doc, name: names.get(a.fileId) ?? DOC_LABELS[a.doc] })),
    declared: f.declared ?? false,
    consentIncomeCheck: f.consentIncomeCheck ?? false,
  };
}

const opt = (s: string) => (s ? s : undefined);

/** The values as the schema takes them ('' → unset; numbers parsed). */
export function toForm(v: Values) {
  return {
    kind: opt(v.kind),
    primaryCause: opt(v.primaryCause),
    secondaryCauses: v.secondaryCauses,
    workStatus: opt(v.workStatus),
    monthlyIncome: num(v.monthlyIncome),
    members: v.members.map((m) => ({ relation: opt(m.relation), age: num(m.age), health: opt(m.health), occupation: m.occupation.trim(), monthlyIncome: num(m.monthlyIncome) })),
    housingType: opt(v.housingType),
    housingArea: num(v.housingArea),
    homes: num(v.homes),
    hasCar: v.hasCar === '' ? undefined : v.hasCar === 'yes',
    business: opt(v.business),
    medicalCosts: num(v.medicalCosts),
    schoolingCosts: num(v.schoolingCosts),
    otherCosts: num(v.otherCosts),
    aidReceived: num(v.aidReceived),
    aidReceivedNote: v.aidReceivedNote.trim() ? v.aidReceivedNote.trim() : undefined,
    narrative: v.narrative.trim() ? v.narrative.trim() : undefined,
    aidKinds: v.aidKinds,
    attachments: v.attachments.map((a) => ({ fileId: a.fileId, doc: a.doc })),
    declared: v.declared,
    consentIncomeCheck: v.consentIncomeCheck,
  };
}

/** A draft keeps only what parses (an unfinished member row is kept when complete enough for the schema). */
export function toDraft(v: Values) {
  const f = toForm(v);
  const clean = Object.fromEntries(Object.entries(f).filter(([, x]) => x !== undefined && !(typeof x === 'number' && Number.isNaN(x))));
  return clean;
}

export function Err({ msg }: { msg?: string }) {
  return msg ? <View className="field-error hs-err">{msg}</View> : null;
}

function MemberEditor({ i, m, errors, onChange, onRemove }: { i: number; m: MemberRow; errors: Record<string, string>; onChange: (m: MemberRow) => void; onRemove: () => void }) {
  const e = (k: string) => errors[`members.${i}.${k}`];
  return (
    <View className={`hs-member hs-member--${i}`}>
      <View className="hs-label">{`家庭成员 ${i + 1}`}</View>
      <Choice name={`member-${i}-relation`} label="与本人关系" options={opts(RELATIONS, RELATION_LABELS)} selected={[m.relation]} onToggle={(x) => onChange({ ...m, relation: x })} />
      <Err msg={e('relation')} />
      <Field label="年龄" name={`member-${i}-age`} type="number" value={m.age} onChange={(x) => onChange({ ...m, age: x })} error={e('age')} maxLength={3} />
      <View className="hs-label" {...a11y({ hidden: true })}>健康状况</View>
      <Choice name={`member-${i}-health`} label="健康状况" options={opts(HEALTH_STATES, HEALTH_LABELS)} selected={[m.health]} onToggle={(x) => onChange({ ...m, health: x })} />
      <Err msg={e('health')} />
      <Field label="职业或就读学校" name={`member-${i}-occupation`} value={m.occupation} onChange={(x) => onChange({ ...m, occupation: x })} error={e('occupation')} maxLength={30} placeholder="例如：务农、小学在读" />
      <Field label="月收入（元，没有填 0）" name={`member-${i}-income`} type="digit" value={m.monthlyIncome} onChange={(x) => onChange({ ...m, monthlyIncome: x })} error={e('monthlyIncome')} maxLength={8} />
      <Button size="large" className={`hs-member__remove`} label={`删除这位成员：家庭成员 ${i + 1}`} onClick={onRemove}>
        删除这位成员
      </Button>
    </View>
  );
}

/** The documents the causes and aid kinds need, and those not attached yet. */
export function docsOf(v: Values): { required: DocKind[]; missing: DocKind[] } {
  const required = requiredDocs([v.primaryCause as Cause, ...v.secondaryCauses], v.aidKinds);
  return { required, missing: missingDocs(required, v.attachments) };
}

export function CaseFormFields({
  v,
  set,
  errors,
  uploading,
  uploadError,
  upload,
}: {
  v: Values;
  set: <K extends keyof Values>(k: K, x: Values[K]) => void;
  errors: Record<string, string>;
  uploading: DocKind | null;
  uploadError: string | null;
  upload: (doc: DocKind) => void;
}) {
  const field = (k: keyof Values & string) => ({ name: k, value: v[k] as string, onChange: (x: string) => set(k, x as never), error: errors[k] });

  const facts = useMemo(() => {
    const f = toForm(v);
    const safe = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? 0 : n);
    return incomeOfForm({
      monthlyIncome: safe(f.monthlyIncome),
      members: f.members.map((m) => ({ monthlyIncome: safe(m.monthlyIncome) })),
      medicalCosts: safe(f.medicalCosts),
      schoolingCosts: safe(f.schoolingCosts),
      otherCosts: safe(f.otherCosts),
    });
  }, [v]);
  const { required, missing } = docsOf(v);
  const uploadable: DocKind[] = [...required, 'other'];

  return (
    <>
      <Heading>救助类型与致困原因</Heading>
      <Choice name="kind" label="救助类型" options={opts(CASE_KINDS, CASE_KIND_LABELS)} selected={[v.kind]} onToggle={(x) => set('kind', x)} />
      <Err msg={errors.kind} />
      <View className="hs-label" {...a11y({ hidden: true })}>主要致困原因</View>
      <Choice name="primaryCause" label="主要致困原因" options={opts(CAUSES, CAUSE_LABELS)} selected={[v.primaryCause as Cause]} onToggle={(x) => set('primaryCause', x)} />
      <Err msg={errors.primaryCause} />
      <View className="hs-label" {...a11y({ hidden: true })}>其他致困原因（可多选，可不选）</View>
      <Choice
        name="secondaryCauses"
        label="其他致困原因（可多选，可不选）"
        multiple
        options={opts(CAUSES, CAUSE_LABELS).filter((o) => o.value !== v.primaryCause)}
        selected={v.secondaryCauses}
        onToggle={(x) => set('secondaryCauses', v.secondaryCauses.includes(x) ? v.secondaryCauses.filter((c) => c !== x) : [...v.secondaryCauses, x])}
      />
      <Err msg={errors.secondaryCauses} />

      <Heading>本人情况</Heading>
      <Choice name="workStatus" label="就业状况" options={opts(WORK_STATUSES, WORK_STATUS_LABELS)} selected={[v.workStatus]} onToggle={(x) => set('workStatus', x)} />
      <Err msg={errors.workStatus} />
      <Field label="本人月收入（元）" type="digit" {...field('monthlyIncome')} maxLength={8} placeholder="工资或养老金，没有填 0" />

      <Heading>共同生活的家庭成员</Heading>
      <View className="hint">不用填身份证号。没有其他家庭成员可以不填。</View>
      {v.members.map((m, i) => (
        <MemberEditor
          key={i}
          i={i}
          m={m}
          errors={errors}
          onChange={(x) => set('members', v.members.map((y, j) => (j === i ? x : y)))}
          onRemove={() => set('members', v.members.filter((_, j) => j !== i))}
        />
      ))}
      <Err msg={errors.members} />
      {v.members.length < 12 ? (
        <View className="actions">
          <Button size="large" block className="hs-apply__add-member" onClick={() => set('members', [...v.members, { relation: '', age: '', health: '', occupation: '', monthlyIncome: '' }])}>
            添加一位家庭成员
          </Button>
        </View>
      ) : null}

      <Heading>住房与财产</Heading>
      <Choice name="housingType" label="住房情况" options={opts(HOUSING_TYPES, HOUSING_LABELS)} selected={[v.housingType]} onToggle={(x) => set('housingType', x)} />
      <Err msg={errors.housingType} />
      <Field label="住房面积（平方米）" type="digit" {...field('housingArea')} maxLength={6} />
      <Field label="家庭住房套数" type="number" {...field('homes')} maxLength={2} placeholder="没有自有住房填 0" />
      <Choice name="hasCar" label="家里是否有车" options={[{ value: 'no', label: '没有车' }, { value: 'yes', label: '有车' }]} selected={[v.hasCar]} onToggle={(x) => set('hasCar', x)} />
      <Err msg={errors.hasCar} />
      <View className="hs-label" {...a11y({ hidden: true })}>经营情况</View>
      <Choice name="business" label="经营情况" options={opts(BUSINESS_TYPES, BUSINESS_LABELS)} selected={[v.business]} onToggle={(x) => set('business', x)} />
      <Err msg={errors.business} />

      <Heading>今年的刚性支出与已获救助</Heading>
      <Field label="医疗自付支出（元）" type="digit" {...field('medicalCosts')} maxLength={9} placeholder="没有填 0" />
      <Field label="子女教育支出（元）" type="digit" {...field('schoolingCosts')} maxLength={9} placeholder="没有填 0" />
      <Field label="其他必需支出（元）" type="digit" {...field('otherCosts')} maxLength={9} placeholder="没有填 0" />
      <Field label="今年已获其他救助（元）" type="digit" {...field('aidReceived')} maxLength={9} placeholder="没有填 0" />
      <Field label="已获救助说明（可不填）" {...field('aidReceivedNote')} maxLength={100} placeholder="例如：民政临时救助" />

      <View className="hs-card hs-apply__income" {...a11y({ role: 'status', live: 'polite' })}>
        <View className="hs-line hs-line--main">按您填写的数字，家庭人均月收入约为</View>
        <View className="hs-big hs-apply__per-capita">{yuan(facts.perCapitaMonthly)}</View>
        <View className="hs-line">{`（年收入 ${yuan(facts.annualIncome)} − 刚性支出 ${yuan(facts.rigidExpenses)}）÷ 12 ÷ ${facts.householdSize} 人`}</View>
        {facts.perCapitaMonthly < 0 ? <View className="hs-line">今年的刚性支出已超过家庭收入，所以是负数，请如实提交。</View> : null}
      </View>

      <Heading>困难情况与申请项目</Heading>
      <TextBox label="困难情况说明" className="hs-apply__narrative" value={v.narrative} onChange={(x) => set('narrative', x)} error={errors.narrative} maxLength={1000} placeholder="请写清家里遇到了什么困难（至少 10 个字）" />
      <View className="hs-label" {...a11y({ hidden: true })}>申请救助项目（可多选）</View>
      <Choice
        name="aidKinds"
        label="申请救助项目（可多选）"
        multiple
        options={opts(AID_KINDS, AID_KIND_LABELS)}
        selected={v.aidKinds}
        onToggle={(x) => set('aidKinds', v.aidKinds.includes(x) ? v.aidKinds.filter((k) => k !== x) : [...v.aidKinds, x])}
      />
      <Err msg={errors.aidKinds} />

      <Heading>证明材料</Heading>
      <View className="hint">照片（JPG、PNG）或 PDF，每个不超过 10 MB。</View>
      {missing.length > 0 ? (
        <View className="hs-notice hs-apply__missing">{`还缺：${missing.map((d) => DOC_LABELS[d]).join('、')}`}</View>
      ) : required.length > 0 ? (
        <View className="hs-notice hs-notice--ok">所需材料已齐</View>
      ) : (
        <View className="hint">选择致困原因后，这里会列出需要的材料。</View>
      )}
      {uploadable.map((doc) => {
        const have = v.attachments.filter((a) => a.doc === doc);
        return (
          <View key={doc} className={`hs-doc hs-doc--${doc}`}>
            <View className="hs-line hs-line--main">{`${DOC_LABELS[doc]}${have.length ? `：已上传 ${have.length} 个` : required.includes(doc) ? '：未上传' : ''}`}</View>
            {have.map((a) => (
              <View key={a.fileId} className="hs-actions">
                <View className="hs-line">{a.name}</View>
                <Button size="small" label={`移除 ${a.name}`} onClick={() => set('attachments', v.attachments.filter((x) => x.fileId !== a.fileId))}>
                  移除
                </Button>
              </View>
            ))}
            <Button size="large" className={`hs-upload hs-upload--${doc}`} loading={uploading === doc} onClick={() => upload(doc)}>
              {uploading === doc ? '正在上传…' : `上传${DOC_LABELS[doc]}`}
            </Button>
          </View>
        );
      })}
      {uploadError ? <View className="field-error hs-err">{uploadError}</View> : null}
      <Err msg={errors.attachments} />

      <Heading>承诺与授权</Heading>
      <Tick name="declared" checked={v.declared} onChange={(c) => set('declared', c)}>{DECLARATION_TEXT}</Tick>
      <Err msg={errors.declared} />
      <Tick name="consent" checked={v.consentIncomeCheck} onChange={(c) => set('consentIncomeCheck', c)}>{CONSENT_TEXT}</Tick>
      <Err msg={errors.consentIncomeCheck} />
      <View className="hint">{`授权书版本 ${CONSENT_VERSION}，提交时记录签署时间。`}</View>

    </>
  );
}
