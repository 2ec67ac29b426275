/**
 * 绿通核验 (hospital desk): scan with the camera (WeChat), or type / paste the code or the 10-digit short code.
 * A large green or red answer. Online, the function decides and records the visit; offline, the page checks the
 * signature and window itself against the keys and card list from its last sync, queues the visit, and uploads it
 * when the network is back (the server records each code once).
 */
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { Priority, VerifierSyncOutput } from '../../../types/greencard.schema';
import { VERDICT_MESSAGES, VERDICT_TITLES, type Verdict, parseShortCode } from '../../../types/greencard.code';
import type { AppErrorBody } from '../../../types/result';
import { call, newRequestId } from '../../services/cloud';
import { Button } from '../../components/ui';
import { ErrorState } from '../../components/PageState';
import { ageText, recordServerTime, trustedNow } from '../lib/clock';
import { checkOffline, enqueueVisit, loadQueue, loadSync, saveQueue, saveSync } from '../lib/verifier-cache';
import '../lib/greencard.scss';
import { PriorityTags } from '../lib/PriorityTags';

interface Shown {
  verdict: Verdict;
  title: string;
  message: string;
  card: { cardNo: string; nameMasked: string; honourTitle: string; birthYear: number } | null;
  priorities: Priority[];
  offline: boolean;
  repeat: boolean;
  at: number;
}

const LIST_STALE_MS = 24 * 3600_000;

