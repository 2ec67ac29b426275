/**
 * The desk's answer, built in one place from whatever decided it: the function (online), a refusal by the
 * function, or the page's own offline check. Each note appears once: the repeat note only when the message does
 * not already say it, the upload note only for a visit actually queued offline. Pure, so it is unit-tested.
 */
import type { PartnerHospital, Priority, VerifyOutput } from '../../../types/greencard.schema';
import { VERDICT_MESSAGES, VERDICT_TITLES, type OfflineResult, type Verdict } from '../../../types/greencard.code';

export type Tone = 'green' | 'red' | 'amber';

export interface Answer {
  verdict: Verdict;
  tone: Tone;
  title: string;
  message: string;
  /** Further lines under the message. */
  notes: string[];
  card: { cardNo: string; nameMasked: string; honourTitle: string; birthYear: number } | null;
  priorities: Priority[];
  offline: boolean;
}

export type AnswerSource =
  | { kind: 'online'; data: VerifyOutput }
  | { kind: 'refused'; message: string }
  | { kind: 'offline-no-list' }
  | { kind: 'offline-short-code' }
  | { kind: 'offline'; result: OfflineResult; hospital: Pick<PartnerHospital, 'priorities'>; queued: boolean; repeat: boolean };

export const REPEAT_NOTE = '这个码刚才已核验过，不重复记录就诊。';
export const QUEUED_NOTE = '离线核验：联网后自动上传就诊记录。';
export const OFFLINE_NOTE = '离线核验（按本机上次同步的名单）。';

function toneOf(verdict: Verdict): Tone {
  if (verdict === 'valid') return 'green';
  return verdict === 'unknown_card' ? 'amber' : 'red';
}

/** The server may already say the code was checked before; never say it twice. */
function repeatNote(message: string, repeat: boolean): string[] {
  return repeat && !message.includes('已核验过') ? [REPEAT_NOTE] : [];
}

export function answerOf(source: AnswerSource): Answer {
  const blank = { card: null, priorities: [] as Priority[], notes: [] as string[] };
  switch (source.kind) {
    case 'online': {
      const d = source.data;
      return { ...blank, verdict: d.verdict, tone: toneOf(d.verdict), title: d.title, message: d.message, notes: repeatNote(d.message, d.repeat), card: d.card, priorities: d.priorities, offline: false };
    }
    case 'refused':
      return { ...blank, verdict: 'unknown_card', tone: 'amber', title: '无法核验', message: source.message, offline: false };
    case 'offline-no-list':
      return { ...blank, verdict: 'unknown_card', tone: 'amber', title: '没有网络，无法核验', message: '本机还没有同步过核验名单。请联网后打开本页一次，之后没有网络也能核验。', offline: true };
    case 'offline-short-code':
      return { ...blank, verdict: 'unknown_card', tone: 'amber', title: '短码需要联网', message: '没有网络时不能核验短码。请扫描二维码，或让持卡人在绿通卡页面复制长码后粘贴到这里。', offline: true };
    case 'offline': {
      const { result, hospital, queued, repeat } = source;
      const valid = result.verdict === 'valid';
      const message =
        result.verdict === 'unknown_card' ? '本机名单里没有这张卡：可能是本院不受理的卡，或上次同步后新办的卡。请联网后再核验。' : VERDICT_MESSAGES[result.verdict];
      const notes = [...repeatNote(message, repeat), valid && queued && !repeat ? QUEUED_NOTE : OFFLINE_NOTE];
      const c = result.card;
      return {
        verdict: result.verdict,
        tone: toneOf(result.verdict),
        title: VERDICT_TITLES[result.verdict],
        message,
        notes,
        card: c ? { cardNo: c.cardNo, nameMasked: c.nameMasked, honourTitle: c.honourTitle, birthYear: c.birthYear } : null,
        priorities: valid ? hospital.priorities : [],
        offline: true,
      };
    }
  }
}

/** What to say when 核验 is pressed with nothing in the box: there is no scan button on H5. */
export function emptyInputMessage(canScan: boolean): string {
  return canScan ? '请先扫码，或在框里输入 10 位短码' : '请先在框里输入 10 位短码，或粘贴二维码内容';
}
