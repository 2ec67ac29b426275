/**
 * Asking for WeChat subscribe messages at the moment it matters (ADR 0014). Declared here for TypeScript; Taro
 * resolves `./subscribe` to subscribe.weapp.ts (wx.requestSubscribeMessage, which only works from a tap) or
 * subscribe.h5.ts (the local demo: the person is taken to accept, so the local outbox shows what WeChat would get).
 *
 * Call it FIRST in the handler of the tap that starts the action (before any await that is not it), and do not wait
 * for it to finish before the action: `const asked = askSubscription('trip_signup'); const r = await signUp.run(…);
 * await asked;`. It never throws and never nags: templates the person refused (in WeChat's settings, in an earlier
 * prompt, or by WeChat's 43101) are not asked for again; accepted ones are reported to the notices function, which
 * counts one send per acceptance.
 */
import type { SubscribeMoment } from '../../types/notice-templates';

export type { SubscribeMoment } from '../../types/notice-templates';

/** Asks for the moment's templates (those not refused); resolves once the answer is reported. */
export declare function askSubscription(moment: SubscribeMoment, options?: { force?: boolean }): Promise<void>;
