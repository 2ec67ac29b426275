/**
 * 绿通卡管理 (union staff): applications to approve or turn down, cards to suspend / reinstate / revoke / renew
 * (with a reason), one-step issuing for the whole subtree, the eligibility policy, partner hospitals and monthly
 * visit counts. The applications and the cards are review queues (components/ReviewQueue.tsx).
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { CardStatus, HospitalView, Priority, StaffCardRow } from '../../../types/greencard.schema';
import type { CardEvent } from '../../../types/greencard.workflow';
import { CARD_STATUS_LABELS, PRIORITIES, PRIORITY_LABELS, STANDARD_PRIORITIES } from '../../../types/greencard.schema';
import { HONOUR_LEVELS, HONOUR_LEVEL_LABELS, type HonourLevel, type MeOutput } from '../../../types/account.schema';
import { formatDate, formatMonth } from '../../../types/time';
import { call } from '../../services/cloud';
import { useQuery, usePagedQuery } from '../../lib/useQuery';
import { useFields, useMutation } from '../../lib/useMutation';
import { confirm, toast } from '../../lib/nav';
import { a11y } from '../../lib/a11y';
import { StaffGate } from '../../components/StaffGate';
import { Button } from '../../components/ui/Button';
import { Choice } from '../../components/Choice';
import { Field, FormError, TextBox } from '../../components/Field';
import { Heading } from '../../components/Heading';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { ReviewQueue, type ReviewAction } from '../../components/ReviewQueue';
import { TabBar } from '../../components/TabBar';
import { PriorityTags } from '../lib/PriorityTags';
import '../lib/greencard.scss';

type Tab = 'pending' | 'cards' | 'stats' | 'settings';
const TABS: [Tab, string][] = [
  ['pending', '申领审核'],
  ['cards', '全部卡片'],
  ['stats', '就诊统计'],
  ['settings', '条件与医院'],
];

/** The staff actions on a card, one per workflow event; each row offers exactly the events the server says the caller may fire (its `actions`). */
type CardAct = CardEvent;
const ask = (verb: string) => (row: StaffCardRow) => `确定${verb} ${row.nameMasked} 的绿通卡（${row.cardNo}）吗？`;
const CARD_ACTIONS: Record<CardAct, ReviewAction<StaffCardRow>> = {
  approve: { key: 'approve', label: '批准', tone: 'primary', confirm: ask('批准'), done: '已批准', run: (r, _w, o) => call('greencard', 'approve', { cardId: r.cardId }, o) },
  reject: { key: 'reject', label: '不批准', tone: 'danger', reason: 'required', confirm: ask('不批准'), done: '已不批准', run: (r, w, o) => call('greencard', 'reject', { cardId: r.cardId, reason: w ?? '' }, o) },
  suspend: { key: 'suspend', label: '暂停', reason: 'required', confirm: ask('暂停'), done: '已暂停', run: (r, w, o) => call('greencard', 'suspend', { cardId: r.cardId, reason: w ?? '' }, o) },
  reinstate: { key: 'reinstate', label: '恢复', reason: 'optional', confirm: ask('恢复'), done: '已恢复', run: (r, w, o) => call('greencard', 'reinstate', w ? { cardId: r.cardId, reason: w } : { cardId: r.cardId }, o) },
  revoke: { key: 'revoke', label: '注销', tone: 'danger', reason: 'required', confirm: ask('注销'), done: '已注销', run: (r, w, o) => call('greencard', 'revoke', { cardId: r.cardId, reason: w ?? '' }, o) },
  renew: { key: 'renew', label: '续期', confirm: ask('续期'), done: '已续期', run: (r, _w, o) => call('greencard', 'renew', { cardId: r.cardId }, o) },
};

