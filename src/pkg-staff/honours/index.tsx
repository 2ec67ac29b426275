import { useCallback, useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { HONOUR_LEVEL_LABELS, type HonourView } from '../../../types/account.schema';
import type { AppErrorBody } from '../../../types/result';
import { call, newRequestId, type ActionOutput } from '../../services/cloud';
import { LINK_STATUS_LABELS } from '../../lib/labels';
import { check, errorToFieldErrors, type FieldErrors } from '../../lib/form';
import { toast } from '../../lib/nav';
import { StaffGate } from '../../components/StaffGate';
import { LINK_STATUS_TONES, StatusTag } from '../../components/StatusTag';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { FormError } from '../../components/Field';
import { Button, Cell, Dialog, Tabs, TextArea } from '../../components/ui';
import { staffActions } from '../../../types/staff.schema';
import { HonourForm } from './HonourForm';
import { ImportPanel } from './ImportPanel';
import './index.scss';

type LinkStatus = HonourView['linkStatus'];
type Filter = LinkStatus | 'all';
type RegistryHonour = ActionOutput<'staff', 'listHonours'>['honours'][number];

const FILTERS: { value: Filter; title: string }[] = [
  { value: 'suggested', title: '待确认' },
  { value: 'all', title: '全部' },
  { value: 'confirmed', title: '已确认' },
  { value: 'none', title: '未关联' },
  { value: 'rejected', title: '已否认' },
];
const PAGE = 20;

type Load =
  | { status: 'loading' }
  | { status: 'ready'; honours: RegistryHonour[]; total: number }
  | { status: 'error'; error: AppErrorBody };

type Panel = 'list' | 'add' | 'import';

function Honours() {
  const [panel, setPanel] = useState<Panel>('list');
  const [filter, setFilter] = useState<Filter>('suggested');
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [rejecting, setRejecting] = useState<RegistryHonour | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busyId, setBusyId] = useState<string | null>(null);

  const fetchPage = useCallback(async (f: Filter, before: RegistryHonour[]) => {
    if (before.length === 0) setLoad({ status: 'loading' });
    const r = await call('staff', 'listHonours', { ...(f === 'all' ? {} : { linkStatus: f }), limit: PAGE, offset: before.length });
    if (!r.ok) return setLoad({ status: 'error', error: r.error });
    setLoad({ status: 'ready', honours: [...before, ...r.data.honours], total: r.data.total });
  }, []);

  useEffect(() => {
    if (panel === 'list') void fetchPage(filter, []);
  }, [filter, panel, fetchPage]);

  const replace = (h: RegistryHonour) => {
    if (load.status !== 'ready') return;
    const keep = filter === 'all' || h.linkStatus === filter;
    setLoad({
      ...load,
      honours: keep ? load.honours.map((x) => (x.id === h.id ? h : x)) : load.honours.filter((x) => x.id !== h.id),
      total: keep ? load.total : load.total - 1,
    });
  };

  const confirm = async (h: RegistryHonour) => {
    setBusyId(h.id);
    const r = await call('staff', 'confirmHonourLink', { honourId: h.id }, { requestId: newRequestId() });
    setBusyId(null);
    if (!r.ok) return toast(r.error.message);
    toast('已确认关联');
    replace(r.data);
  };

  const reject = async () => {
    if (!rejecting) return;
    const checked = check(staffActions.rejectHonourLink.input, { honourId: rejecting.id, reason });
    if (!checked.ok) return setErrors(checked.errors);
    setBusyId(rejecting.id);
    const r = await call('staff', 'rejectHonourLink', checked.data, { requestId: newRequestId() });
    setBusyId(null);
    if (!r.ok) return setErrors(errorToFieldErrors(r.error));
    toast('已否认关联');
    replace(r.data);
    setRejecting(null);
  };

  return (
    <View>
      <View className="honours__switch">
        <Button type={panel === 'list' ? 'primary' : 'default'} size="small" onClick={() => setPanel('list')}>
          登记册
        </Button>
        <Button type={panel === 'add' ? 'primary' : 'default'} size="small" className="honours__add" onClick={() => setPanel('add')}>
          登记荣誉
        </Button>
        <Button type={panel === 'import' ? 'primary' : 'default'} size="small" className="honours__import" onClick={() => setPanel('import')}>
          批量导入
        </Button>
      </View>
      {panel === 'add' ? <HonourForm onAdded={() => setPanel('list')} /> : null}
      {panel === 'import' ? <ImportPanel /> : null}
      {panel === 'list' ? (
        <View>
          <Tabs value={filter} onChange={(v) => setFilter(v as Filter)}>
            {FILTERS.map((f) => (
              <Tabs.TabPane key={f.value} value={f.value} title={f.title} />
            ))}
          </Tabs>
          {load.status === 'loading' ? <LoadingState /> : null}
          {load.status === 'error' ? <ErrorState error={load.error} onRetry={() => void fetchPage(filter, [])} /> : null}
          {load.status === 'ready' && load.honours.length === 0 ? <EmptyState text="这一类下暂无荣誉记录" /> : null}
          {load.status === 'ready' && load.honours.length > 0 ? (
            <View>
              <View className="hint">{`共 ${load.total} 条`}</View>
              {load.honours.map((h) => (
                <View key={h.id} className="honour" data-honour-id={h.id}>
                  <Cell
                    title={`${h.nameMasked} · ${h.title}`}
                    description={`${HONOUR_LEVEL_LABELS[h.level]} · ${h.year} 年 · ${h.awardingBody} · ${h.idMasked}`}
                    extra={
                      <StatusTag tone={LINK_STATUS_TONES[h.linkStatus]}>{LINK_STATUS_LABELS[h.linkStatus]}</StatusTag>
                    }
                  />
                  {h.linkStatus === 'suggested' ? (
                    <View className="honour__actions">
                      <Button size="small" type="primary" className="honour__confirm" loading={busyId === h.id} disabled={busyId !== null} onClick={() => void confirm(h)}>
                        确认关联
                      </Button>
                      <Button
                        size="small"
                        className="honour__reject"
                        disabled={busyId !== null}
                        onClick={() => {
                          setRejecting(h);
                          setReason('');
                          setErrors({});
                        }}
                      >
                        否认关联
                      </Button>
                    </View>
                  ) : null}
                </View>
              ))}
              {load.honours.length < load.total ? (
                <View className="actions">
                  <Button block onClick={() => void fetchPage(filter, load.honours)}>
                    加载更多
                  </Button>
                </View>
              ) : null}
            </View>
          ) : null}
        </View>
      ) : null}
      <Dialog
        visible={rejecting !== null}
        title="否认关联"
        content={
          <View className="honour__reject-form">
            <View>{rejecting ? `该荣誉（${rejecting.nameMasked} · ${rejecting.title}）与登记人员不是同一人？请说明原因：` : ''}</View>
            <TextArea className="textarea-box" value={reason} onChange={(v: string) => setReason(v)} maxLength={200} placeholder="例如：身份信息不符" />
            {errors.reason ? <View className="field-error">{errors.reason}</View> : null}
            <FormError message={errors._form} />
          </View>
        }
        confirmText="确定否认"
        cancelText="取消"
        onConfirm={() => void reject()}
        onCancel={() => setRejecting(null)}
      />
    </View>
  );
}

export default function HonoursPage() {
  return (
    <View className="page staff-honours">
      <StaffGate>{() => <Honours />}</StaffGate>
    </View>
  );
}
