/**
 * Staff: create or edit a trip — route and itinerary, themes, pictures, costs and health notes, sessions with places,
 * the sign-up window, cancellation deadline, review, and the eligibility rules. Checked with the function's schema.
 */
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { HONOUR_LEVELS, HONOUR_LEVEL_LABELS, type HonourLevel } from '../../../types/account.schema';
import { type Audience, type TripForm, type TripMode, type TripTheme, tripForm } from '../../../types/trips.schema';
import { joinInstant, localDateFrom, splitInstant } from '../../../types/time';
import { call } from '../../services/cloud';
import { useQuery } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { check } from '../../lib/form';
import { toast } from '../../lib/nav';
import { a11y } from '../../lib/a11y';
import { StaffGate } from '../../components/StaffGate';
import { Field, FormError, TextBox } from '../../components/Field';
import { Button } from '../../components/ui/Button';
import { Choice, Tick } from '../../components/Choice';
import { Heading } from '../../components/Heading';
import { LoadingState, ErrorState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { PAGES, TRIP_THEMES, TRIP_THEME_LABELS } from '../lib/labels';
import '../lib/trips.scss';

/** The Shanghai date N days from now. */
const dateFromNow = (days: number) => localDateFrom(Date.now(), days);

interface SessionRow { id?: string; label: string; departDate: string; returnDate: string; places: string }
interface State {
  title: string; route: string; itinerary: string; themes: TripTheme[]; pictures: string;
  costNote: string; subsidyNote: string; healthNote: string; mode: TripMode; needsReview: boolean;
  opensDate: string; opensTime: string; closesDate: string; closesTime: string;
  cancelDaysBefore: string; offerHours: string;
  audience: Audience; honourLevels: HonourLevel[]; maxAge: string; minAge: string; onePerYear: boolean;
  priorityYears: string; priorityWeight: string; priorityHeadStartHours: string;
  sessions: SessionRow[];
}

const THEMES = TRIP_THEMES.map((t) => ({ value: t, label: TRIP_THEME_LABELS[t] }));
const MODES = [{ value: 'first_come' as const, label: '先到先得' }, { value: 'lottery' as const, label: '报名后抽签' }];
const AUDIENCES = [
  { value: 'all' as const, label: '全体职工' },
  { value: 'model_workers' as const, label: '仅劳模工匠' },
  { value: 'honour_levels' as const, label: '指定荣誉级别' },
];
const LEVELS = HONOUR_LEVELS.map((l) => ({ value: l, label: HONOUR_LEVEL_LABELS[l] }));

function blank(): State {
  return {
    title: '', route: '', itinerary: '', themes: [], pictures: '', costNote: '', subsidyNote: '', healthNote: '',
    mode: 'first_come', needsReview: false,
    opensDate: dateFromNow(0), opensTime: '09:00', closesDate: dateFromNow(7), closesTime: '17:00',
    cancelDaysBefore: '3', offerHours: '24',
    audience: 'all', honourLevels: [], maxAge: '', minAge: '', onePerYear: true, priorityYears: '0', priorityWeight: '3', priorityHeadStartHours: '0',
    sessions: [{ label: '第一期', departDate: dateFromNow(30), returnDate: dateFromNow(32), places: '40' }],
  };
}

function fromForm(f: TripForm): State {
  const o = splitInstant(f.opensAt);
  const c = splitInstant(f.closesAt);
  const r = f.rules;
  return {
    title: f.title, route: f.route, itinerary: f.itinerary, themes: [...f.themes], pictures: (f.pictures ?? []).join('\n'),
    costNote: f.costNote ?? '', subsidyNote: f.subsidyNote ?? '', healthNote: f.healthNote ?? '', mode: f.mode, needsReview: f.needsReview,
    opensDate: o.date, opensTime: o.time, closesDate: c.date, closesTime: c.time,
    cancelDaysBefore: String(f.cancelDaysBefore), offerHours: String(f.offerHours),
    audience: r.audience, honourLevels: [...(r.honourLevels ?? [])], maxAge: r.maxAge == null ? '' : String(r.maxAge), minAge: r.minAge == null ? '' : String(r.minAge),
    onePerYear: r.onePerYear ?? true, priorityYears: String(r.priorityYears ?? 0), priorityWeight: String(r.priorityWeight ?? 3), priorityHeadStartHours: String(r.priorityHeadStartHours ?? 0),
    sessions: f.sessions.map((s) => ({ id: s.id, label: s.label ?? '', departDate: s.departDate, returnDate: s.returnDate, places: String(s.places) })),
  };
}

const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v.trim()));
const optNum = (v: string) => (v.trim() === '' ? null : Number(v.trim()));
const opt = (v: string) => (v.trim() ? v : undefined);

