/**
 * 我的绿通卡: the holder's card with masked identity (tap 显示 to reveal), 亮证 within reach, the signed code of the
 * current minute with its countdown and short code, the partner hospitals and their desks. Works offline from the
 * saved batch; a person who is not registered (or not signed in) is told so with the way to fix it.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { MyCardOutput } from '../../../types/greencard.schema';
import { CARD_STATUS_LABELS } from '../../../types/greencard.schema';
import { WINDOW_MS, windowStart } from '../../../types/greencard.code';
import { formatDate, formatInstant } from '../../../types/time';
import { call } from '../../services/cloud';
import { useLoader } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { askSubscription } from '../../lib/subscribe';
import { a11y } from '../../lib/a11y';
import { inform, openPage, toast } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { Heading } from '../../components/Heading';
import { ErrorNotice, ErrorState, LoadingState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { Tappable } from '../../components/Tappable';
import { type CardCache, codeAt, loadCardCache, needsRefill, pruned, saveCardCache } from '../lib/card-cache';
import { recordServerTime, trustedNow } from '../lib/clock';
import { CodePanel } from '../lib/CodePanel';
import { PriorityTags } from '../lib/PriorityTags';
import '../lib/greencard.scss';

const RESYNC_MS = 5 * 60_000;

function Row({ label, children, className = '' }: { label: string; children: string; className?: string }) {
  return (
    <View className="gc-card__row">
      <Text className="gc-card__label">{label}</Text>
      <Text className={`gc-card__value ${className}`}>{children}</Text>
    </View>
  );
}

export default function GreencardCardPage() {
  const [cache, setCache] = useState<CardCache | null>(() => loadCardCache());
  const [now, setNow] = useState(() => trustedNow());
  const [reveal, setReveal] = useState(false);
  const refilling = useRef(false);

  const myCard = useLoader<MyCardOutput>(
    'greencard.myCard',
    async () => {
      const sent = Date.now();
      const r = await call('greencard', 'myCard', {});
      if (r.ok) recordServerTime(r.data.serverNow, sent, Date.now());
      return r;
    },
    { refreshEvery: RESYNC_MS },
  );
  const offline = myCard.status === 'error' && myCard.error.code === 'network';
  const refused = myCard.status === 'error' && !offline;
  const answered = myCard.data;

  // After each answer: keep the batch of codes filled (or drop it when the card is not usable or not this person's).
  useEffect(() => {
    if (refused && !answered) {
      saveCardCache(null);
      setCache(null);
      return;
    }
    if (!answered) return;
    const card = answered.card;
    if (!card || !card.usable) {
      saveCardCache(null);
      setCache(null);
      return;
    }
    const saved = loadCardCache();
    if (!needsRefill(saved, card.cardNo, trustedNow())) {
      if (saved) {
        const next = { ...saved, view: answered, codes: pruned(saved.codes, trustedNow()) };
        saveCardCache(next);
        setCache(next);
      }
      return;
    }
    if (refilling.current) return;
    refilling.current = true;
    void call('greencard', 'myCodes', {}).then((c) => {
      refilling.current = false;
      if (!c.ok) return;
      const next: CardCache = { cardNo: c.data.cardNo, view: answered, codes: c.data.codes, syncedAt: c.data.serverNow };
      saveCardCache(next);
      setCache(next);
    });
  }, [answered, refused]);

  useEffect(() => {
    const tick = setInterval(() => setNow(trustedNow()), 1000);
    return () => clearInterval(tick);
  }, []);

  const apply = useMutation('greencard', 'apply');
  const applyNow = async () => {
    // From this tap: ask for the card's result and status messages and the renewal reminder.
    const asked = askSubscription('card_apply');
    const r = await apply.run({});
    await asked;
    if (!r) return;
    if (!r.ok) return void inform('暂时不能申领', r.error.message);
    toast('申领已提交，请等待工会审核');
    void myCard.reload();
  };

  // A refusal (not registered, not signed in) outranks the saved card: it may be someone else's.
  const view = answered ?? (refused ? undefined : cache?.view);
  if (!view) {
    let body;
    if (refused) body = <ErrorState error={myCard.error} onRetry={() => void myCard.reload()} />;
    else if (offline) body = <ErrorState error={{ code: 'network', message: '网络连接失败。绿通卡需要先联网打开一次，之后没有网络也能出示。' }} onRetry={() => void myCard.reload()} />;
    else body = <LoadingState />;
    return <Page className="gc-page">{body}</Page>;
  }

  const card = view.card;
  const code = card?.usable ? codeAt(cache, now) : null;
  const lastCode = cache && cache.codes.length > 0 ? cache.codes[cache.codes.length - 1] : null;
  const statusText = card ? (card.usable ? '有效' : card.status === 'active' ? '已过期' : CARD_STATUS_LABELS[card.status]) : '';

  return (
    <Page className="gc-page">
      {offline ? (
        <View className="gc-banner gc-banner--amber gc-offline" {...a11y({ role: 'status' })}>
          当前没有网络。下面是已保存的动态码，可以照常出示
          {lastCode ? `（可用到 ${formatInstant(windowStart(lastCode.w) + WINDOW_MS)}）` : ''}。
        </View>
      ) : null}
      {myCard.status === 'error' && !offline ? <ErrorNotice error={myCard.error} onRetry={() => void myCard.reload()} /> : null}

      {card ? (
        <View className="gc-card">
          <Heading className="gc-card__title">劳模医疗绿通卡</Heading>
          <View className="gc-card__row">
            <Text className="gc-card__label">姓名</Text>
            <Text className="gc-card__value gc-card__name gc-holder-name">{reveal ? card.name : card.nameMasked}</Text>
            <Tappable className="gc-eye" label={reveal ? '隐藏完整姓名和身份证号' : '显示完整姓名和身份证号'} onPress={() => setReveal(!reveal)}>
              {reveal ? '隐藏' : '显示'}
            </Tappable>
          </View>
          <Row label="身份证">{reveal ? card.idRevealed : card.idMasked}</Row>
          <Row label="荣誉" className="gc-honour">{card.honourTitle}</Row>
          <Row label="状态" className="gc-status">{statusText}</Row>
          <Row label="卡号" className="gc-card-no">{card.cardNo}</Row>
          <Row label="发卡单位">{card.issuerOrgName}</Row>
          <Row label="有效期">{card.validFrom && card.validUntil ? `${formatDate(card.validFrom)} 至 ${formatDate(card.validUntil)}` : '批准后生效'}</Row>
        </View>
      ) : null}

      {card && card.usable && code ? (
        <View>
          <View className="actions gc-show">
            <Button type="primary" size="large" block className="gc-fullscreen-btn" onClick={() => openPage('/pkg-greencard/fullscreen/index')}>
              亮证（全屏出示）
            </Button>
          </View>
          <CodePanel code={code} now={now} />
          <View className="actions">
            <Button
              size="large"
              block
              className="gc-copy-long"
              onClick={() => void Taro.setClipboardData({ data: code.c }).catch(() => toast('复制失败，请让窗口扫码'))}
            >
              复制长码（窗口扫不了码又没有网络时用）
            </Button>
          </View>
        </View>
      ) : null}
      {card && card.usable && !code ? (
        <View className="gc-banner gc-banner--amber">
          {myCard.status === 'loading' ? '正在领取动态码…' : '保存的动态码已用完，请联网后重新打开本页。'}
        </View>
      ) : null}
      {card && !card.usable ? (
        <View className="gc-banner gc-banner--grey gc-card-state">
          <View className="gc-banner__title">
            {card.status === 'pending' ? '申领审核中' : card.status === 'active' ? '绿通卡已过有效期' : `绿通卡${CARD_STATUS_LABELS[card.status]}`}
          </View>
          {card.status === 'pending' ? '工会审核通过后，这里会显示动态二维码。' : null}
          {card.statusReason ? `原因：${card.statusReason}。` : null}
          {card.status !== 'pending' ? '如有疑问请联系所在工会。' : null}
        </View>
      ) : null}

      {!card || card.status === 'revoked' || card.status === 'rejected' ? (
        <View>
          <Heading>申领绿通卡</Heading>
          {view.eligibility.eligible ? (
            <View>
              <View className="hint">
                您的荣誉“{view.eligibility.honourTitle}”符合{view.eligibility.issuerOrgName}的发卡条件，可以申领。
              </View>
              <View className="actions">
                <Button type="primary" size="large" block loading={apply.busy} className="gc-apply" onClick={() => void applyNow()}>
                  申领绿通卡
                </Button>
              </View>
            </View>
          ) : (
            <View className="gc-reasons gc-not-eligible">
              {view.eligibility.reasons.map((r) => (
                <View key={r} className="gc-reasons__item">
                  {r}
                </View>
              ))}
            </View>
          )}
        </View>
      ) : null}

      {view.hospitals.length > 0 ? <Heading>可以使用的医院</Heading> : null}
      {view.hospitals.map((h) => (
        <View key={h.id} className="gc-hospital">
          <Heading level={3} className="gc-hospital__name">{h.name}</Heading>
          <PriorityTags priorities={h.priorities} />
          <View className="gc-hospital__line">服务窗口：{h.desk}</View>
          <View className="gc-hospital__line">地址：{h.address}</View>
          <View className="gc-hospital__line">时间：{h.hours}</View>
          <Button size="large" block className="gc-hospital__call" label={`拨打电话：${h.phone}（${h.name}）`} onClick={() => void Taro.makePhoneCall({ phoneNumber: h.phone }).catch(() => undefined)}>
            {`拨打电话：${h.phone}`}
          </Button>
        </View>
      ))}

      {card && card.status !== 'pending' ? (
        <View className="actions">
          <Button size="large" block onClick={() => openPage('/pkg-greencard/history/index')}>
            我的就诊记录
          </Button>
        </View>
      ) : null}
    </Page>
  );
}
