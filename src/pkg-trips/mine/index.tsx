/** My sign-ups: status, place in the queue, an offered place to accept or decline, cancelling, and the history. */
import { View } from '@tarojs/components';
import type { MySignupView } from '../../../types/trips.schema';
import { formatDateRange, formatInstant } from '../../../types/time';
import { call } from '../../services/cloud';
import { useQuery } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { confirm, openPage, toast } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { FormError } from '../../components/Field';
import { Heading } from '../../components/Heading';
import { EmptyState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { PAGES, SIGNUP_STATUS_LABELS, statusTone } from '../lib/labels';
import '../lib/trips.scss';

type Act = 'cancel' | 'acceptOffer' | 'declineOffer';

const CONFIRM: Record<Act, [string, string]> = {
  cancel: ['取消报名', '确定要取消这次报名吗？如已占名额，名额会让给候补的职工。'],
  acceptOffer: ['接受名额', '确认接受这个名额吗？'],
  declineOffer: ['放弃名额', '确定放弃这个名额吗？放弃后会顺延给下一位。'],
};

function SignupCard({ s, onChanged }: { s: MySignupView; onChanged: () => void }) {
  const act = useMutation((input: { action: Act; signupId: string }, requestId: string) => call('trips', input.action, { signupId: input.signupId }, { requestId }));
  const run = async (action: Act) => {
    if (act.busy) return;
    const [title, question] = CONFIRM[action];
    if (!(await confirm(title, question, '确定', '再想想'))) return;
    const r = await act.run({ action, signupId: s.id });
    if (!r) return;
    if (r.ok) {
      toast(r.data.message);
      onChanged();
    } else if (r.error.code !== 'network') onChanged();
  };

  return (
    <View className="trips-card trips-mine__item" data-signup-id={s.id} data-status={s.status}>
      <Heading className="trips-card__title">{s.tripTitle}</Heading>
      <View className="trips-card__line">{`${s.sessionLabel}：${formatDateRange(s.departDate, s.returnDate)}`}</View>
      <View className={`trips-status trips-status--${statusTone(s.status)} trips-mine__status`}>{SIGNUP_STATUS_LABELS[s.status]}</View>
      {s.status === 'waiting' && s.queuePosition ? (
        <View className="trips-card__line trips-mine__queue">{`您目前排在候补第 ${s.queuePosition} 位，有人取消时会按顺序通知您`}</View>
      ) : null}
      {s.status === 'offered' && s.offerExpiresAt ? (
        <View className="trips-notice trips-mine__offer">{`有空出的名额给您！请在 ${formatInstant(s.offerExpiresAt)} 前确认，逾期将顺延给下一位`}</View>
      ) : null}
      {s.canCancel && s.status !== 'waiting' && s.status !== 'applied' ? (
        <View className="trips-card__line">{`如不能参加，请在 ${formatInstant(s.cancelDeadline)} 前取消`}</View>
      ) : null}
      <FormError message={act.formError} />
      <View className="trips-card__actions">
        {s.status === 'offered' ? (
          <>
            <Button type="primary" size="large" className="trips-mine__accept" loading={act.busy} onClick={() => void run('acceptOffer')}>接受名额</Button>
            <Button size="large" className="trips-mine__decline" disabled={act.busy} onClick={() => void run('declineOffer')}>放弃名额</Button>
          </>
        ) : null}
        {s.canCancel && s.status !== 'offered' ? (
          <Button size="large" className="trips-mine__cancel" loading={act.busy} onClick={() => void run('cancel')}>取消报名</Button>
        ) : null}
        <Button size="large" label={`查看详情：${s.tripTitle}`} onClick={() => openPage(PAGES.detail(s.tripId))}>查看详情</Button>
      </View>
      <View className="trips-history">
        <View>办理记录：</View>
        {s.history.filter((h) => h.status !== 'placing').map((h, i) => (
          <View key={`${h.at}-${i}`} className="trips-history__item">{`${formatInstant(h.at)}　${h.note}`}</View>
        ))}
      </View>
    </View>
  );
}

export default function MySignupsPage() {
  const mine = useQuery('trips', 'mySignups', {});
  return (
    <Page className="trips-mine">
      <QueryView query={mine}>
        {(d) =>
          d.signups.length === 0 ? (
            <>
              <EmptyState text="您还没有报名疗休养" />
              <View className="actions">
                <Button type="primary" size="large" block onClick={() => openPage(PAGES.list)}>去看看可报名的疗休养</Button>
              </View>
            </>
          ) : (
            d.signups.map((s) => <SignupCard key={s.id} s={s} onChanged={() => void mine.reload()} />)
          )
        }
      </QueryView>
    </Page>
  );
}
