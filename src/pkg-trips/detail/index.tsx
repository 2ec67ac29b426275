/** A trip: itinerary, costs and health notes, the rules in plain words, each session's places, and my sign-up. */
import { Image, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { formatDate, formatDateRange, formatInstant } from '../../../types/time';
import { useQuery } from '../../lib/useQuery';
import { a11y } from '../../lib/a11y';
import { openPage } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { Heading } from '../../components/Heading';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { PAGES, TRIP_MODE_LABELS, TRIP_THEME_LABELS, statusTone } from '../lib/labels';
import { priorityNotice } from '../lib/notices';
import '../lib/trips.scss';

const ENDED = ['cancelled', 'rejected', 'declined', 'offer_expired'];

export default function TripDetailPage() {
  const { params } = useRouter();
  const detail = useQuery('trips', 'detail', { tripId: params.id ?? '' });

  return (
    <Page className="trips-detail">
      <QueryView query={detail}>
        {({ trip, me }) => {
          const mine = me.mySignup && !ENDED.includes(me.mySignup.status) ? me.mySignup : null;
          const notYet = Date.now() < Date.parse(me.eligibility.opensAtForMe);
          const canSignUp = trip.phase === 'open' && me.eligibility.eligible && !mine && !notYet;
          const priority = mine ? null : priorityNotice(trip.mode, trip.rules, me.eligibility);
          return (
            <View>
              {trip.pictures[0] ? (
                <Image className="trips-detail__cover" src={trip.pictures[0]} mode="aspectFill" style={{ width: '100%', height: '360rpx' }} {...a11y({ role: 'img', label: `${trip.title}的图片` })} />
              ) : null}
              <View className="trips-card">
                <Heading className="trips-card__title">{trip.title}</Heading>
                <View className="trips-tags">
                  {trip.themes.map((th) => <View key={th} className="trips-tag">{TRIP_THEME_LABELS[th]}</View>)}
                  <View className="trips-tag">{TRIP_MODE_LABELS[trip.mode]}</View>
                  {trip.needsReview ? <View className="trips-tag">需工会审核</View> : null}
                </View>
                <View className="trips-card__line">{`主办：${trip.orgName}`}</View>
                <View className="trips-card__line">{`线路：${trip.route}`}</View>
                <View className="trips-card__line">{`报名时间：${formatInstant(trip.opensAt)} 至 ${formatInstant(trip.closesAt)}`}</View>
                <View className="trips-card__line">{`出发前 ${trip.cancelDaysBefore} 天之前可以取消；空出的名额按候补顺序通知，需在 ${trip.offerHours} 小时内确认`}</View>
              </View>

              {mine ? (
                <View className={`trips-notice${statusTone(mine.status) === 'good' ? ' trips-notice--ok' : ''} trips-detail__mine`}>
                  {`我的报名（${mine.sessionLabel}）：${mine.statusText}${mine.queuePosition ? `，候补第 ${mine.queuePosition} 位` : ''}`}
                  <View className="actions">
                    <Button type="primary" block onClick={() => openPage(PAGES.mine)}>查看我的报名</Button>
                  </View>
                </View>
              ) : null}
              {!mine && !me.eligibility.eligible ? (
                <View className="trips-notice trips-detail__reasons">{`您暂时不能报名：${me.eligibility.reasons.join('；')}`}</View>
              ) : null}
              {!mine && me.eligibility.eligible && notYet ? (
                <View className="trips-notice">{`报名将于 ${formatInstant(me.eligibility.opensAtForMe)} 开始，请到时再来`}</View>
              ) : null}
              {priority ? <View className="trips-notice trips-notice--ok trips-detail__priority">{priority}</View> : null}

              <Heading>期次与名额</Heading>
              <View className="trips-card">
                {trip.sessions.map((s, i) => (
                  <View key={s.id} className={`trips-detail__session${i > 0 ? ' trips-session' : ''}`} data-session-id={s.id}>
                    <Heading level={3} className="trips-card__title">{`${s.label}：${formatDateRange(s.departDate, s.returnDate)}`}</Heading>
                    <View className="trips-card__line">{`出发日期：${formatDate(s.departDate)}，共 ${s.places} 个名额`}</View>
                    <View className="trips-session__places">
                      {trip.mode === 'lottery' && !s.drawnAt
                        ? '报名截止后公开抽签'
                        : s.placesLeft > 0
                          ? `剩余 ${s.placesLeft} 个名额`
                          : `名额已满${s.waiting > 0 ? `，${s.waiting} 人候补` : ''}`}
                    </View>
                    {trip.mode === 'lottery' && s.drawnAt ? (
                      <View className="actions">
                        <Button size="large" block onClick={() => openPage(PAGES.draw(s.id))}>查看抽签结果（可复核）</Button>
                      </View>
                    ) : null}
                    {canSignUp ? (
                      <View className="actions">
                        <Button
                          type="primary"
                          size="large"
                          block
                          className="trips-detail__signup"
                          label={`${trip.mode === 'lottery' ? '报名参加抽签' : s.placesLeft > 0 ? '我要报名' : '报名候补'}：${s.label}`}
                          onClick={() => openPage(PAGES.signup(trip.id, s.id))}
                        >
                          {trip.mode === 'lottery' ? '报名参加抽签' : s.placesLeft > 0 ? '我要报名' : '报名候补'}
                        </Button>
                      </View>
                    ) : null}
                  </View>
                ))}
              </View>

              <Heading>报名条件</Heading>
              <View className="trips-card">
                {me.eligibility.rulesText.map((t) => <View key={t} className="trips-card__line">{`· ${t}`}</View>)}
              </View>
              <Heading>行程安排</Heading>
              <View className="trips-card"><View className="trips-pre">{trip.itinerary}</View></View>
              {trip.costNote || trip.subsidyNote ? (
                <>
                  <Heading>费用与补贴</Heading>
                  <View className="trips-card">
                    {trip.costNote ? <View className="trips-pre">{trip.costNote}</View> : null}
                    {trip.subsidyNote ? <View className="trips-pre">{trip.subsidyNote}</View> : null}
                  </View>
                </>
              ) : null}
              {trip.healthNote ? (
                <>
                  <Heading>健康提示</Heading>
                  <View className="trips-card"><View className="trips-pre">{trip.healthNote}</View></View>
                </>
              ) : null}
            </View>
          );
        }}
      </QueryView>
    </Page>
  );
}
