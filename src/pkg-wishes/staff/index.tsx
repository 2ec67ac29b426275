/**
 * Union staff: collect a wish for an archived household, vet wishes (approve and publish / return with a reason /
 * reject with a reason, with ReviewQueue), confirm receipt of delivered wishes or send them back, the stuck queue
 * (claims released past their deadline, long waits) with fulfilling by the union, the ranking of volunteers with
 * its export, and the rules that apply.
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import { wishPolicy, type StaffItem, type StaffListView, type WishPolicy } from '../../../types/wishes.schema';
import { formatDate, formatInstant } from '../../../types/time';
import { call } from '../../services/cloud';
import { usePagedQuery, useQuery } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { check } from '../../lib/form';
import { confirm, openPage, toast } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { Choice } from '../../components/Choice';
import { Field, FormError } from '../../components/Field';
import { Heading } from '../../components/Heading';
import { LoadMore } from '../../components/LoadMore';
import { EmptyState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { ReviewQueue, type ReviewAction } from '../../components/ReviewQueue';
import { StaffGate } from '../../components/StaffGate';
import { TabBar } from '../../components/TabBar';
import { PAGES, STAFF_VIEW_LABELS, WISH_CATEGORY_LABELS, yuan } from '../lib/labels';
import { saveBase64File } from '../../lib/save-file';
import '../lib/wishes.scss';

type Tab = 'vet' | StaffListView | 'ranking' | 'policy';
const TABS: readonly (readonly [Tab, string])[] = [
  ['vet', '待审核'],
  ['confirm', STAFF_VIEW_LABELS.confirm],
  ['stuck', STAFF_VIEW_LABELS.stuck],
  ['active', STAFF_VIEW_LABELS.active],
  ['done', STAFF_VIEW_LABELS.done],
  ['ranking', '积分排行'],
  ['policy', '心愿规则'],
];

const VET: ReviewAction<StaffItem>[] = [
  { key: 'approve', label: '通过并发布', tone: 'primary', done: '已通过，心愿已发布到心愿池', run: (i, _r, opts) => call('wishes', 'vet', { wishId: i.id, decision: 'approve' }, opts) },
  { key: 'return', label: '退回修改', reason: 'required', done: '已退回修改', run: (i, reason, opts) => call('wishes', 'vet', { wishId: i.id, decision: 'return', reason }, opts) },
  {
    key: 'reject',
    label: '不予通过',
    tone: 'danger',
    reason: 'required',
    confirm: (i) => `确定不通过「${i.title}」吗？不通过后这个心愿就结束了。`,
    done: '已不予通过',
    run: (i, reason, opts) => call('wishes', 'vet', { wishId: i.id, decision: 'reject', reason }, opts),
  },
];

/** The list actions a staff item offers (from its `actions`). */
function listActions(i: StaffItem): ReviewAction<StaffItem>[] {
  const out: ReviewAction<StaffItem>[] = [];
  if (i.actions.includes('confirm')) {
    out.push({ key: 'confirm', label: '确认收到', tone: 'primary', confirm: (x) => `确认家庭已经收到「${x.title}」吗？确认后志愿者获得积分。`, done: '已确认收到，心愿完成', run: (x, _r, opts) => call('wishes', 'confirm', { wishId: x.id }, opts) });
  }
  if (i.actions.includes('dispute')) {
    out.push({ key: 'dispute', label: '未收到，退回志愿者', tone: 'danger', reason: 'required', done: '已退回志愿者', run: (x, reason, opts) => call('wishes', 'dispute', { wishId: x.id, reason: reason ?? '' }, opts) });
  }
  if (i.actions.includes('fulfil')) {
    out.push({ key: 'fulfil', label: '由工会直接帮助完成', reason: 'optional', confirm: (x) => `确定由工会直接帮助完成「${x.title}」吗？`, done: '心愿已由工会帮助完成', run: (x, reason, opts) => call('wishes', 'fulfil', { wishId: x.id, ...(reason ? { reason } : {}) }, opts) });
  }
  return out;
}

function ItemDetails({ i }: { i: StaffItem }) {
  return (
    <>
      <View>{`${WISH_CATEGORY_LABELS[i.category]} · ${yuan(i.valueYuan)} · 希望 ${formatDate(i.neededBy)} 前实现`}</View>
      <View>{i.description}</View>
      <View>{`${i.householdName} · ${i.unionName} · ${i.collectedBy}`}</View>
      {i.volunteerName ? <View>{`志愿者：${i.volunteerName}${i.dueAt ? `，送达期限 ${formatInstant(i.dueAt)}` : ''}`}</View> : null}
      {i.releases > 0 ? <View>{`曾超期释放 ${i.releases} 次`}</View> : null}
      {i.stuckReason ? <View className="wish-staff__stuck-reason">{`滞留原因：${i.stuckReason}`}</View> : null}
      <View className="wish-card__actions">
        <Button size="large" label={`查看详情：${i.title}`} onClick={() => openPage(PAGES.detail(i.id))}>查看详情</Button>
      </View>
    </>
  );
}

