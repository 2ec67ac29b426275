/**
 * 绿通卡管理 (union staff): applications to approve, cards to suspend / reinstate / revoke / renew (with a reason),
 * one-step issuing for the whole subtree, the eligibility policy, partner hospitals and monthly visit counts.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { CardStatus, HospitalView, PolicyView, Priority, StaffCardRow } from '../../../types/greencard.schema';
import { CARD_STATUS_LABELS, PRIORITIES, PRIORITY_LABELS, STANDARD_PRIORITIES } from '../../../types/greencard.schema';
import { HONOUR_LEVELS, HONOUR_LEVEL_LABELS, type HonourLevel, type OrgSummary } from '../../../types/account.schema';
import type { MeOutput } from '../../../types/account.schema';
import { call, newRequestId } from '../../services/cloud';
import { StaffGate } from '../../components/StaffGate';
import { Button, Input, TextArea } from '../../components/ui';
import { Field } from '../../components/Field';
import { toast } from '../../lib/nav';
import '../lib/greencard.scss';
import { PriorityTags } from '../lib/PriorityTags';

type Tab = 'pending' | 'cards' | 'stats' | 'settings';
const TABS: [Tab, string][] = [
  ['pending', '申领审核'],
  ['cards', '全部卡片'],
  ['stats', '就诊统计'],
  ['settings', '条件与医院'],
];
type CardAct = 'approve' | 'reject' | 'suspend' | 'reinstate' | 'revoke' | 'renew';
const ACT_LABEL: Record<CardAct, string> = { approve: '批准', reject: '不批准', suspend: '暂停', reinstate: '恢复', revoke: '注销', renew: '续期' };
const NEEDS_REASON: CardAct[] = ['reject', 'suspend', 'revoke'];
const ACTS_FOR: Record<CardStatus, CardAct[]> = {
  pending: ['approve', 'reject', 'revoke'],
  active: ['suspend', 'revoke', 'renew'],
  suspended: ['reinstate', 'revoke', 'renew'],
  revoked: [],
  rejected: [],
};

function CardRow({ row, onChanged }: { row: StaffCardRow; onChanged: (r: StaffCardRow) => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const act = async (a: CardAct) => {
    if (NEEDS_REASON.includes(a) && reason.trim().length < 2) {
      toast(`请先填写${ACT_LABEL[a]}的原因`);
      return;
    }
    const ok = await Taro.showModal({ title: `${ACT_LABEL[a]}绿通卡`, content: `确定${ACT_LABEL[a]} ${row.nameMasked} 的绿通卡（${row.cardNo}）吗？` });
    if (!ok.confirm) return;
    setBusy(true);
    const opts = { requestId: newRequestId() };
    const id = { cardId: row.cardId };
    const why = { cardId: row.cardId, reason: reason.trim() };
    const r =
      a === 'approve' ? await call('greencard', 'approve', id, opts)
      : a === 'renew' ? await call('greencard', 'renew', id, opts)
      : a === 'reinstate' ? await call('greencard', 'reinstate', reason.trim() ? why : id, opts)
      : a === 'reject' ? await call('greencard', 'reject', why, opts)
      : a === 'suspend' ? await call('greencard', 'suspend', why, opts)
      : await call('greencard', 'revoke', why, opts);
    setBusy(false);
    if (!r.ok) {
      void Taro.showModal({ title: '没有成功', content: r.error.message, showCancel: false });
      return;
    }
    setReason('');
    toast(`已${ACT_LABEL[a]}`);
    onChanged(r.data);
  };
  const acts = ACTS_FOR[row.status];
  return (
    <View className="gc-list-item gc-staff-card" data-card={row.cardNo}>
      <View className="gc-list-item__title">
        {row.nameMasked} · {row.honourTitle}
      </View>
      <View className="gc-list-item__meta">
        卡号 {row.cardNo} · <Text className="gc-staff-card__status">{row.status === 'active' && !row.usable ? '已过期' : CARD_STATUS_LABELS[row.status]}</Text>
        {row.validUntil ? ` · 有效期至 ${row.validUntil}` : ''}
      </View>
      <View className="gc-list-item__meta">身份证 {row.idMasked} · {row.issuerOrgName}</View>
      {row.statusReason ? <View className="gc-list-item__meta">原因：{row.statusReason}</View> : null}
      {acts.length > 0 ? (
        <View>
          <Input className="gc-reason-input" placeholder="原因（不批准、暂停、注销时必填）" value={reason} maxLength={200} onChange={(v: string) => setReason(v)} />
          <View className="gc-row-actions">
            {acts.map((a) => (
              <Button key={a} size="large" type={a === 'approve' ? 'primary' : 'default'} loading={busy} className={`gc-act-${a}${a === 'revoke' || a === 'reject' ? ' gc-btn-danger' : ''}`} onClick={() => void act(a)}>
                {ACT_LABEL[a]}
              </Button>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}

function CardsTab({ status }: { status?: CardStatus }) {
  const [rows, setRows] = useState<StaffCardRow[] | null>(null);
  const [total, setTotal] = useState(0);
  const [message, setMessage] = useState('');
  const load = useCallback(async () => {
    const r = await call('greencard', 'listCards', { ...(status ? { status } : {}), limit: 100 });
    if (r.ok) {
      setRows(r.data.cards);
      setTotal(r.data.total);
    } else setMessage(r.error.message);
  }, [status]);
  useEffect(() => {
    void load();
  }, [load]);
  if (message) return <View className="form-error">{message}</View>;
  if (!rows) return <View className="hint">正在加载…</View>;
  if (rows.length === 0) return <View className="hint">{status === 'pending' ? '没有待审核的申领' : '本辖区还没有绿通卡'}</View>;
  return (
    <View>
      <View className="hint">共 {total} 张</View>
      {rows.map((row) => (
        <CardRow key={row.cardId} row={row} onChanged={(r) => setRows((rs) => (rs ?? []).map((x) => (x.cardId === r.cardId ? r : x)))} />
      ))}
    </View>
  );
}

function StatsTab() {
  const [rows, setRows] = useState<{ hospitalName: string; month: string; visits: number }[] | null>(null);
  const [total, setTotal] = useState(0);
  useEffect(() => {
    void call('greencard', 'visitStats', {}).then((r) => {
      if (r.ok) {
        setRows(r.data.rows);
        setTotal(r.data.total);
      }
    });
  }, []);
  if (!rows) return <View className="hint">正在加载…</View>;
  return (
    <View>
      <View className="hint">本辖区劳模在各合作医院使用绿色通道的次数，共 {total} 次。</View>
      {rows.map((r) => (
        <View key={`${r.hospitalName}-${r.month}`} className="gc-stats-row">
          <Text>{r.month}</Text>
          <Text>{r.hospitalName}</Text>
          <Text>{r.visits} 次</Text>
        </View>
      ))}
    </View>
  );
}


const EMPTY_HOSPITAL = { name: '', address: '', desk: '', phone: '', hours: '' };
type HospitalText = typeof EMPTY_HOSPITAL;
const HOSPITAL_FIELDS: [keyof HospitalText, string, number][] = [
  ['name', '医院名称', 40],
  ['address', '地址', 100],
  ['desk', '劳模服务窗口位置（告诉持卡人怎么找）', 100],
  ['phone', '电话', 30],
  ['hours', '服务时间', 100],
];

function Toggle({ on, label, onClick, className = '' }: { on: boolean; label: string; onClick: () => void; className?: string }) {
  return (
    <Button size="large" type={on ? 'primary' : 'default'} className={className} onClick={onClick}>
      {on ? `✔ ${label}` : label}
    </Button>
  );
}

function HospitalForm({ initial, onSaved, onCancel }: { initial: HospitalView | null; onSaved: (h: HospitalView) => void; onCancel: () => void }) {
  const [text, setText] = useState<HospitalText>(initial ? { name: initial.name, address: initial.address, desk: initial.desk, phone: initial.phone, hours: initial.hours } : EMPTY_HOSPITAL);
  const [priorities, setPriorities] = useState<Priority[]>(initial?.priorities ?? STANDARD_PRIORITIES);
  const [honoured, setHonoured] = useState<string[]>(initial?.honouredOrgIds ?? []);
  const [orgs, setOrgs] = useState<OrgSummary[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  useEffect(() => {
    void call('account', 'listOrgs', {}).then((r) => r.ok && setOrgs(r.data.orgs.filter((o) => o.level === 'province' || o.level === 'city' || o.level === 'county')));
  }, []);
  const flip = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const save = async () => {
    const r = await call('greencard', 'saveHospital', { ...(initial ? { id: initial.id } : {}), ...text, priorities, honouredOrgIds: honoured }, { requestId: newRequestId() });
    if (r.ok) {
      onSaved(r.data);
      return;
    }
    const byField: Record<string, string> = {};
    for (const i of r.error.issues ?? []) byField[String(i.path[0] ?? '')] = i.message;
    setErrors(byField);
    setMessage(r.error.message);
  };
  return (
    <View className="gc-hospital gc-hospital-form">
      <View className="gc-hospital__name">{initial ? `修改：${initial.name}` : '新增合作医院'}</View>
      {HOSPITAL_FIELDS.map(([key, label, max]) => (
        <Field key={key} label={label} name={key} value={text[key]} maxLength={max} error={errors[key]} onChange={(v) => setText({ ...text, [key]: v })} />
      ))}
      <View className="hint">提供的优先服务</View>
      <View className="gc-row-actions">
        {PRIORITIES.map((p) => (
          <Toggle key={p} on={priorities.includes(p)} label={PRIORITY_LABELS[p]} onClick={() => setPriorities(flip(priorities, p))} />
        ))}
      </View>
      {errors.priorities ? <View className="field-error">{errors.priorities}</View> : null}
      <View className="hint">受理哪些工会发放的绿通卡</View>
      <View className="gc-row-actions">
        {orgs.map((o) => (
          <Toggle key={o.id} on={honoured.includes(o.id)} label={o.name} onClick={() => setHonoured(flip(honoured, o.id))} />
        ))}
      </View>
      {errors.honouredOrgIds ? <View className="field-error">{errors.honouredOrgIds}</View> : null}
      {message ? <View className="form-error">{message}</View> : null}
      <View className="actions">
        <Button type="primary" size="large" block onClick={() => void save()}>
          保存医院信息
        </Button>
        <Button size="large" block onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

function SettingsTab({ me }: { me: MeOutput }) {
  const orgId = me.staffScope?.orgId ?? 'org_jx';
  const [policy, setPolicy] = useState<PolicyView | null>(null);
  const [hospitals, setHospitals] = useState<HospitalView[]>([]);
  const [titles, setTitles] = useState('');
  const [months, setMonths] = useState('36');
  const [levels, setLevels] = useState<HonourLevel[]>([]);
  const [msg, setMsg] = useState('');
  const [editing, setEditing] = useState<HospitalView | 'new' | null>(null);
  useEffect(() => {
    void call('greencard', 'getPolicy', { orgId }).then((r) => {
      if (r.ok) {
        setPolicy(r.data);
        setTitles(r.data.titles.join('、'));
        setMonths(String(r.data.validityMonths));
        setLevels(r.data.levels);
      }
    });
    void call('greencard', 'listHospitals', {}).then((r) => r.ok && setHospitals(r.data.hospitals));
  }, [orgId]);
  const save = async () => {
    if (!policy) return;
    const list = titles.split(/[、,，\s]+/).map((t) => t.trim()).filter(Boolean);
    const r = await call('greencard', 'savePolicy', { orgId, titles: list, levels, validityMonths: Number(months) || 0 }, { requestId: newRequestId() });
    if (r.ok) {
      setPolicy(r.data);
      setMsg('已保存');
    } else setMsg(r.error.message);
  };
  const issue = async () => {
    const ok = await Taro.showModal({ title: '一次发卡', content: '为本辖区所有符合条件、还没有卡的劳模发放绿通卡？' });
    if (!ok.confirm) return;
    const r = await call('greencard', 'issueBatch', { orgId }, { requestId: newRequestId() });
    setMsg(r.ok ? `新发 ${r.data.issued} 张；已持卡 ${r.data.alreadyHolding} 人；不符合条件 ${r.data.ineligible} 人` : r.error.message);
  };
  return (
    <View>
      <View className="section-title">{policy?.orgName ?? ''}发卡条件</View>
      {policy && !policy.configured ? <View className="hint">（尚未设置，以下为默认条件）</View> : null}
      <View className="hint">按荣誉级别发卡（选中的级别全部符合）</View>
      <View className="gc-row-actions" style={{ margin: '0 32px' }}>
        {HONOUR_LEVELS.map((l) => (
          <Toggle key={l} on={levels.includes(l)} label={HONOUR_LEVEL_LABELS[l]} onClick={() => setLevels(levels.includes(l) ? levels.filter((x) => x !== l) : [...levels, l])} />
        ))}
      </View>
      <View className="hint">符合条件的荣誉称号（用顿号分隔）</View>
      <View className="gc-form-box">
        <TextArea className="gc-titles-input" value={titles} maxLength={600} autoSize onChange={(v: string) => setTitles(v)} />
      </View>
      <View className="hint">有效期（月）</View>
      <View className="gc-form-box">
        <Input className="gc-reason-input" type="number" value={months} maxLength={3} onChange={(v: string) => setMonths(v)} />
      </View>
      <View className="actions">
        <Button type="primary" size="large" block onClick={() => void save()}>
          保存发卡条件
        </Button>
        <Button size="large" block className="gc-issue-batch" onClick={() => void issue()}>
          为本辖区符合条件的劳模一次发卡
        </Button>
      </View>
      {msg ? <View className="hint gc-settings-msg">{msg}</View> : null}
      <View className="section-title">合作医院</View>
      {editing ? (
        <HospitalForm
          initial={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(h) => {
            setHospitals((list) => [...list.filter((x) => x.id !== h.id), h]);
            setEditing(null);
            toast('已保存');
          }}
        />
      ) : (
        <View className="actions">
          <Button size="large" block className="gc-add-hospital" onClick={() => setEditing('new')}>
            新增合作医院
          </Button>
        </View>
      )}
      {hospitals.map((h) => (
        <View key={h.id} className="gc-hospital" onClick={() => setEditing(h)}>
          <View className="gc-hospital__name">{h.name}</View>
          <PriorityTags priorities={h.priorities} />
          <View className="gc-hospital__line">受理：{h.honouredOrgNames.join('、')}发放的卡</View>
          <View className="gc-hospital__line">窗口：{h.desk}</View>
          <View className="gc-hospital__line">电话：{h.phone} · {h.hours}</View>
          <View className="gc-hospital__line hint">点击修改</View>
        </View>
      ))}
    </View>
  );
}

export default function GreencardStaffPage() {
  const [tab, setTab] = useState<Tab>('pending');
  return (
    <View className="page">
      <StaffGate>
        {(me) => (
          <View>
            <View className="gc-row-actions" style={{ margin: '24px 32px' }}>
              {TABS.map(([key, label]) => (
                <Button key={key} size="large" type={tab === key ? 'primary' : 'default'} className={`gc-tab-${key}`} onClick={() => setTab(key)}>
                  {label}
                </Button>
              ))}
            </View>
            {tab === 'pending' ? <CardsTab key="p" status="pending" /> : null}
            {tab === 'cards' ? <CardsTab key="c" /> : null}
            {tab === 'stats' ? <StatsTab /> : null}
            {tab === 'settings' ? <SettingsTab me={me} /> : null}
          </View>
        )}
      </StaffGate>
    </View>
  );
}