function toInput(s: State): unknown {
  return {
    title: s.title, route: s.route, itinerary: s.itinerary, themes: s.themes,
    pictures: s.pictures.split('\n').map((p) => p.trim()).filter(Boolean),
    costNote: opt(s.costNote), subsidyNote: opt(s.subsidyNote), healthNote: opt(s.healthNote),
    mode: s.mode, needsReview: s.needsReview,
    opensAt: joinInstant(s.opensDate, s.opensTime), closesAt: joinInstant(s.closesDate, s.closesTime),
    cancelDaysBefore: num(s.cancelDaysBefore), offerHours: num(s.offerHours),
    rules: {
      audience: s.audience, honourLevels: s.audience === 'honour_levels' ? s.honourLevels : [], maxAge: optNum(s.maxAge), minAge: optNum(s.minAge),
      onePerYear: s.onePerYear, priorityYears: num(s.priorityYears), priorityWeight: num(s.priorityWeight), priorityHeadStartHours: num(s.priorityHeadStartHours),
    },
    sessions: s.sessions.map((x) => ({ ...(x.id ? { id: x.id } : {}), label: opt(x.label), departDate: x.departDate.trim(), returnDate: x.returnDate.trim(), places: num(x.places) })),
  };
}

type SaveInput = { tripId: string; trip: TripForm; reason?: string } | { tripId: null; trip: TripForm };

/** The date and time fields show (and clear) the message of the instant they make up. */
const ERROR_OF_FIELD: Partial<Record<keyof State, string>> = { opensDate: 'opensAt', opensTime: 'opensAt', closesDate: 'closesAt', closesTime: 'closesAt' };