function CardsTab({ status }: { status?: CardStatus }) {
  const cards = usePagedQuery('greencard', 'listCards', status ? { status } : {}, (d) => ({ items: d.cards, total: d.total }), { pageSize: 50 });
  const [changed, setChanged] = useState<Record<string, StaffCardRow>>({});
  return (
    <QueryView query={cards}>
      {(d) => (
        <View>
          <View className="hint">共 {d.total} 张</View>
          <ReviewQueue
            items={d.items.map((r) => changed[r.cardId] ?? r)}
            itemKey={(r) => r.cardId}
            itemClassName="gc-staff-card"
            itemData={(r) => ({ 'data-card': r.cardNo, 'data-status': r.status })}
            summary={(r) => `${r.nameMasked} · ${r.honourTitle}`}
            details={(r) => (
              <>
                <View>
                  卡号 {r.cardNo} · <Text className="gc-staff-card__status">{r.status === 'active' && !r.usable ? '已过期' : CARD_STATUS_LABELS[r.status]}</Text>
                  {r.validUntil ? ` · 有效期至 ${formatDate(r.validUntil)}` : ''}
                </View>
                <View>身份证 {r.idMasked} · {r.issuerOrgName}</View>
                {r.statusReason ? <View>原因：{r.statusReason}</View> : null}
              </>
            )}
            actions={(r) => r.actions.map((a) => CARD_ACTIONS[a])}
            reasonLabel={status === 'pending' ? '不批准的原因（不批准时必填）' : '原因（暂停、注销时必填）'}
            emptyText={status === 'pending' ? '没有待审核的申领' : '本辖区还没有绿通卡'}
            onDone={(_r, _a, data) => {
              const row = data as StaffCardRow;
              setChanged((c) => ({ ...c, [row.cardId]: row }));
            }}
          />
          {cards.hasMore ? (
            <View className="actions">
              <Button block loading={cards.loadingMore} onClick={() => void cards.loadMore()}>加载更多</Button>
            </View>
          ) : null}
        </View>
      )}
    </QueryView>
  );
}

function StatsTab() {
  const stats = useQuery('greencard', 'visitStats', {});
  return (
    <QueryView query={stats}>
      {(d) => (
        <View>
          <View className="hint">本辖区劳模在各合作医院使用绿色通道的次数，共 {d.total} 次。</View>
          {d.rows.map((r) => (
            <View key={`${r.hospitalName}-${r.month}`} className="gc-stats-row">
              <Text>{formatMonth(r.month)}</Text>
              <Text>{r.hospitalName}</Text>
              <Text>{r.visits} 次</Text>
            </View>
          ))}
        </View>
      )}
    </QueryView>
  );
}

const HOSPITAL_FIELDS: [keyof HospitalText, string, number][] = [
  ['name', '医院名称', 40],
  ['address', '地址', 100],
  ['desk', '劳模服务窗口位置（告诉持卡人怎么找）', 100],
  ['phone', '电话', 30],
  ['hours', '服务时间', 100],
];
type HospitalText = { name: string; address: string; desk: string; phone: string; hours: string };
const PRIORITY_OPTIONS = PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }));

