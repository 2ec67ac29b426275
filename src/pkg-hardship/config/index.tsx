/**
 * 本地帮扶标准 (issue #11): per org and year, the local 低保 standard, which levels a case passes and which decides,
 * the deadline of each step, the 公示 length, the holidays, the caps and the tiers per category and aid kind —
 * exactly `hardshipConfig`, checked with that same schema here and in the function. Staff of a county-level union
 * or above edit it; others see, read-only, the standard their cases follow and where it comes from.
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import {
  AID_KINDS,
  AID_KIND_LABELS,
  CATEGORIES,
  CATEGORY_LABELS,
  TIER_BASES,
  TIER_BASIS_LABELS,
  hardshipConfig,
  type HardshipConfig,
  type TierBasis,
  type TierRule,
} from '../../../types/hardship.model';
import type { MeOutput } from '../../../types/account.schema';
import { ORG_LEVEL_LABELS, type OrgLevel } from '../../../types/org';
import { formatInstant } from '../../../types/time';
import { useQuery } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { check, errorToFieldErrors } from '../../lib/form';
import Taro from '@tarojs/taro';
import { confirm, toast } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { Choice, Tick } from '../../components/Choice';
import { Field, FormError, TextBox } from '../../components/Field';
import { Heading } from '../../components/Heading';
import { ErrorState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { StaffGate } from '../../components/StaffGate';
import { num, yuan } from '../lib/labels';
import '../lib/hardship.scss';

const RANK: Record<OrgLevel, number> = { province: 0, city: 1, county: 2, town: 3, grassroots: 4 };
/** Whether staff of this level set the standard (county level or above). */
export const setsStandard = (level: OrgLevel) => RANK[level] <= RANK.county;

const DECIDE_LABELS = { town: '乡镇（街道）总工会', county: '县（市、区）总工会', city: '市总工会' } as const;
const SLA_LABELS = { grassroots: '基层工会入户核实', town: '乡镇（街道）审核', county: '县级审批', city: '市级审批' } as const;
const SLA_KEYS = ['grassroots', 'town', 'county', 'city'] as const;
const VALUE_LABEL: Record<TierBasis, string> = { fixed: '救助金额（元）', dibao_months: '低保标准的月数', cost_share: '自付费用的比例（%）' };

function tierText(t: TierRule): string {
  const rule = t.basis === 'fixed' ? `固定 ${t.value} 元` : t.basis === 'dibao_months' ? `低保标准 × ${t.value} 个月` : `自付费用的 ${t.value}%`;
  return `${rule}，每件 ${t.min}–${t.max} 元`;
}

/** The standard in force, read-only. */
function Summary({ c }: { c: HardshipConfig }) {
  const rows: [string, string][] = [
    ['低保标准', `${c.dibao} 元／人·月`],
    ['审核层级', `基层工会核实${c.townReview ? ' → 乡镇（街道）审核' : ''} → ${DECIDE_LABELS[c.decideAt]}审批`],
    ['乡镇可审批', c.townDecidesUpTo === null ? '不设' : `合计 ${c.townDecidesUpTo} 元以内`],
    ['医疗救助报市级', c.cityMedicalFrom === null ? '不设' : `${c.cityMedicalFrom} 元及以上`],
    ['办理时限', SLA_KEYS.map((k) => `${SLA_LABELS[k]} ${c.slaDays[k]} 天`).join('；')],
    ['公示', `${c.noticeWorkingDays} 个工作日`],
    ['每户每年救助上限', yuan(c.householdYearCap)],
    ['复核周期', `${c.recheckMonths} 个月`],
  ];
  return (
    <View className="hs-config__summary">
      {rows.map(([k, v]) => (
        <View key={k} className="hs-config__row">
          <View className="hs-config__key">{k}</View>
          <View className="hs-config__value">{v}</View>
        </View>
      ))}
      <View className="hs-config__subtitle">分档救助标准</View>
      {c.tiers.map((t) => (
        <View key={`${t.category}:${t.aidKind}`} className="hs-config__row hs-config__tier-line">
          <View className="hs-config__key">{`${CATEGORY_LABELS[t.category]} · ${AID_KIND_LABELS[t.aidKind]}`}</View>
          <View className="hs-config__value">{tierText(t)}</View>
        </View>
      ))}
    </View>
  );
}