const summary = (i: StaffItem) => `${i.title}（${i.statusText}）`;

function VetQueue() {
  const q = useQuery('wishes', 'vetQueue', {});
  return (
    <QueryView query={q}>
      {(d) => (
        <ReviewQueue
          items={d.items}
          itemKey={(i) => i.id}
          itemClassName="wish-staff__vet"
          itemData={(i) => ({ 'data-wish-id': i.id })}
          summary={summary}
          details={(i) => <ItemDetails i={i} />}
          actions={VET}
          reasonLabel="退回或不通过的原因（退回、不通过时必填）"
          emptyText="没有待审核的心愿"
          onDone={() => void q.reload()}
        />
      )}
    </QueryView>
  );
}

const EMPTY: Record<StaffListView, string> = {
  confirm: '没有等待确认收到的心愿',
  stuck: '没有滞留的心愿，所有认领都在期限内',
  active: '没有进行中的心愿',
  done: '还没有结束的心愿',
};

function StaffList({ view }: { view: StaffListView }) {
  const q = usePagedQuery('wishes', 'staffList', { view }, (o) => o);
  return (
    <QueryView query={q}>
      {(d) => (
        <View>
          {d.total > 0 ? <View className="hint">{`共 ${d.total} 个`}</View> : null}
          <ReviewQueue
            items={d.items}
            itemKey={(i) => i.id}
            itemClassName={`wish-staff__${view}`}
            itemData={(i) => ({ 'data-wish-id': i.id, 'data-status': i.status })}
            summary={summary}
            details={(i) => <ItemDetails i={i} />}
            actions={listActions}
            reasonLabel={view === 'confirm' ? '没有收到的情况（退回志愿者时必填）' : '说明（可不填）'}
            emptyText={EMPTY[view]}
            onDone={() => void q.reload()}
          />
          <LoadMore query={q} />
        </View>
      )}
    </QueryView>
  );
}

function Ranking() {
  const q = useQuery('wishes', 'ranking', { limit: 100 });
  const exp = useMutation((_: object) => call('wishes', 'exportRanking', {}));
  const download = async () => {
    const r = await exp.run({});
    if (r?.ok) await saveBase64File(r.data.fileName, r.data.contentBase64);
  };
  return (
    <QueryView query={q}>
      {(d) => (
        <View>
          {d.rows.length === 0 ? <EmptyState text="本辖区还没有志愿者获得积分" /> : null}
          {d.rows.length > 0 ? (
            <View className="wish-card wish-staff__ranking">
              {d.rows.map((r) => (
                <View key={`${r.rank}-${r.name}`} className="wish-row">
                  <View>{`第 ${r.rank} 名　${r.name}（${r.orgName}）`}</View>
                  <View>{`${r.points} 分 · 完成 ${r.completed} 个`}</View>
                </View>
              ))}
            </View>
          ) : null}
          <FormError message={exp.formError} />
          <View className="actions">
            <Button size="large" block loading={exp.busy} className="wish-staff__export" onClick={() => void download()}>导出排行（Excel）</Button>
          </View>
        </View>
      )}
    </QueryView>
  );
}

const NUMBER_FIELDS = [
  ['maxValueYuan', '心愿价值上限（元）'],
  ['wishesPerYear', '每户每年心愿数'],
  ['maxOpenClaims', '每位志愿者同时认领数'],
  ['claimDays', '送达期限（认领后天数）'],
  ['remindDaysBefore', '到期前几天提醒'],
  ['pointsPerWish', '每个心愿积分'],
] as const;
type NumberField = (typeof NUMBER_FIELDS)[number][0];

function policyRows(p: WishPolicy): [string, string][] {
  return [
    ['心愿价值上限', `${p.maxValueYuan} 元`],
    ['每户每年心愿数', `${p.wishesPerYear} 个`],
    ['审核层级', p.vetLevel === 'town' ? '街道、乡镇工会' : '县（市、区）总工会'],
    ['心愿池范围', p.poolLevel === 'county' ? '县（市、区）' : '设区市'],
    ['每位志愿者同时认领', `最多 ${p.maxOpenClaims} 个`],
    ['送达期限', `认领后 ${p.claimDays} 天，提前 ${p.remindDaysBefore} 天提醒`],
    ['积分', `每个心愿 ${p.pointsPerWish} 分${p.valueBands.map((b) => `；价值 ${b.fromYuan} 元起另加 ${b.points} 分`).join('')}`],
  ];
}

