/** 亮证: the code as large as the screen allows, the holder's masked name and honour, screen brightness up. */
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Heading } from '../../components/Heading';
import { Page } from '../../components/Page';
import { codeAt, loadCardCache } from '../lib/card-cache';
import { trustedNow } from '../lib/clock';
import { CodePanel } from '../lib/CodePanel';
import '../lib/greencard.scss';

/** Raises brightness and keeps the screen on while shown; restores the previous brightness on leaving. */
function useBrightScreen(): void {
  useEffect(() => {
    let previous: number | null = null;
    const env = Taro.getEnv();
    if (env !== Taro.ENV_TYPE.WEAPP) return undefined;
    Taro.getScreenBrightness()
      .then((r) => {
        previous = r.value;
      })
      .catch(() => undefined)
      .finally(() => {
        void Taro.setScreenBrightness({ value: 1 }).catch(() => undefined);
      });
    void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
    return () => {
      if (previous !== null) void Taro.setScreenBrightness({ value: previous }).catch(() => undefined);
      void Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined);
    };
  }, []);
}

export default function GreencardFullscreenPage() {
  const [cache] = useState(() => loadCardCache());
  const [now, setNow] = useState(() => trustedNow());
  useBrightScreen();
  useEffect(() => {
    const t = setInterval(() => setNow(trustedNow()), 1000);
    return () => clearInterval(t);
  }, []);
  const code = codeAt(cache, now);
  const card = cache?.view.card;
  return (
    <Page className="gc-fullscreen">
      {card ? <Heading className="gc-fullscreen__name">{card.nameMasked}</Heading> : null}
      {card ? <View className="gc-fullscreen__title">{card.honourTitle}</View> : null}
      {code ? (
        <CodePanel code={code} now={now} large />
      ) : (
        <View className="gc-banner gc-banner--amber">没有可用的动态码，请返回绿通卡页面联网更新。</View>
      )}
      {card ? <View className="gc-fullscreen__note">卡号 {card.cardNo} · {card.issuerOrgName}</View> : null}
      <View className="gc-fullscreen__note">请把屏幕对准窗口的扫码器</View>
    </Page>
  );
}