export default function GreencardVerifyPage() {
  const [sync, setSync] = useState<VerifierSyncOutput | null>(() => loadSync());
  const [queue, setQueue] = useState(() => loadQueue());
  const [text, setText] = useState('');
  const [shown, setShown] = useState<Shown | null>(null);
  const [busy, setBusy] = useState(false);
  const [fatal, setFatal] = useState<AppErrorBody | null>(null);
  const [, setTick] = useState(0);
  const isWeapp = Taro.getEnv() === Taro.ENV_TYPE.WEAPP;

  const upload = useCallback(async () => {
    const pending = loadQueue();
    if (pending.length === 0) return;
    const r = await call('greencard', 'uploadVisits', { visits: pending.slice(0, 200).map((v) => ({ code: v.code, checkedAt: v.checkedAt })) }, { requestId: newRequestId() });
    if (!r.ok) return;
    const sent = new Set(pending.slice(0, 200).map((v) => v.id));
    const rest = loadQueue().filter((v) => !sent.has(v.id));
    saveQueue(rest);
    setQueue(rest);
  }, []);

  const refresh = useCallback(async () => {
    const sent = Date.now();
    const r = await call('greencard', 'verifierSync', {});
    if (!r.ok) {
      if (r.error.code !== 'network' && !loadSync()) setFatal(r.error);
      return;
    }
    recordServerTime(r.data.syncedAt, sent, Date.now());
    saveSync(r.data);
    setSync(r.data);
    setFatal(null);
    await upload();
  }, [upload]);

  useDidShow(() => {
    void refresh();
  });

  useEffect(() => {
    const t = setInterval(() => {
      setTick((n) => n + 1);
      void refresh();
    }, 5 * 60_000);
    return () => clearInterval(t);
  }, [refresh]);

  const check = async (raw: string) => {
    const input = raw.trim();
    if (!input) {
      Taro.showToast({ title: '请先扫码或输入码', icon: 'none' });
      return;
    }
    setBusy(true);
    setShown(null);
    const short = parseShortCode(input);
    const r = await call('greencard', 'verify', short ? { shortCode: input } : { code: input }, { requestId: newRequestId() });
    setBusy(false);
    if (r.ok) {
      setShown({ ...r.data, offline: false, at: Date.parse(r.data.checkedAt) });
      void upload();
      return;
    }
    if (r.error.code !== 'network') {
      setShown({ verdict: 'unknown_card', title: '无法核验', message: r.error.message, card: null, priorities: [], offline: false, repeat: false, at: Date.now() });
      return;
    }
    // Offline: check locally.
    const cached = loadSync();
    if (!cached) {
      setShown({ verdict: 'unknown_card', title: '没有网络，无法核验', message: '本机还没有同步过核验名单。请联网后打开本页一次，之后没有网络也能核验。', card: null, priorities: [], offline: true, repeat: false, at: Date.now() });
      return;
    }
    if (short) {
      setShown({ verdict: 'unknown_card', title: '短码需要联网', message: '没有网络时不能核验短码。请扫描二维码，或让持卡人在绿通卡页面复制长码后粘贴到这里。', card: null, priorities: [], offline: true, repeat: false, at: Date.now() });
      return;
    }
    const nowMs = trustedNow();
    const res = checkOffline(cached, input, nowMs);
    const card = res.card ? { cardNo: res.card.cardNo, nameMasked: res.card.nameMasked, honourTitle: res.card.honourTitle, birthYear: res.card.birthYear } : null;
    let repeat = false;
    if (res.verdict === 'valid') {
      const before = loadQueue().length;
      const q = enqueueVisit(res, input, cached.hospital.id, new Date(nowMs).toISOString());
      repeat = q.length === before;
      setQueue(q);
    }
    setShown({
      verdict: res.verdict,
      title: VERDICT_TITLES[res.verdict],
      message: res.verdict === 'unknown_card' ? '本机名单里没有这张卡：可能是本院不受理的卡，或上次同步后新办的卡。请联网后再核验。' : VERDICT_MESSAGES[res.verdict],
      card,
      priorities: res.verdict === 'valid' ? cached.hospital.priorities : [],
      offline: true,
      repeat,
      at: nowMs,
    });
  };

  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      setText(r.result);
      await check(r.result);
    } catch {
      // Cancelled: nothing to do.
    }
  };

  if (fatal) return <ErrorState error={fatal} onRetry={() => void refresh()} />;

  const stale = !sync || trustedNow() - Date.parse(sync.syncedAt) > LIST_STALE_MS;
  const tone = !shown ? '' : shown.verdict === 'valid' ? 'green' : shown.verdict === 'unknown_card' ? 'amber' : 'red';

  return (
    <View className="page gc-verify">
      <View className="section-title">{sync ? sync.hospital.name : '绿通卡核验'}</View>
      <View className={`hint gc-sync ${stale ? 'gc-sync--stale' : ''}`}>
        核验名单更新于：<Text className="gc-sync__age">{sync ? ageText(sync.syncedAt) : '从未同步'}</Text>
        {stale ? '（请联网更新）' : ''}
        {queue.length > 0 ? `；${queue.length} 条离线核验记录待上传` : ''}
      </View>

      {isWeapp ? (
        <View className="actions">
          <Button type="primary" size="large" block onClick={() => void scan()}>
            扫码核验
          </Button>
        </View>
      ) : null}

      <Textarea
        className="gc-input gc-code-input"
        value={text}
        maxlength={400}
        placeholder="输入 10 位短码，或粘贴二维码内容"
        onInput={(e) => setText(e.detail.value)}
      />
      <View className="actions">
        <Button type={isWeapp ? 'default' : 'primary'} size="large" block loading={busy} className="gc-check" onClick={() => void check(text)}>
          核验
        </Button>
      </View>

      {shown ? (
        <View className={`gc-banner gc-banner--${tone} gc-result`} data-verdict={shown.verdict}>
          <View className="gc-banner__title gc-result__title">{shown.verdict === 'valid' ? '✔ ' : '✘ '}{shown.title}</View>
          <View className="gc-result__message">{shown.message}</View>
          {shown.card ? (
            <View className="gc-result__card">
              <View>
                持卡人：<Text className="gc-result__name">{shown.card.nameMasked}</Text>（{shown.card.birthYear} 年生）
              </View>
              <View>荣誉：{shown.card.honourTitle}</View>
              <View>卡号：{shown.card.cardNo}</View>
            </View>
          ) : null}
          {shown.priorities.length > 0 ? (
            <PriorityTags priorities={shown.priorities} className="gc-result__priorities" />
          ) : null}
          {shown.repeat ? <View>这个码刚才已核验过，不重复记录就诊。</View> : null}
          {shown.offline ? <View>（离线核验，联网后自动上传记录）</View> : null}
        </View>
      ) : null}

      <View className="actions">
        <Button size="large" block className="gc-refresh" onClick={() => void refresh()}>
          立即更新核验名单
        </Button>
        <Button
          size="large"
          block
          onClick={() => {
            setText('');
            setShown(null);
          }}
        >
          清空，核验下一位
        </Button>
      </View>
    </View>
  );
}
