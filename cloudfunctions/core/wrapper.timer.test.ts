/** CloudBase timer triggers reach only the actions the registry marks with `timer`, and carry no caller. */
import { FUNCTIONS } from '../functions';
import { createTestEnv } from '../testing/harness';

describe('timer trigger events', () => {
  it('run the action named by the trigger, as nobody', async () => {
    const env = await createTestEnv();
    const r = await FUNCTIONS.trips({ Type: 'Timer', TriggerName: 'expireOffers', Time: '2026-06-01T02:10:00Z', Message: '' }, {});
    expect(r).toMatchObject({ ok: true, data: { expired: expect.any(Number), offered: expect.any(Number) } });
    expect(env.logs.at(-1)).toMatchObject({ fn: 'trips', action: 'expireOffers', role: 'anonymous', code: 'ok' });
  });

  it('cannot reach an action that is not meant for a timer', async () => {
    await createTestEnv();
    const r = await FUNCTIONS.account({ Type: 'Timer', TriggerName: 'listOrgs', Time: '2026-06-01T02:10:00Z' }, {});
    expect(r).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const unknown = await FUNCTIONS.account({ Type: 'Timer', TriggerName: 'dropEverything' }, {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});
