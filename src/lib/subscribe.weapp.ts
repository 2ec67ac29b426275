/**
 * WeChat: `requestSubscribeMessage` from the tap. `getSetting({ withSubscriptions: true })` tells which templates the
 * person chose to always accept or always refuse ("总是保持以上选择"): always-refused ones are never asked for; the
 * main switch off means no prompt at all. The settings are read ahead (on import and after each prompt) so that the
 * prompt itself is the first call in the tap.
 */
import Taro from '@tarojs/taro';
import { reportAnswers, templateId, templateOfId, templatesToAsk } from './subscribe-core';
import type { SubscribeMoment } from './subscribe';

export type { SubscribeMoment } from './subscribe';

interface Settings {
  mainSwitch: boolean;
  items: Record<string, string>;
}

let settings: Settings | null = null;

function readSettings(): void {
  Taro.getSetting({ withSubscriptions: true })
    .then((s) => {
      const sub = (s as unknown as { subscriptionsSetting?: { mainSwitch?: boolean; itemSettings?: Record<string, string> } }).subscriptionsSetting;
      settings = { mainSwitch: sub?.mainSwitch !== false, items: sub?.itemSettings ?? {} };
    })
    .catch(() => undefined);
}
readSettings();

export async function askSubscription(moment: SubscribeMoment, options: { force?: boolean } = {}): Promise<void> {
  if (settings && !settings.mainSwitch) return;
  const keys = templatesToAsk(moment, options.force).filter((k) => settings?.items[templateId(k)] !== 'reject');
  if (!keys.length) return;
  try {
    const r = (await Taro.requestSubscribeMessage({ tmplIds: keys.map(templateId), entityIds: [] } as unknown as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>;
    const answers = Object.entries(r)
      .map(([id, result]) => ({ template: templateOfId(id), result }))
      .filter((a): a is { template: NonNullable<ReturnType<typeof templateOfId>>; result: 'accept' | 'reject' | 'ban' | 'filter' } => !!a.template && ['accept', 'reject', 'ban', 'filter'].includes(a.result));
    await reportAnswers(answers);
  } catch {
    // Not from a tap, or the templates are not configured: the message centre still has every notice.
  } finally {
    readSettings();
  }
}
