/** Staff: sign-ups waiting for review (their places are held); approve, or reject with a reason. */
import { View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import type { AppErrorBody } from '../../../types/result';
import { reason as reasonSchema } from '../../../types/common';
import { call, newRequestId, type ActionOutput } from '../../services/cloud';
import { StaffGate } from '../../components/StaffGate';
import { Field } from '../../components/Field';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { Button } from '../../components/ui';
import { toast } from '../../lib/nav';
import { fmtDate, fmtInstant } from '../lib/format';
import { useShowLoad } from '../lib/useShowLoad';
import '../lib/trips.scss';

type Items = ActionOutput<'trips', 'reviewQueue'>['items'];
type Load = { status: 'loading' } | { status: 'ready'; items: Items } | { status: 'error'; error: AppErrorBody };

function Queue() {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const fetch = useCallback(async () => {
    const r = await call('trips', 'reviewQueue', {});
    setLoad(r.ok ? { status: 'ready', items: r.data.items } : { status: 'error', error: r.error });
  }, []);

  useShowLoad(fetch);

  const decide = async (signupId: string, decision: 'approve' | 'reject') => {
    let why: string | undefined;
    if (decision === 'reject') {
      const parsed = reasonSchema.safeParse(reasons[signupId] ?? '');
      if (!parsed.success) return setErrors({ ...errors, [signupId]: parsed.error.issues[0].message });
      why = parsed.data;
    }
    setErrors({ ...errors, [signupId]: '' });
    setBusy(signupId);
    const r = await call('trips', 'review', { signupId, decision, ...(why ? { reason: why } : {}) }, { requestId: newRequestId() });
    setBusy(null);
    toast(r.ok ? (decision === 'approve' ? '已通过' : '已不通过，名额已让给候补') : r.error.message);
    void fetch();
  };

  if (load.status === 'loading') return <LoadingState />;
  if (load.status === 'error') return <ErrorState error={load.error} onRetry={() => void fetch()} />;
  if (load.items.length === 0) return <EmptyState text="没有待审核的报名" />;
  return (
    <View>
      {load.items.map((i) => (
        <View key={i.signupId} className="trips-row trips-review__item" data-signup-id={i.signupId}>
          <View className="trips-row__name">{`${i.name}　${i.phone}`}</View>
          <View className="trips-card__line">{`${i.tripTitle} · ${i.sessionLabel}（${fmtDate(i.departDate)} 出发）`}</View>
          <View className="trips-card__line">{`${i.orgName} · ${i.birthYear} 年出生 · 报名于 ${fmtInstant(i.signedUpAt)}`}</View>
          {i.healthNotes ? <View className="trips-card__line">{`健康情况：${i.healthNotes}`}</View> : null}
          <Field label="不通过的原因（不通过时必填）" name={`reason-${i.signupId}`} value={reasons[i.signupId] ?? ''} onChange={(v) => setReasons({ ...reasons, [i.signupId]: v })} error={errors[i.signupId] || undefined} maxLength={200} />
          <View className="trips-card__actions">
            <Button type="primary" size="large" disabled={busy === i.signupId} onClick={() => void decide(i.signupId, 'approve')}>通过</Button>
            <Button size="large" disabled={busy === i.signupId} onClick={() => void decide(i.signupId, 'reject')}>不通过</Button>
          </View>
        </View>
      ))}
    </View>
  );
}

export default function ReviewPage() {
  return (
    <View className="page trips-review">
      <StaffGate>{() => <Queue />}</StaffGate>
    </View>
  );
}