function Editor({ tripId }: { tripId: string }) {
  const existing = useQuery('trips', 'getForEdit', { tripId }, { enabled: !!tripId, onShow: false });
  const [s, setS] = useState<State | null>(tripId ? null : blank());
  const [reason, setReason] = useState('');
  const save = useMutation(
    (input: SaveInput, requestId: string) =>
      input.tripId
        ? call('trips', 'updateTrip', { tripId: input.tripId, trip: input.trip, ...('reason' in input && input.reason ? { reason: input.reason } : {}) }, { requestId })
        : call('trips', 'createTrip', { trip: input.trip }, { requestId }),
    { issuePrefix: 'trip' },
  );
  const loaded = existing.data;
  useEffect(() => {
    if (loaded) setS(fromForm(loaded.form));
  }, [loaded]);

  if (tripId && !s) return existing.status === 'error' ? <ErrorState error={existing.error} onRetry={() => void existing.reload()} /> : <LoadingState />;
  if (!s) return <LoadingState />;
  const status = loaded?.status ?? 'draft';
  const errors = save.fieldErrors;
  const set = <K extends keyof State>(k: K) => (v: State[K]) => {
    setS({ ...s, [k]: v });
    save.clearFieldError(ERROR_OF_FIELD[k] ?? k);
  };
  const setSession = (i: number, k: keyof SessionRow) => (v: string) => {
    setS({ ...s, sessions: s.sessions.map((x, j) => (j === i ? { ...x, [k]: v } : x)) });
    save.clearFieldError(`sessions.${i}`);
  };
  const toggle = <T extends string>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  const submit = async () => {
    const checked = check(tripForm, toInput(s));
    if (!checked.ok) {
      save.setFieldErrors(checked.errors);
      toast('有内容需要修改，请查看红色提示');
      return;
    }
    const r = await save.run(tripId ? { tripId, trip: checked.data, ...(reason.trim() ? { reason: reason.trim() } : {}) } : { tripId: null, trip: checked.data });
    if (!r || !r.ok) return;
    toast(tripId ? '已保存' : '已保存为草稿，可在列表中发布');
    void Taro.redirectTo({ url: PAGES.manage });
  };

  const err = (k: string) => (errors[k] ? <View className="field-error trips-err">{errors[k]}</View> : null);
  const sessionError = (i: number, k: string) => errors[`sessions.${i}.${k}`];

  return (
    <View>
      {status === 'published' ? <View className="trips-notice">这个疗休养已发布：修改会记入操作留痕，名额只能减少到已占用的数量为止。</View> : null}
      <Field label="标题" name="title" value={s.title} onChange={set('title')} error={errors.title} maxLength={40} placeholder="例如：景宁畲乡森林康养疗休养" />
      <Field label="线路" name="route" value={s.route} onChange={set('route')} error={errors.route} maxLength={60} placeholder="例如：嘉兴—丽水景宁" />
      <TextBox label="行程安排" className="trips-edit__itinerary" value={s.itinerary} onChange={set('itinerary')} error={errors.itinerary} maxLength={2000} placeholder="按天写明行程" />
      <View className="trips-label" {...a11y({ hidden: true })}>主题（可多选）</View>
      <Choice name="themes" label="主题（可多选）" multiple options={THEMES} selected={s.themes} onToggle={(v) => set('themes')(toggle(s.themes, v))} />
      {err('themes')}
      <View className="trips-label" {...a11y({ hidden: true })}>报名方式</View>
      <Choice name="mode" label="报名方式" options={MODES} selected={[s.mode]} onToggle={(v) => set('mode')(v)} />
      <Tick name="review" checked={s.needsReview} onChange={set('needsReview')}>报名需要工会审核（审核期间为报名人保留名额）</Tick>

      <Heading>报名时间</Heading>
      <Field label="开始日期（年-月-日）" name="opensDate" value={s.opensDate} onChange={set('opensDate')} error={errors.opensAt} />
      <Field label="开始时间（时:分）" name="opensTime" value={s.opensTime} onChange={set('opensTime')} />
      <Field label="截止日期（年-月-日）" name="closesDate" value={s.closesDate} onChange={set('closesDate')} error={errors.closesAt} />
      <Field label="截止时间（时:分）" name="closesTime" value={s.closesTime} onChange={set('closesTime')} />
      <Field label="出发前几天停止取消" name="cancelDaysBefore" type="number" value={s.cancelDaysBefore} onChange={set('cancelDaysBefore')} error={errors.cancelDaysBefore} />
      <Field label="候补确认时限（小时）" name="offerHours" type="number" value={s.offerHours} onChange={set('offerHours')} error={errors.offerHours} />

      <Heading>期次</Heading>
      {err('sessions')}
      {s.sessions.map((x, i) => (
        <View key={x.id ?? `new-${i}`} className="trips-card trips-edit__session">
          <Field label="期次名称" name={`session-${i}-label`} value={x.label} onChange={setSession(i, 'label')} error={sessionError(i, 'label')} maxLength={20} placeholder={`第 ${i + 1} 期`} />
          <Field label="出发日期（年-月-日）" name={`session-${i}-depart`} value={x.departDate} onChange={setSession(i, 'departDate')} error={sessionError(i, 'departDate')} />
          <Field label="返回日期（年-月-日）" name={`session-${i}-return`} value={x.returnDate} onChange={setSession(i, 'returnDate')} error={sessionError(i, 'returnDate')} />
          <Field label="名额" name={`session-${i}-places`} type="number" value={x.places} onChange={setSession(i, 'places')} error={sessionError(i, 'places')} />
          {s.sessions.length > 1 && (!x.id || status === 'draft') ? (
            <Button size="large" label={`删除这一期（${x.label || `第 ${i + 1} 期`}）`} onClick={() => setS({ ...s, sessions: s.sessions.filter((_, j) => j !== i) })}>删除这一期</Button>
          ) : null}
        </View>
      ))}
      <View className="actions">
        <Button size="large" block onClick={() => setS({ ...s, sessions: [...s.sessions, { label: '', departDate: dateFromNow(45), returnDate: dateFromNow(47), places: '40' }] })}>增加一期</Button>
      </View>

      <Heading>报名条件</Heading>
      <Choice name="audience" label="报名对象" options={AUDIENCES} selected={[s.audience]} onToggle={(v) => set('audience')(v)} />
      {s.audience === 'honour_levels' ? <Choice name="levels" label="可报名的荣誉级别" multiple options={LEVELS} selected={s.honourLevels} onToggle={(v) => set('honourLevels')(toggle(s.honourLevels, v))} /> : null}
      {err('rules')}
      <Field label="出发时最大年龄（不限可留空）" name="maxAge" type="number" value={s.maxAge} onChange={set('maxAge')} />
      <Field label="出发时最小年龄（不限可留空）" name="minAge" type="number" value={s.minAge} onChange={set('minAge')} />
      <Tick name="onePerYear" checked={s.onePerYear} onChange={set('onePerYear')}>每人每年只能参加一次疗休养（各级工会合计）</Tick>
      <Field label="近几年未参加的优先（0 为不设）" name="priorityYears" type="number" value={s.priorityYears} onChange={set('priorityYears')} />
      <Field label="优先人员抽签权重（倍，抽签报名时用）" name="priorityWeight" type="number" value={s.priorityWeight} onChange={set('priorityWeight')} />
      <Field label="优先人员提前报名（小时，先到先得时用）" name="priorityHeadStartHours" type="number" value={s.priorityHeadStartHours} onChange={set('priorityHeadStartHours')} />

      <Heading>说明</Heading>
      <TextBox label="费用说明" value={s.costNote} onChange={set('costNote')} error={errors.costNote} maxLength={500} />
      <TextBox label="补贴说明" value={s.subsidyNote} onChange={set('subsidyNote')} error={errors.subsidyNote} maxLength={500} />
      <TextBox label="健康提示" value={s.healthNote} onChange={set('healthNote')} error={errors.healthNote} maxLength={500} />
      <TextBox label="图片地址（每行一个，最多 9 张）" className="trips-edit__pictures" value={s.pictures} onChange={set('pictures')} error={errors.pictures} maxLength={3000} placeholder="以 https:// 开头的图片地址" />
      <View className="hint">从手机相册直接选择图片的功能正在开发中；现在请粘贴工会提供的图片地址，不填也可以。</View>
      {status === 'published' ? <Field label="修改原因（记入留痕）" name="reason" value={reason} onChange={setReason} maxLength={200} /> : null}
      <FormError message={save.formError} />
      <View className="actions">
        <Button type="primary" size="large" block loading={save.busy} className="trips-edit__save" onClick={() => void submit()}>
          {tripId ? '保存修改' : '保存为草稿'}
        </Button>
      </View>
    </View>
  );
}

export default function EditTripPage() {
  const { params } = useRouter();
  return (
    <Page className="trips-edit">
      <StaffGate>{() => <Editor tripId={params.id ?? ''} />}</StaffGate>
    </Page>
  );
}