function HospitalForm({ initial, onSaved, onCancel }: { initial: HospitalView | null; onSaved: (h: HospitalView) => void; onCancel: () => void }) {
  const save = useMutation('greencard', 'saveHospital');
  const form = useFields<HospitalText>(
    initial ? { name: initial.name, address: initial.address, desk: initial.desk, phone: initial.phone, hours: initial.hours } : { name: '', address: '', desk: '', phone: '', hours: '' },
    save,
  );
  const [priorities, setPriorities] = useState<Priority[]>(initial?.priorities ?? STANDARD_PRIORITIES);
  const [honoured, setHonoured] = useState<string[]>(initial?.honouredOrgIds ?? []);
  const orgs = useQuery('account', 'listOrgs', {}, { onShow: false });
  const issuers = (orgs.data?.orgs ?? []).filter((o) => o.level === 'province' || o.level === 'city' || o.level === 'county');
  const flip = <T,>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);
  const submit = async () => {
    const r = await save.run({ ...(initial ? { id: initial.id } : {}), ...form.values, priorities, honouredOrgIds: honoured });
    if (r?.ok) onSaved(r.data);
  };
  return (
    <View className="gc-hospital gc-hospital-form">
      <Heading level={3} className="gc-hospital__name">{initial ? `修改：${initial.name}` : '新增合作医院'}</Heading>
      {HOSPITAL_FIELDS.map(([key, label, max]) => (
        <Field key={key} label={label} maxLength={max} {...form.field(key)} />
      ))}
      <View className="hint" {...a11y({ hidden: true })}>提供的优先服务</View>
      <Choice name="priorities" label="提供的优先服务" multiple options={PRIORITY_OPTIONS} selected={priorities} onToggle={(p) => { setPriorities(flip(priorities, p)); save.clearFieldError('priorities'); }} />
      {save.fieldErrors.priorities ? <View className="field-error">{save.fieldErrors.priorities}</View> : null}
      <View className="hint" {...a11y({ hidden: true })}>受理哪些工会发放的绿通卡</View>
      <Choice name="honoured" label="受理哪些工会发放的绿通卡" multiple options={issuers.map((o) => ({ value: o.id, label: o.name }))} selected={honoured} onToggle={(id) => { setHonoured(flip(honoured, id)); save.clearFieldError('honouredOrgIds'); }} />
      {save.fieldErrors.honouredOrgIds ? <View className="field-error">{save.fieldErrors.honouredOrgIds}</View> : null}
      <FormError message={save.formError} />
      <View className="actions">
        <Button type="primary" size="large" block loading={save.busy} className="gc-save-hospital" onClick={() => void submit()}>
          保存医院信息
        </Button>
        <Button size="large" block onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

const LEVEL_OPTIONS = HONOUR_LEVELS.map((l) => ({ value: l, label: HONOUR_LEVEL_LABELS[l] }));

function PolicyForm({ orgId }: { orgId: string }) {
  const policy = useQuery('greencard', 'getPolicy', { orgId }, { onShow: false });
  const save = useMutation('greencard', 'savePolicy');
  const issue = useMutation('greencard', 'issueBatch');
  const [titles, setTitles] = useState('');
  const [months, setMonths] = useState('36');
  const [levels, setLevels] = useState<HonourLevel[]>([]);
  const [msg, setMsg] = useState('');
  const loaded = policy.data;
  useEffect(() => {
    if (!loaded) return;
    setTitles(loaded.titles.join('、'));
    setMonths(String(loaded.validityMonths));
    setLevels(loaded.levels);
  }, [loaded]);

  const submit = async () => {
    const list = titles.split(/[、,，\s]+/).map((t) => t.trim()).filter(Boolean);
    const r = await save.run({ orgId, titles: list, levels, validityMonths: Number(months) || 0 });
    if (r?.ok) setMsg('发卡条件已保存');
  };
  const issueAll = async () => {
    if (!(await confirm('一次发卡', '为本辖区所有符合条件、还没有卡的劳模发放绿通卡？'))) return;
    const r = await issue.run({ orgId });
    if (r?.ok) setMsg(`新发 ${r.data.issued} 张；已持卡 ${r.data.alreadyHolding} 人；不符合条件 ${r.data.ineligible} 人`);
  };

  return (
    <QueryView query={policy}>
      {(p) => (
        <View>
          <Heading>{`${p.orgName}发卡条件`}</Heading>
          {!p.configured ? <View className="hint">（尚未设置，以下为默认条件）</View> : null}
          <View className="hint" {...a11y({ hidden: true })}>按荣誉级别发卡（选中的级别全部符合）</View>
          <Choice name="levels" label="按荣誉级别发卡（选中的级别全部符合）" multiple options={LEVEL_OPTIONS} selected={levels} onToggle={(l) => setLevels(levels.includes(l) ? levels.filter((x) => x !== l) : [...levels, l])} />
          <TextBox label="符合条件的荣誉称号（用顿号分隔）" className="gc-titles-input" value={titles} maxLength={600} error={save.fieldErrors.titles} onChange={setTitles} />
          <Field label="有效期（月）" name="validityMonths" type="number" value={months} maxLength={3} error={save.fieldErrors.validityMonths} onChange={setMonths} />
          <FormError message={save.formError ?? issue.formError} />
          <View className="actions">
            <Button type="primary" size="large" block loading={save.busy} onClick={() => void submit()}>
              保存发卡条件
            </Button>
            <Button size="large" block loading={issue.busy} className="gc-issue-batch" onClick={() => void issueAll()}>
              为本辖区符合条件的劳模一次发卡
            </Button>
          </View>
          {msg ? <View className="hint gc-settings-msg" {...a11y({ role: 'status', live: 'polite' })}>{msg}</View> : null}
        </View>
      )}
    </QueryView>
  );
}

function SettingsTab({ me }: { me: MeOutput }) {
  const orgId = me.staffScope?.orgId ?? 'org_jx';
  const hospitals = useQuery('greencard', 'listHospitals', {});
  const [editing, setEditing] = useState<HospitalView | 'new' | null>(null);
  return (
    <View>
      <PolicyForm orgId={orgId} />
      <Heading>合作医院</Heading>
      {editing ? (
        <HospitalForm
          initial={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            toast('已保存');
            void hospitals.reload();
          }}
        />
      ) : (
        <View className="actions">
          <Button size="large" block className="gc-add-hospital" onClick={() => setEditing('new')}>
            新增合作医院
          </Button>
        </View>
      )}
      <QueryView query={hospitals}>
        {(d) =>
          d.hospitals.map((h) => (
            <View key={h.id} className="gc-hospital">
              <Heading level={3} className="gc-hospital__name">{h.name}</Heading>
              <PriorityTags priorities={h.priorities} />
              <View className="gc-hospital__line">受理：{h.honouredOrgNames.length ? h.honouredOrgNames.join('、') : '（暂无）'}发放的卡</View>
              {h.pendingOrgNames.length ? <View className="gc-hospital__line">等待同意：{h.pendingOrgNames.join('、')}</View> : null}
              <View className="gc-hospital__line">负责工会：{h.ownerOrgName}</View>
              <View className="gc-hospital__line">窗口：{h.desk}</View>
              <View className="gc-hospital__line">电话：{h.phone} · {h.hours}</View>
              {h.requestsToAnswer.map((orgId) => (
                <HonourRequest key={orgId} hospital={h} orgId={orgId} onDone={() => void hospitals.reload()} />
              ))}
              {h.canEdit ? (
                <View className="actions">
                  <Button size="large" block label={`修改${h.name}`} onClick={() => setEditing(h)}>修改</Button>
                </View>
              ) : null}
            </View>
          ))
        }
      </QueryView>
    </View>
  );
}