type TierForm = { category: TierRule['category']; aidKind: TierRule['aidKind']; on: boolean; basis: TierBasis; value: string; min: string; max: string };
type Form = {
  dibao: string;
  townReview: boolean;
  decideAt: HardshipConfig['decideAt'];
  townDecidesUpTo: string;
  cityMedicalFrom: string;
  sla: Record<(typeof SLA_KEYS)[number], string>;
  noticeWorkingDays: string;
  holidays: string;
  workdays: string;
  householdYearCap: string;
  recheckMonths: string;
  tiers: TierForm[];
};

function toForm(c: HardshipConfig): Form {
  return {
    dibao: String(c.dibao),
    townReview: c.townReview,
    decideAt: c.decideAt,
    townDecidesUpTo: c.townDecidesUpTo === null ? '' : String(c.townDecidesUpTo),
    cityMedicalFrom: c.cityMedicalFrom === null ? '' : String(c.cityMedicalFrom),
    sla: { grassroots: String(c.slaDays.grassroots), town: String(c.slaDays.town), county: String(c.slaDays.county), city: String(c.slaDays.city) },
    noticeWorkingDays: String(c.noticeWorkingDays),
    holidays: c.holidays.join('\n'),
    workdays: c.workdays.join('\n'),
    householdYearCap: String(c.householdYearCap),
    recheckMonths: String(c.recheckMonths),
    tiers: CATEGORIES.flatMap((category) =>
      AID_KINDS.map((aidKind) => {
        const t = c.tiers.find((x) => x.category === category && x.aidKind === aidKind);
        return { category, aidKind, on: !!t, basis: t?.basis ?? 'fixed', value: t ? String(t.value) : '', min: t ? String(t.min) : '0', max: t ? String(t.max) : '' };
      }),
    ),
  };
}

/** Brings the first field with an error into view (after it renders). */
function showFirstError() {
  setTimeout(() => void Taro.pageScrollTo({ selector: '.hs-config__form .field-error', offsetTop: -160, duration: 200 }).catch(() => undefined), 50);
}

const dates = (s: string) => s.split(/[\s,，、；;]+/).map((x) => x.trim()).filter(Boolean);

/** The form's values as `hardshipConfig` takes them (blank optional limits: none). Tier indexes follow the shown list. */
function fromForm(f: Form): { values: unknown; tierIndex: number[] } {
  const shown = f.tiers.map((t, i) => ({ t, i })).filter((x) => x.t.on);
  return {
    tierIndex: shown.map((x) => x.i),
    values: {
      dibao: num(f.dibao),
      townReview: f.townReview,
      decideAt: f.decideAt,
      townDecidesUpTo: f.townDecidesUpTo.trim() === '' ? null : num(f.townDecidesUpTo),
      cityMedicalFrom: f.cityMedicalFrom.trim() === '' ? null : num(f.cityMedicalFrom),
      slaDays: Object.fromEntries(SLA_KEYS.map((k) => [k, num(f.sla[k])])),
      noticeWorkingDays: num(f.noticeWorkingDays),
      holidays: dates(f.holidays),
      workdays: dates(f.workdays),
      householdYearCap: num(f.householdYearCap),
      recheckMonths: num(f.recheckMonths),
      tiers: shown.map(({ t }) => ({ category: t.category, aidKind: t.aidKind, basis: t.basis, value: num(t.value), min: num(t.min), max: num(t.max) })),
    },
  };
}

/** Errors keyed by the schema's tier index, re-keyed by the card shown (all nine cards are shown, some off). */
function rekeyTiers(errors: Record<string, string>, tierIndex: number[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    const m = /^tiers\.(\d+)(.*)$/.exec(k);
    out[m ? `tiers.${tierIndex[Number(m[1])] ?? m[1]}${m[2]}` : k] = v;
  }
  return out;
}

