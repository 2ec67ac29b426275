/**
 * Staff: create or edit a trip — route and itinerary, themes, pictures, costs and health notes, sessions with places,
 * the sign-up window, cancellation deadline, review, and the eligibility rules. Checked with the function's schema.
 */
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { HONOUR_LEVELS, HONOUR_LEVEL_LABELS, type HonourLevel } from '../../../types/account.schema';
import type { AppErrorBody } from '../../../types/result';
import { type Audience, type TripForm, type TripMode, type TripTheme, tripForm } from '../../../types/trips.schema';
import { call, newRequestId } from '../../services/cloud';
import { StaffGate } from '../../components/StaffGate';
import { Field, FormError } from '../../components/Field';
import { ErrorState, LoadingState } from '../../components/PageState';
import { Button, TextArea } from '../../components/ui';
import { check, type FieldErrors } from '../../lib/form';
import { toast } from '../../lib/nav';
import { Choice, Tick } from '../lib/Choice';
import { dateFromNow, joinInstant, splitInstant } from '../lib/format';
import { PAGES, TRIP_THEMES, TRIP_THEME_LABELS } from '../lib/labels';
import '../lib/trips.scss';

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

function Editor({ tripId }: { tripId: string }) {
  const [s, setS] = useState<State | null>(tripId ? null : blank());
  const [status, setStatus] = useState<string>('draft');
  const [loadError, setLoadError] = useState<AppErrorBody | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const attempt = useRef<string | null>(null);

  useEffect(() => {
    if (!tripId) return;
    void call('trips', 'getForEdit', { tripId }).then((r) => {
      if (!r.ok) return setLoadError(r.error);
      setS(fromForm(r.data.form));
      setStatus(r.data.status);
    });
  }, [tripId]);

  if (loadError) return <ErrorState error={loadError} />;
  if (!s) return <LoadingState />;
  const set = <K extends keyof State>(k: K) => (v: State[K]) => setS({ ...s, [k]: v });
  const setSession = (i: number, k: keyof SessionRow) => (v: string) => setS({ ...s, sessions: s.sessions.map((x, j) => (j === i ? { ...x, [k]: v } : x)) });
  const toggle = <T extends string>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  const save = async () => {
    if (busy) return;
    const checked = check(tripForm, toInput(s));
    if (!checked.ok) {
      setErrors(checked.errors);
      toast('有内容需要修改，请查看红色提示');
      return;
    }
    setErrors({});
    setBusy(true);
    attempt.current = attempt.current ?? newRequestId();
    const r = tripId
      ? await call('trips', 'updateTrip', { tripId, trip: checked.data, ...(reason.trim() ? { reason: reason.trim() } : {}) }, { requestId: attempt.current })
      : await call('trips', 'createTrip', { trip: checked.data }, { requestId: attempt.current });
    setBusy(false);
    if (!r.ok) {
      if (r.error.code !== 'network') attempt.current = null;
      const issues = (r.error.issues ?? []).map((i) => ({ ...i, path: i.path[0] === 'trip' ? i.path.slice(1) : i.path }));
      const fe: FieldErrors = { _form: r.error.message };
      for (const i of issues) if (i.path.length && !fe[String(i.path[0])]) fe[String(i.path[0])] = i.message;
      return setErrors(fe);
    }
    attempt.current = null;
    toast(tripId ? '已保存' : '已保存为草稿，可在列表中发布');
    void Taro.redirectTo({ url: PAGES.manage });
  };

  const err = (k: string) => (errors[k] ? <View className="field-error trips-err">{errors[k]}</View> : null);

  return (
    <View>
      {status === 'published' ? <View className="trips-notice">这个疗休养已发布：修改会记入操作留痕，名额只能减少到已占用的数量为止。</View> : null}
      <Field label="标题" name="title" value={s.title} onChange={set('title')} error={errors.title} maxLength={40} placeholder="例如：景宁畲乡森林康养疗休养" />
      <Field label="线路" name="route" value={s.route} onChange={set('route')} error={errors.route} maxLength={60} placeholder="例如：嘉兴—丽水景宁" />
      <View className="trips-label">行程安排</View>
      <View className="trips-textarea"><TextArea className="trips-edit__itinerary" value={s.itinerary} onChange={(v: string) => set('itinerary')(v)} maxLength={2000} placeholder="按天写明行程" /></View>
      {err('itinerary')}
      <View className="trips-label">主题（可多选）</View>
      <Choice name="themes" options={THEMES} selected={s.themes} onToggle={(v) => set('themes')(toggle(s.themes, v))} />
      {err('themes')}
      <View className="trips-label">报名方式</View>
      <Choice name="mode" options={MODES} selected={[s.mode]} onToggle={(v) => set('mode')(v)} />
      <Tick name="review" checked={s.needsReview} onChange={set('needsReview')}>报名需要工会审核（审核期间为报名人保留名额）</Tick>

      <View className="section-title">报名时间</View>
      <Field label="开始日期（年-月-日）" name="opensDate" value={s.opensDate} onChange={set('opensDate')} error={errors.opensAt} />
      <Field label="开始时间（时:分）" name="opensTime" value={s.opensTime} onChange={set('opensTime')} />
      <Field label="截止日期（年-月-日）" name="closesDate" value={s.closesDate} onChange={set('closesDate')} error={errors.closesAt} />
      <Field label="截止时间（时:分）" name="closesTime" value={s.closesTime} onChange={set('closesTime')} />
      <Field label="出发前几天停止取消" name="cancelDaysBefore" type="number" value={s.cancelDaysBefore} onChange={set('cancelDaysBefore')} error={errors.cancelDaysBefore} />
      <Field label="候补确认时限（小时）" name="offerHours" type="number" value={s.offerHours} onChange={set('offerHours')} error={errors.offerHours} />

      <View className="section-title">期次</View>
      {err('sessions')}
      {s.sessions.map((x, i) => (
        <View key={x.id ?? `new-${i}`} className="trips-card trips-edit__session">
          <Field label="期次名称" name={`session-${i}-label`} value={x.label} onChange={setSession(i, 'label')} maxLength={20} placeholder={`第 ${i + 1} 期`} />
          <Field label="出发日期（年-月-日）" name={`session-${i}-depart`} value={x.departDate} onChange={setSession(i, 'departDate')} />
          <Field label="返回日期（年-月-日）" name={`session-${i}-return`} value={x.returnDate} onChange={setSession(i, 'returnDate')} />
          <Field label="名额" name={`session-${i}-places`} type="number" value={x.places} onChange={setSession(i, 'places')} />
          {s.sessions.length > 1 && (!x.id || status === 'draft') ? (
            <Button size="large" onClick={() => setS({ ...s, sessions: s.sessions.filter((_, j) => j !== i) })}>删除这一期</Button>
          ) : null}
        </View>
      ))}
      <View className="actions">
        <Button size="large" block onClick={() => setS({ ...s, sessions: [...s.sessions, { label: '', departDate: dateFromNow(45), returnDate: dateFromNow(47), places: '40' }] })}>增加一期</Button>
      </View>

      <View className="section-title">报名条件</View>
      <Choice name="audience" options={AUDIENCES} selected={[s.audience]} onToggle={(v) => set('audience')(v)} />
      {s.audience === 'honour_levels' ? <Choice name="levels" options={LEVELS} selected={s.honourLevels} onToggle={(v) => set('honourLevels')(toggle(s.honourLevels, v))} /> : null}
      {err('rules')}
      <Field label="出发时最大年龄（不限可留空）" name="maxAge" type="number" value={s.maxAge} onChange={set('maxAge')} />
      <Field label="出发时最小年龄（不限可留空）" name="minAge" type="number" value={s.minAge} onChange={set('minAge')} />
      <Tick name="onePerYear" checked={s.onePerYear} onChange={set('onePerYear')}>每人每年只能参加一次疗休养（各级工会合计）</Tick>
      <Field label="近几年未参加的优先（0 为不设）" name="priorityYears" type="number" value={s.priorityYears} onChange={set('priorityYears')} />
      <Field label="优先人员抽签权重（倍）" name="priorityWeight" type="number" value={s.priorityWeight} onChange={set('priorityWeight')} />
      <Field label="优先人员提前报名（小时）" name="priorityHeadStartHours" type="number" value={s.priorityHeadStartHours} onChange={set('priorityHeadStartHours')} />

      <View className="section-title">说明</View>
      <View className="trips-label">费用说明</View>
      <View className="trips-textarea"><TextArea value={s.costNote} onChange={(v: string) => set('costNote')(v)} maxLength={500} /></View>
      <View className="trips-label">补贴说明</View>
      <View className="trips-textarea"><TextArea value={s.subsidyNote} onChange={(v: string) => set('subsidyNote')(v)} maxLength={500} /></View>
      <View className="trips-label">健康提示</View>
      <View className="trips-textarea"><TextArea value={s.healthNote} onChange={(v: string) => set('healthNote')(v)} maxLength={500} /></View>
      <View className="trips-label">图片（云存储文件 ID 或 https 地址，每行一个，最多 9 张）</View>
      <View className="trips-textarea"><TextArea value={s.pictures} onChange={(v: string) => set('pictures')(v)} maxLength={3000} /></View>
      {err('pictures')}
      {status === 'published' ? <Field label="修改原因（记入留痕）" name="reason" value={reason} onChange={setReason} maxLength={200} /> : null}
      <FormError message={errors._form} />
      <View className="actions">
        <Button type="primary" size="large" block loading={busy} disabled={busy} className="trips-edit__save" onClick={() => void save()}>
          {tripId ? '保存修改' : '保存为草稿'}
        </Button>
      </View>
    </View>
  );
}

export default function EditTripPage() {
  const { params } = useRouter();
  return (
    <View className="page trips-edit">
      <StaffGate>{() => <Editor tripId={params.id ?? ''} />}</StaffGate>
    </View>
  );
}