/** A hospital asked to honour cards of the caller's org (or one below): agree or refuse. */
function HonourRequest({ hospital, orgId, onDone }: { hospital: HospitalView; orgId: string; onDone: () => void }) {
  const answer = useMutation('greencard', 'answerHonourRequest');
  const name = hospital.pendingOrgNames[hospital.pendingOrgIds.indexOf(orgId)] ?? '本工会';
  const reply = async (agree: boolean) => {
    const r = await answer.run({ hospitalId: hospital.id, orgId, agree });
    if (r?.ok) {
      toast(agree ? '已同意' : '已答复不同意');
      onDone();
    }
  };
  return (
    <View className="gc-hospital__request">
      <View className="gc-hospital__line">{`${hospital.name}请求受理${name}发放的绿通卡`}</View>
      <FormError message={answer.formError} />
      <View className="actions">
        <Button type="primary" size="large" block loading={answer.busy} label={`同意${hospital.name}受理${name}的卡`} onClick={() => void reply(true)}>同意</Button>
        <Button size="large" block loading={answer.busy} label={`不同意${hospital.name}受理${name}的卡`} onClick={() => void reply(false)}>不同意</Button>
      </View>
    </View>
  );
}

export default function GreencardStaffPage() {
  const [tab, setTab] = useState<Tab>('pending');
  return (
    <Page className="gc-staff">
      <StaffGate>
        {(me) => (
          <View>
            <TabBar tabs={TABS} value={tab} onChange={setTab} label="绿通卡管理" className="gc-tabs" />
            {tab === 'pending' ? <CardsTab key="p" status="pending" /> : null}
            {tab === 'cards' ? <CardsTab key="c" /> : null}
            {tab === 'stats' ? <StatsTab /> : null}
            {tab === 'settings' ? <SettingsTab me={me} /> : null}
          </View>
        )}
      </StaffGate>
    </Page>
  );
}
