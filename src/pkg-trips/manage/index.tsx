/** Staff: the trips of their subtree (drafts too) — create, edit, publish, close, rosters, the review queue. */
import { View } from '@tarojs/components';
import { formatDateRange, formatInstant } from '../../../types/time';
import { call, type ActionOutput } from '../../services/cloud';
import { useQuery } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { confirm, openPage, toast } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { FormError } from '../../components/Field';
import { Heading } from '../../components/Heading';
import { EmptyState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { StaffGate } from '../../components/StaffGate';
import { PAGES, TRIP_MODE_LABELS } from '../lib/labels';
import '../lib/trips.scss';

type Trip = ActionOutput<'trips', 'listManaged'>['trips'][number];
const STATUS_TEXT = { draft: '草稿（未发布）', published: '已发布', closed: '已关闭' } as const;

function TripCard({ t, onChanged }: { t: Trip; onChanged: () => void }) {
  const move = useMutation((input: { action: 'publishTrip' | 'closeTrip' }, requestId: string) => call('trips', input.action, { tripId: t.id }, { requestId }));
  const go = async (action: 'publishTrip' | 'closeTrip', question: string) => {
    if (!(await confirm('请确认', question))) return;
    const r = await move.run({ action });
    if (!r) return;
    if (r.ok) toast(action === 'publishTrip' ? '已发布' : '已关闭报名');
    if (r.ok || r.error.code !== 'network') onChanged();
  };
  return (
    <View className="trips-card trips-manage__item" data-trip-id={t.id} data-status={t.status}>
      <Heading className="trips-card__title">{t.title}</Heading>
      <View className="trips-card__line">{`${STATUS_TEXT[t.status]} · ${TRIP_MODE_LABELS[t.mode]}${t.needsReview ? ' · 需审核' : ''}`}</View>
      <View className="trips-card__line">{`报名：${formatInstant(t.opensAt)} 至 ${formatInstant(t.closesAt)}`}</View>
      {t.pendingReview > 0 ? <View className="trips-status trips-status--act">{`${t.pendingReview} 人待审核`}</View> : null}
      {t.sessions.map((s) => (
        <View key={s.id} className="trips-session">
          <View className="trips-card__line">{`${s.label}（${formatDateRange(s.departDate, s.returnDate)}）：名额 ${s.places}，剩 ${s.placesLeft}，候补 ${s.waiting}`}</View>
          <Button size="large" block className="trips-manage__roster" label={`名单、签到与导出：${s.label}`} onClick={() => openPage(PAGES.roster(s.id))}>名单、签到与导出</Button>
        </View>
      ))}
      <FormError message={move.formError} />
      <View className="trips-card__actions">
        {t.status !== 'closed' ? <Button size="large" label={`修改：${t.title}`} onClick={() => openPage(PAGES.edit(t.id))}>修改</Button> : null}
        {t.status === 'draft' ? (
          <Button type="primary" size="large" loading={move.busy} className="trips-manage__publish" onClick={() => void go('publishTrip', '发布后职工即可看到并按时报名，确定发布吗？')}>发布</Button>
        ) : null}
        {t.status === 'published' ? (
          <Button size="large" loading={move.busy} onClick={() => void go('closeTrip', '关闭后将不能再报名，确定关闭吗？')}>关闭报名</Button>
        ) : null}
      </View>
    </View>
  );
}

function Manage() {
  const trips = useQuery('trips', 'listManaged', {});
  return (
    <View>
      <View className="actions">
        <Button type="primary" size="large" block className="trips-manage__create" onClick={() => openPage(PAGES.edit())}>新建疗休养</Button>
        <Button size="large" block className="trips-manage__review" onClick={() => openPage(PAGES.review)}>待审核的报名</Button>
      </View>
      <QueryView query={trips}>
        {(d) =>
          d.trips.length === 0 ? (
            <EmptyState text="本辖区还没有疗休养，点“新建疗休养”开始" />
          ) : (
            d.trips.map((t) => <TripCard key={t.id} t={t} onChanged={() => void trips.reload()} />)
          )
        }
      </QueryView>
    </View>
  );
}

export default function ManageTripsPage() {
  return (
    <Page className="trips-manage">
      <StaffGate>{() => <Manage />}</StaffGate>
    </Page>
  );
}
