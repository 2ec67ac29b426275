/**
 * H5 (the local demo): there is no WeChat to ask, so the person is taken to accept what the moment asks for — the
 * notices then also land in the local "WeChat" outbox, shown in the message centre.
 */
import { reportAnswers, templatesToAsk } from './subscribe-core';
import type { SubscribeMoment } from './subscribe';

export type { SubscribeMoment } from './subscribe';

export async function askSubscription(moment: SubscribeMoment, options: { force?: boolean } = {}): Promise<void> {
  await reportAnswers(templatesToAsk(moment, options.force).map((template) => ({ template, result: 'accept' as const })));
}