/** County and above: set the local rules (the same schema as the function checks them). */
function PolicyForm({ orgId, policy, onSaved }: { orgId: string; policy: WishPolicy; onSaved: () => void }) {
  const save = useMutation('wishes', 'savePolicy', { issuePrefix: 'policy' });
  const [numbers, setNumbers] = useState<Record<NumberField, string>>(() => Object.fromEntries(NUMBER_FIELDS.map(([k]) => [k, String(policy[k])])) as Record<NumberField, string>);
  const [vetLevel, setVetLevel] = useState(policy.vetLevel);
  const [poolLevel, setPoolLevel] = useState(policy.poolLevel);
  const submit = async () => {
    const values = { ...Object.fromEntries(NUMBER_FIELDS.map(([k]) => [k, numbers[k].trim() === '' ? undefined : Number(numbers[k])])), vetLevel, poolLevel, valueBands: policy.valueBands };
    const checked = check(wishPolicy, values);
    if (!checked.ok) return save.setFieldErrors(checked.errors);
    if (!(await confirm('保存心愿规则', '保存后，本辖区新的心愿和认领按新规则办理。确定保存吗？'))) return;
    const r = await save.run({ orgId, policy: checked.data });
    if (r?.ok) {
      toast('心愿规则已保存');
      onSaved();
    }
  };
  return (
    <View className="wish-staff__policy-form">
      <Heading level={3}>调整本地规则</Heading>
      {NUMBER_FIELDS.map(([k, label]) => (
        <Field
          key={k}
          label={label}
          name={k}
          type="number"
          value={numbers[k]}
          onChange={(v) => {
            setNumbers({ ...numbers, [k]: v });
            save.clearFieldError(k);
          }}
          error={save.fieldErrors[k]}
          maxLength={5}
        />
      ))}
      <View className="wish-label">审核层级</View>
      <Choice name="vetLevel" label="审核层级" options={[{ value: 'town' as const, label: '街道、乡镇工会' }, { value: 'county' as const, label: '县（市、区）总工会' }]} selected={[vetLevel]} onToggle={setVetLevel} />
      <View className="wish-label">心愿池范围</View>
      <Choice name="poolLevel" label="心愿池范围" options={[{ value: 'county' as const, label: '县（市、区）' }, { value: 'city' as const, label: '设区市' }]} selected={[poolLevel]} onToggle={setPoolLevel} />
      <FormError message={save.formError} />
      <View className="actions">
        <Button type="primary" size="large" block loading={save.busy} className="wish-staff__policy-save" onClick={() => void submit()}>保存规则</Button>
      </View>
    </View>
  );
}

function Policy() {
  const q = useQuery('wishes', 'policy', {});
  return (
    <QueryView query={q}>
      {(d) => (
        <View>
          <View className="wish-card wish-staff__policy">
            <Heading level={3} className="wish-card__title">{`${d.orgName}适用的规则`}</Heading>
            <View className="wish-card__line">{d.fromOrgName ? `由${d.fromOrgName}设置` : '使用默认规则'}</View>
            {policyRows(d.policy).map(([k, v]) => (
              <View key={k} className="wish-row">
                <View>{k}</View>
                <View>{v}</View>
              </View>
            ))}
            {!d.canEdit ? <View className="wish-card__line">规则由县级及以上工会设置。</View> : null}
          </View>
          {d.canEdit ? <PolicyForm key={JSON.stringify(d.policy)} orgId={d.orgId} policy={d.policy} onSaved={() => void q.reload()} /> : null}
        </View>
      )}
    </QueryView>
  );
}

function Workbench() {
  const [tab, setTab] = useState<Tab>('vet');
  return (
    <View>
      <View className="actions">
        <Button type="primary" size="large" block className="wish-staff__collect" onClick={() => openPage(PAGES.collect())}>为建档家庭登记心愿</Button>
      </View>
      <TabBar tabs={TABS} value={tab} onChange={setTab} label="微心愿管理" className="wish-staff__tabs" />
      {tab === 'vet' ? <VetQueue /> : tab === 'ranking' ? <Ranking /> : tab === 'policy' ? <Policy /> : <StaffList key={tab} view={tab} />}
    </View>
  );
}

export default function WishStaffPage() {
  return (
    <Page className="wish-staff">
      <StaffGate>{() => <Workbench />}</StaffGate>
    </Page>
  );
}
