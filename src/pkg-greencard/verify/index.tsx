/**
 * 绿通核验 (hospital desk): scan with the camera (WeChat), or type / paste the code or the 10-digit short code.
 * A large green or red answer. Online, the function decides and records the visit; offline, the page checks the
 * signature and window itself against the keys and card list from its last sync, queues the visit, and uploads it
 * when the network is back (the server records each code once). The answer is built in lib/verify-answer.ts.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { VerifierSyncOutput } from '../../../types/greencard.schema';
import { parseShortCode } from '../../../types/greencard.code';
import { call } from '../../services/cloud';
import { useLoader } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { a11y } from '../../lib/a11y';
import { Button } from '../../components/ui/Button';
import { TextBox } from '../../components/Field';
import { Heading } from '../../components/Heading';
import { ErrorState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { StaffGate } from '../../components/StaffGate';
import { ageText, recordServerTime, trustedNow } from '../lib/clock';
import { checkOffline, enqueueVisit, loadQueue, loadSync, saveQueue, saveSync } from '../lib/verifier-cache';
import { answerOf, emptyInputMessage, type Answer } from '../lib/verify-answer';
import { PriorityTags } from '../lib/PriorityTags';
import '../lib/greencard.scss';

const LIST_STALE_MS = 24 * 3600_000;
const RESYNC_MS = 5 * 60_000;

function Desk() {
  const [queue, setQueue] = useState(() => loadQueue());
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState('');
  const [answer, setAnswer] = useState<Answer | null>(null);
  const canScan = Taro.getEnv() === Taro.ENV_TYPE.WEAPP;

  // Each batch is one attempt (the same requestId if it is retried unchanged after a network failure).
  const uploader = useMutation('greencard', 'uploadVisits');
  const sendVisits = useRef(uploader.run);
  sendVisits.current = uploader.run;
  const upload = useCallback(async () => {
    const pending = loadQueue().slice(0, 200);
    if (pending.length === 0) return;
    const r = await sendVisits.current({ visits: pending.map((v) => ({ code: v.code, checkedAt: v.checkedAt })) });
    if (!r || !r.ok) return;
    const sent = new Set(pending.map((v) => v.id));
    const rest = loadQueue().filter((v) => !sent.has(v.id));
    saveQueue(rest);
    setQueue(rest);
  }, []);

  // The list of keys and cards: from storage at once, refreshed on show and every five minutes.
  const list = useLoader<VerifierSyncOutput>(
    'greencard.verifierSync',
    async () => {
      const sent = Date.now();
      const r = await call('greencard', 'verifierSync', {});
      if (r.ok) {
        recordServerTime(r.data.syncedAt, sent, Date.now());
        saveSync(r.data);
        void upload();
      }
      return r;
    },
    { refreshEvery: RESYNC_MS },
  );
  const sync = list.data ?? loadSync();

  const verify = useMutation('greencard', 'verify');

  const check = async (raw: string) => {
    const input = raw.trim();
    if (!input) return setEmpty(emptyInputMessage(canScan));
    setEmpty('');
    setAnswer(null);
    const short = parseShortCode(input);
    const r = await verify.run(short ? { shortCode: input } : { code: input });
    if (!r) return;
    if (r.ok) {
      setAnswer(answerOf({ kind: 'online', data: r.data }));
      void upload();
      return;
    }
    if (r.error.code !== 'network') return setAnswer(answerOf({ kind: 'refused', message: r.error.message }));
    // Offline: check here against the last synced list.
    const cached = loadSync();
    if (!cached) return setAnswer(answerOf({ kind: 'offline-no-list' }));
    if (short) return setAnswer(answerOf({ kind: 'offline-short-code' }));
    const nowMs = trustedNow();
    const result = checkOffline(cached, input, nowMs);
    let repeat = false;
    if (result.verdict === 'valid') {
      const before = loadQueue().length;
      const q = enqueueVisit(result, input, cached.hospital.id, new Date(nowMs).toISOString());
      repeat = q.length === before;
      setQueue(q);
    }
    setAnswer(answerOf({ kind: 'offline', result, hospital: cached.hospital, queued: result.verdict === 'valid', repeat }));
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

  if (!sync && list.status === 'error' && list.error.code !== 'network') return <ErrorState error={list.error} onRetry={() => void list.reload()} />;

  const stale = !sync || trustedNow() - Date.parse(sync.syncedAt) > LIST_STALE_MS;

  return (
    <View className="gc-verify">
      <Heading>{sync ? sync.hospital.name : '绿通卡核验'}</Heading>
      <View className={`hint gc-sync ${stale ? 'gc-sync--stale' : ''}`} {...a11y({ live: 'polite' })}>
        核验名单更新于：<Text className="gc-sync__age">{sync ? ageText(sync.syncedAt) : '从未同步'}</Text>
        {stale ? '（请联网更新）' : ''}
        {queue.length > 0 ? `；${queue.length} 条离线核验记录待上传` : ''}
      </View>

      {canScan ? (
        <View className="actions">
          <Button type="primary" size="large" block onClick={() => void scan()}>
            扫码核验
          </Button>
        </View>
      ) : null}

      <TextBox
        label={canScan ? '短码或二维码内容' : '输入 10 位短码，或粘贴二维码内容'}
        showLabel={false}
        className="gc-code-input"
        value={text}
        maxLength={400}
        placeholder="输入 10 位短码，或粘贴二维码内容"
        error={empty || undefined}
        onChange={(v) => {
          setText(v);
          if (empty) setEmpty('');
        }}
      />
      <View className="actions">
        <Button type={canScan ? 'default' : 'primary'} size="large" block loading={verify.busy} className="gc-check" onClick={() => void check(text)}>
          核验
        </Button>
      </View>

      {answer ? (
        <View className={`gc-banner gc-banner--${answer.tone} gc-result`} data-verdict={answer.verdict} {...a11y({ role: 'alert' })}>
          <View className="gc-banner__title gc-result__title">{answer.verdict === 'valid' ? '✔ ' : '✘ '}{answer.title}</View>
          <View className="gc-result__message">{answer.message}</View>
          {answer.card ? (
            <View className="gc-result__card">
              <View>
                持卡人：<Text className="gc-result__name">{answer.card.nameMasked}</Text>（{answer.card.birthYear} 年生）
              </View>
              <View>荣誉：{answer.card.honourTitle}</View>
              <View>卡号：{answer.card.cardNo}</View>
            </View>
          ) : null}
          {answer.priorities.length > 0 ? <PriorityTags priorities={answer.priorities} className="gc-result__priorities" /> : null}
          {answer.notes.map((n) => (
            <View key={n} className="gc-result__note">{n}</View>
          ))}
        </View>
      ) : null}

      <View className="actions">
        <Button size="large" block className="gc-refresh" loading={list.status === 'loading' && !!sync} onClick={() => void list.reload()}>
          立即更新核验名单
        </Button>
        <Button
          size="large"
          block
          className="gc-clear"
          onClick={() => {
            setText('');
            setAnswer(null);
            setEmpty('');
          }}
        >
          清空，核验下一位
        </Button>
      </View>
    </View>
  );
}

export default function GreencardVerifyPage() {
  return (
    <Page className="gc-page">
      <StaffGate roles={['hospital_staff']} message="绿通核验仅供合作医院的窗口工作人员使用">
        {() => <Desk />}
      </StaffGate>
    </Page>
  );
}
