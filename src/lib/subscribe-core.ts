/** What both platforms' subscription prompts share: which templates to ask for, and reporting the answer. */
import Taro from '@tarojs/taro';
import { SUBSCRIBE_MOMENTS, SUBSCRIBE_TEMPLATES, TEMPLATE_KEYS, type SubscribeMoment, type TemplateKey } from '../../types/notice-templates';
import { call } from '../services/cloud';

type Answer = 'accept' | 'reject' | 'ban' | 'filter';

/** Templates this device saw the person refuse, and when (a refusal is respected for 90 days unless they ask). */
const REFUSED_KEY = 'subscribe:refused';
const QUIET_MS = 90 * 86_400_000;

function refusedHere(): Record<string, number> {
  try {
    const v = Taro.getStorageSync(REFUSED_KEY) as Record<string, number> | '';
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

export function rememberRefusals(keys: readonly TemplateKey[]): void {
  if (!keys.length) return;
  const now = Date.now();
  const next = { ...refusedHere() };
  for (const k of keys) next[k] = now;
  try {
    Taro.setStorageSync(REFUSED_KEY, next);
  } catch {
    // Storage full or unavailable: the server remembers 43101 refusals anyway.
  }
}

/** The moment's templates minus those refused on this device recently (all of them when `force`). */
export function templatesToAsk(moment: SubscribeMoment, force = false): TemplateKey[] {
  const refused = refusedHere();
  const now = Date.now();
  return SUBSCRIBE_MOMENTS[moment].filter((k) => force || !(refused[k] && now - refused[k] < QUIET_MS));
}

export const templateId = (k: TemplateKey) => SUBSCRIBE_TEMPLATES[k].id;
export const templateOfId = (id: string): TemplateKey | undefined => TEMPLATE_KEYS.find((k) => SUBSCRIBE_TEMPLATES[k].id === id);

/** Reports the answers (accepted ones add a send each on the server); failures are quiet. */
export async function reportAnswers(answers: { template: TemplateKey; result: Answer }[]): Promise<void> {
  if (!answers.length) return;
  rememberRefusals(answers.filter((a) => a.result === 'reject' || a.result === 'ban').map((a) => a.template));
  const accepted = answers.filter((a) => a.result !== 'filter');
  if (!accepted.length) return;
  await call('notices', 'reportSubscriptions', { results: accepted.slice(0, 3) }).catch(() => undefined);
}