function ConfigForm({ orgId, year, config, onSaved }: { orgId: string; year: number; config: HardshipConfig; onSaved: () => void }) {
  const save = useMutation('hardship', 'saveConfig', { issuePrefix: 'config' });
  const [f, setF] = useState<Form>(() => toForm(config));
  const err = save.fieldErrors;
  const set = <K extends keyof Form>(k: K, v: Form[K], errKey: string = k) => {
    setF((x) => ({ ...x, [k]: v }));
    save.clearFieldError(errKey);
  };
  const setTier = (i: number, patch: Partial<TierForm>) => {
    setF((x) => ({ ...x, tiers: x.tiers.map((t, j) => (j === i ? { ...t, ...patch } : t)) }));
    save.clearFieldError(`tiers.${i}`);
    save.clearFieldError('tiers');
  };
  const submit = async () => {
    const { values, tierIndex } = fromForm(f);
    const checked = check(hardshipConfig, values);
    if (!checked.ok) {
      save.setFieldErrors({ ...rekeyTiers(checked.errors, tierIndex), _form: '有填写不正确的地方，请按红字提示修改' });
      showFirstError();
      return;
    }
    if (!(await confirm('保存帮扶标准', `保存后，本辖区${year}年新办理的帮扶申请按新标准执行（低保标准 ${checked.data.dibao} 元，公示 ${checked.data.noticeWorkingDays} 个工作日）。确定保存吗？`))) return;
    const r = await save.run({ orgId, year, config: checked.data });
    if (r?.ok) {
      toast('帮扶标准已保存');
      onSaved();
    } else if (r && !r.ok) {
      save.setFieldErrors(rekeyTiers(errorToFieldErrors(r.error, 'config'), tierIndex));
      showFirstError();
    }
  };
  const numField = (k: 'dibao' | 'townDecidesUpTo' | 'cityMedicalFrom' | 'noticeWorkingDays' | 'householdYearCap' | 'recheckMonths', label: string, placeholder?: string) => (
    <Field label={label} name={k} type="digit" value={f[k]} placeholder={placeholder} onChange={(v) => set(k, v)} error={err[k]} maxLength={9} />
  );
  return (
    <View className="hs-form hs-config__form">
      <Heading level={2}>{`设置${year}年的标准`}</Heading>
      <View className="hs-card">
        <View className="hs-card__title">低保与上限</View>
        {numField('dibao', '本地低保标准（元／人·月）')}
        {numField('householdYearCap', '每户每年救助上限（元，各项合计）')}
        {numField('recheckMonths', '建档家庭复核周期（月）')}
      </View>
      <View className="hs-card">
        <View className="hs-card__title">审核与审批层级</View>
        <Tick name="townReview" checked={f.townReview} onChange={(v) => { set('townReview', v); save.clearFieldError('decideAt'); }}>
          基层核实后，经乡镇（街道）总工会审核
        </Tick>
        <View className="hs-label">由哪一级审批</View>
        <Choice name="decideAt" label="由哪一级审批" options={(['town', 'county', 'city'] as const).map((v) => ({ value: v, label: DECIDE_LABELS[v] }))} selected={[f.decideAt]} onToggle={(v) => set('decideAt', v)} />
        {err.decideAt ? <View className="field-error">{err.decideAt}</View> : null}
        {numField('townDecidesUpTo', '小额由乡镇审批：合计不超过（元）', '不填：乡镇不审批')}
        {numField('cityMedicalFrom', '医疗救助达到此金额报市级审批（元）', '不填：不报市级')}
      </View>
      <View className="hs-card">
        <View className="hs-card__title">办理时限（天）</View>
        {SLA_KEYS.map((k) => (
          <Field
            key={k}
            label={`${SLA_LABELS[k]}（天）`}
            name={`sla-${k}`}
            type="number"
            value={f.sla[k]}
            onChange={(v) => set('sla', { ...f.sla, [k]: v }, `slaDays.${k}`)}
            error={err[`slaDays.${k}`]}
            maxLength={2}
          />
        ))}
      </View>
      <View className="hs-card">
        <View className="hs-card__title">公示</View>
        {numField('noticeWorkingDays', '公示天数（工作日，不少于 5 天）')}
        <TextBox label="节假日（每行一个日期，如 2026-10-01）" value={f.holidays} onChange={(v) => set('holidays', v)} error={err.holidays} maxLength={800} className="hs-config__holidays" />
        <TextBox label="调休上班的周末（每行一个日期）" value={f.workdays} onChange={(v) => set('workdays', v)} error={err.workdays} maxLength={400} className="hs-config__workdays" />
      </View>
      <Heading level={2}>分档救助标准</Heading>
      <View className="hint">每类困难、每个救助项目一条；不适用的可以关闭。「最高金额」是每件申请的上限。</View>
      {err.tiers && !Object.keys(err).some((k) => k.startsWith('tiers.')) ? <View className="field-error">{err.tiers}</View> : null}
      {f.tiers.map((t, i) => (
        <View key={`${t.category}:${t.aidKind}`} className={`hs-card hs-config__tier${t.on ? '' : ' hs-config__tier--off'}`} data-tier={`${t.category}:${t.aidKind}`}>
          <View className="hs-card__title">{`${CATEGORY_LABELS[t.category]} · ${AID_KIND_LABELS[t.aidKind]}`}</View>
          <Tick name={`tier-on-${i}`} checked={t.on} onChange={(on) => setTier(i, { on })}>
            {`设置「${CATEGORY_LABELS[t.category]}」的${AID_KIND_LABELS[t.aidKind]}标准`}
          </Tick>
          {t.on ? (
            <>
              <View className="hs-label">计算方式</View>
              <Choice name={`basis-${i}`} label={`${CATEGORY_LABELS[t.category]}${AID_KIND_LABELS[t.aidKind]}的计算方式`} options={TIER_BASES.map((b) => ({ value: b, label: TIER_BASIS_LABELS[b] }))} selected={[t.basis]} onToggle={(basis) => setTier(i, { basis })} />
              <Field label={VALUE_LABEL[t.basis]} name={`tier-value-${i}`} type="digit" value={t.value} onChange={(value) => setTier(i, { value })} error={err[`tiers.${i}.value`]} maxLength={9} />
              <Field label="每件最低金额（元）" name={`tier-min-${i}`} type="digit" value={t.min} onChange={(min) => setTier(i, { min })} error={err[`tiers.${i}.min`]} maxLength={9} />
              <Field label="每件最高金额（元）" name={`tier-max-${i}`} type="digit" value={t.max} onChange={(max) => setTier(i, { max })} error={err[`tiers.${i}.max`]} maxLength={9} />
              {err[`tiers.${i}`] && !err[`tiers.${i}.value`] && !err[`tiers.${i}.min`] && !err[`tiers.${i}.max`] ? <View className="field-error">{err[`tiers.${i}`]}</View> : null}
            </>
          ) : null}
        </View>
      ))}
      <FormError message={save.formError} />
      <View className="hs-actions">
        <Button type="primary" size="large" block loading={save.busy} className="hs-config__save" onClick={() => void submit()}>
          {`保存${year}年帮扶标准`}
        </Button>
      </View>
    </View>
  );
}

