/**
 * 我的绿通卡: the holder's card with masked identity (tap the eye to reveal), the signed code of the current minute
 * with its countdown and short code, the partner hospitals and their desks. Works offline from the saved batch.
 */
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MyCardOutput } from '../../../types/greencard.schema';
import { CARD_STATUS_LABELS } from '../../../types/greencard.schema';
import type { AppErrorBody } from '../../../types/result';
import { WINDOW_MS, windowStart } from '../../../types/greencard.code';
import { call, newRequestId } from '../../services/cloud';
import { ErrorState, LoadingState } from '../../components/PageState';
import { Button } from '../../components/ui';
import { openPage, toast } from '../../lib/nav';
import { type CardCache, codeAt, loadCardCache, needsRefill, pruned, saveCardCache } from '../lib/card-cache';
import { recordServerTime, trustedNow, formatTime } from '../lib/clock';
import { CodePanel } from '../lib/CodePanel';
import '../lib/greencard.scss';
import { PriorityTags } from '../lib/PriorityTags';

const RESYNC_MS = 5 * 60_000;

export default function GreencardCardPage() {
  const [cache, setCache] = useState<CardCache | null>(() => loadCardCache());
  const [view, setView] = useState<MyCardOutput | null>(() => loadCardCache()?.view ?? null);
  const [net, setNet] = useState<'loading' | 'online' | 'offline'>('loading');
  const [error, setError] = useState<AppErrorBody | null>(null);
  const [now, setNow] = useState(() => trustedNow());
  const [reveal, setReveal] = useState(false);
  const [busy, setBusy] = useState(false);
  const syncing = useRef(false);

  const sync = useCallback(async () => {
    if (syncing.current) return;
    syncing.current = true;
    try {
      const sent = Date.now();
      const r = await call('greencard', 'myCard', {});
      if (!r.ok) {
        if (r.error.code === 'network') setNet('offline');
        else setError(r.error);
        return;
      }
      recordServerTime(r.data.serverNow, sent, Date.now());
      setView(r.data);
      setError(null);
      setNet('online');
      const card = r.data.card;
      if (!card || !card.usable) {
        saveCardCache(null);
        setCache(null);
        return;
      }
      const saved = loadCardCache();
      if (needsRefill(saved, card.cardNo, trustedNow())) {
        const c = await call('greencard', 'myCodes', {});
        if (c.ok) {
          const next: CardCache = { cardNo: c.data.cardNo, view: r.data, codes: c.data.codes, syncedAt: c.data.serverNow };
          saveCardCache(next);
          setCache(next);
        } else if (c.error.code !== 'network') {
          setError(c.error);
        }
      } else if (saved) {
        const next = { ...saved, view: r.data, codes: pruned(saved.codes, trustedNow()) };
        saveCardCache(next);
        setCache(next);
      }
    } finally {
      syncing.current = false;
    }
  }, []);

  useDidShow(() => {
    void sync();
  });

  useEffect(() => {
    const tick = setInterval(() => setNow(trustedNow()), 1000);
    const resync = setInterval(() => void sync(), RESYNC_MS);
    return () => {
      clearInterval(tick);
      clearInterval(resync);
    };
  }, [sync]);

  const apply = async () => {
    setBusy(true);
    const r = await call('greencard', 'apply', {}, { requestId: newRequestId() });
    setBusy(false);
    if (!r.ok) {
      void Taro.showModal({ title: '暂时不能申领', content: r.error.message, showCancel: false, confirmText: '知道了' });
      return;
    }
    setView(r.data);
    toast('申领已提交，请等待工会审核');
  };

  if (!view && net === 'loading') return <LoadingState />;
  if (!view && error) return <ErrorState error={error} onRetry={() => void sync()} />;
  if (!view) {
    return <ErrorState error={{ code: 'network', message: '网络连接失败。绿通卡需要先联网打开一次，之后没有网络也能出示。' }} onRetry={() => void sync()} />;
  }

  const card = view.card;
  const code = card?.usable ? codeAt(cache, now) : null;
  const lastCode = cache && cache.codes.length > 0 ? cache.codes[cache.codes.length - 1] : null;

  return (
    <View className="page gc-page">
      {net === 'offline' ? (
        <View className="gc-banner gc-banner--amber gc-offline">
          当前没有网络。下面是已保存的动态码，可以照常出示
          {lastCode ? `（可用到 ${formatTime(new Date(windowStart(lastCode.w) + WINDOW_MS).toISOString())}）` : ''}。
        </View>
      ) : null}
      {error && net !== 'offline' ? <View className="form-error">{error.message}</View> : null}

      {card ? (
        <View className="gc-card">
          <View className="gc-card__title">劳模医疗绿通卡</View>
          <View className="gc-card__row">
            <Text className="gc-card__label">姓名</Text>
            <Text className="gc-card__value gc-card__name gc-holder-name">{reveal ? card.name : card.nameMasked}</Text>
            <View className="gc-eye" onClick={() => setReveal(!reveal)}>
              {reveal ? '隐藏' : '显示'}
            </View>
          </View>
          <View className="gc-card__row">
            <Text className="gc-card__label">身份证</Text>
            <Text className="gc-card__value">{reveal ? card.idRevealed : card.idMasked}</Text>
          </View>
          <View className="gc-card__row">
            <Text className="gc-card__label">荣誉</Text>
            <Text className="gc-card__value gc-honour">{card.honourTitle}</Text>
          </View>
          <View className="gc-card__row">
            <Text className="gc-card__label">卡号</Text>
            <Text className="gc-card__value gc-card-no">{card.cardNo}</Text>
          </View>
          <View className="gc-card__row">
            <Text className="gc-card__label">发卡单位</Text>
            <Text className="gc-card__value">{card.issuerOrgName}</Text>
          </View>
          <View className="gc-card__row">
            <Text className="gc-card__label">有效期</Text>
            <Text className="gc-card__value">{card.validFrom && card.validUntil ? `${card.validFrom} 至 ${card.validUntil}` : '批准后生效'}</Text>
          </View>
          <View className="gc-card__row">
            <Text className="gc-card__label">状态</Text>
            <Text className="gc-card__value gc-status">{card.usable ? '有效' : card.status === 'active' ? '已过期' : CARD_STATUS_LABELS[card.status]}</Text>
          </View>
        </View>
      ) : null}

      {card && card.usable && code ? (
        <View>
          <CodePanel code={code} now={now} />
          <View className="actions">
            <Button type="primary" size="large" block className="gc-fullscreen-btn" onClick={() => openPage('/pkg-greencard/fullscreen/index')}>
              亮证（全屏出示）
            </Button>
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
          {net === 'loading' ? '正在领取动态码…' : '保存的动态码已用完，请联网后重新打开本页。'}
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
          <View className="section-title">申领绿通卡</View>
          {view.eligibility.eligible ? (
            <View>
              <View className="hint">
                您的荣誉“{view.eligibility.honourTitle}”符合{view.eligibility.issuerOrgName}的发卡条件，可以申领。
              </View>
              <View className="actions">
                <Button type="primary" size="large" block loading={busy} className="gc-apply" onClick={() => void apply()}>
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

      {view.hospitals.length > 0 ? <View className="section-title">可以使用的医院</View> : null}
      {view.hospitals.map((h) => (
        <View key={h.id} className="gc-hospital">
          <View className="gc-hospital__name">{h.name}</View>
          <PriorityTags priorities={h.priorities} />
          <View className="gc-hospital__line">服务窗口：{h.desk}</View>
          <View className="gc-hospital__line">地址：{h.address}</View>
          <View className="gc-hospital__line">时间：{h.hours}</View>
          <View className="gc-hospital__line" onClick={() => void Taro.makePhoneCall({ phoneNumber: h.phone }).catch(() => undefined)}>
            电话：{h.phone}
          </View>
        </View>
      ))}

      {card && card.status !== 'pending' ? (
        <View className="actions">
          <Button size="large" block onClick={() => openPage('/pkg-greencard/history/index')}>
            我的就诊记录
          </Button>
        </View>
      ) : null}
    </View>
  );
}
