/**
 * 绿通卡管理 (union staff): applications to approve, cards to suspend / reinstate / revoke / renew (with a reason),
 * one-step issuing for the whole subtree, the eligibility policy, partner hospitals and monthly visit counts.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { CardStatus, HospitalView, PolicyView, StaffCardRow } from '../../../types/greencard.schema';
import { CARD_STATUS_LABELS, PRIORITY_LABELS } from '../../../types/greencard.schema';
import { HONOUR_LEVEL_LABELS } from '../../../types/account.schema';
import type { MeOutput } from '../../../types/account.schema';
import { call, newRequestId } from '../../services/cloud';
import { StaffGate } from '../../components/StaffGate';
import { Button, Input } from '../../components/ui';
import { toast } from '../../lib/nav';
import '../lib/greencard.scss';

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
              <Button key={a} size="large" type={a === 'revoke' || a === 'reject' ? 'danger' : a === 'approve' ? 'primary' : 'default'} loading={busy} className={`gc-act-${a}`} onClick={() => void act(a)}>
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

function SettingsTab({ me }: { me: MeOutput }) {
  const orgId = me.staffScope?.orgId ?? 'org_jx';
  const [policy, setPolicy] = useState<PolicyView | null>(null);
  const [hospitals, setHospitals] = useState<HospitalView[]>([]);
  const [titles, setTitles] = useState('');
  const [months, setMonths] = useState('36');
  const [msg, setMsg] = useState('');
  useEffect(() => {
    void call('greencard', 'getPolicy', { orgId }).then((r) => {
      if (r.ok) {
        setPolicy(r.data);
        setTitles(r.data.titles.join('、'));
        setMonths(String(r.data.validityMonths));
      }
    });
    void call('greencard', 'listHospitals', {}).then((r) => r.ok && setHospitals(r.data.hospitals));
  }, [orgId]);
  const save = async () => {
    if (!policy) return;
    const list = titles.split(/[、,，\s]+/).map((t) => t.trim()).filter(Boolean);
    const r = await call('greencard', 'savePolicy', { orgId, titles: list, levels: policy.levels, validityMonths: Number(months) || 0 }, { requestId: newRequestId() });
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
      {policy ? (
        <View className="hint">
          {policy.configured ? '' : '（尚未设置，以下为默认条件）'}
          荣誉级别：{policy.levels.length > 0 ? policy.levels.map((l) => HONOUR_LEVEL_LABELS[l]).join('、') : '不按级别'}
        </View>
      ) : null}
      <View className="hint">符合条件的荣誉称号（用顿号分隔）</View>
      <Input className="gc-reason-input" value={titles} maxLength={600} onChange={(v: string) => setTitles(v)} />
      <View className="hint">有效期（月）</View>
      <Input className="gc-reason-input" type="number" value={months} maxLength={3} onChange={(v: string) => setMonths(v)} />
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
      {hospitals.map((h) => (
        <View key={h.id} className="gc-hospital">
          <View className="gc-hospital__name">{h.name}</View>
          <View className="gc-tags">
            {h.priorities.map((p) => (
              <Text key={p} className="gc-tag">
                {PRIORITY_LABELS[p]}
              </Text>
            ))}
          </View>
          <View className="gc-hospital__line">受理：{h.honouredOrgNames.join('、')}发放的卡</View>
          <View className="gc-hospital__line">窗口：{h.desk}</View>
          <View className="gc-hospital__line">电话：{h.phone} · {h.hours}</View>
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