function Standards({ me }: { me: MeOutput }) {
  const scope = me.staffScope;
  const [year, setYear] = useState<number | undefined>(undefined);
  const q = useQuery('hardship', 'getConfig', scope ? { orgId: scope.orgId, ...(year ? { year } : {}) } : { orgId: '' }, { enabled: !!scope });
  if (!scope) return <ErrorState error={{ code: 'auth.forbidden', message: '您的账号没有所属的工会，看不到本地帮扶标准' }} />;
  const canEdit = setsStandard(scope.level);
  return (
    <QueryView query={q}>
      {(d) => {
        const years = [d.year - 1, d.year, d.year + 1];
        return (
          <View className="hs-config" data-year={d.year}>
            <View className="hs-label">年度</View>
            <Choice name="year" label="年度" options={years.map((y) => ({ value: String(y), label: `${y} 年` }))} selected={[String(d.year)]} onToggle={(y) => setYear(Number(y))} />
            <View className="hs-card hs-config__source">
              <View className="hs-card__title">{`${d.orgName}${d.year}年适用的帮扶标准`}</View>
              <View className={`hs-notice${d.configured ? ' hs-notice--ok' : ''}`}>{`来源：${d.source}`}</View>
              {d.updatedAt ? <View className="hs-line">{`最近保存：${formatInstant(d.updatedAt)}`}</View> : null}
              {!canEdit ? (
                <View className="hs-notice hs-config__readonly">{`帮扶标准由县（市、区）级及以上工会设置。您在${scope.orgName}（${ORG_LEVEL_LABELS[scope.level]}）只能查看，不能修改；如需调整请联系上级工会。`}</View>
              ) : null}
              <Summary c={d.config} />
            </View>
            {canEdit ? <ConfigForm key={`${d.year}:${d.updatedAt ?? ''}:${JSON.stringify(d.config)}`} orgId={d.orgId} year={d.year} config={d.config} onSaved={() => void q.reload()} /> : null}
          </View>
        );
      }}
    </QueryView>
  );
}

export default function HardshipConfigPage() {
  return (
    <Page className="hs-config-page">
      <StaffGate>{(me) => <Standards me={me} />}</StaffGate>
    </Page>
  );
}
