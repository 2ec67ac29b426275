import fs from 'node:fs';
import { FUNCTION_NAMES } from '../types/registry';
import { CLOUDBASERC, type CloudbaseRc, deployableFunctions, expectedCloudbaserc, renderCloudbaserc, secretNamesFor } from './deploy-config';

describe('cloudbaserc.json', () => {
  const rc = JSON.parse(fs.readFileSync(CLOUDBASERC, 'utf8')) as CloudbaseRc;

  it('lists every deployable registry function (regenerate: tsx scripts/deploy-config.ts --write)', () => {
    const listed = rc.functions.map((f) => f.name);
    for (const name of deployableFunctions()) expect(listed).toContain(name);
    expect(deployableFunctions().length).toBeGreaterThan(0);
    for (const name of listed) expect(FUNCTION_NAMES).toContain(name);
  });

  it('is exactly what the generator writes', () => {
    expect(fs.readFileSync(CLOUDBASERC, 'utf8')).toBe(renderCloudbaserc(expectedCloudbaserc()));
  });

  it('carries secrets only as {{env.X}} placeholders', () => {
    for (const f of rc.functions) {
      expect(f).toMatchObject({ runtime: 'Nodejs18.15', handler: 'index.main', installDependency: true });
      expect(f.envVariables.ID_HASH_KEY).toBe('{{env.ID_HASH_KEY}}');
      for (const [k, v] of Object.entries(f.envVariables)) expect(v).toBe(`{{env.${k}}}`);
    }
    expect(rc.envId).toBe('{{env.TCB_ENV_ID}}');
  });

  it('gives a feature secret only to its own function', () => {
    const fns = ['account', 'greencard', 'trips'];
    const names = ['ID_HASH_KEY', 'SECRET_GREENCARD_SIGNING_KEYS', 'SECRET_SHARED_TOKEN'];
    expect(secretNamesFor('greencard', fns, names)).toEqual(['ID_HASH_KEY', 'SECRET_GREENCARD_SIGNING_KEYS', 'SECRET_SHARED_TOKEN']);
    expect(secretNamesFor('account', fns, names)).toEqual(['ID_HASH_KEY', 'SECRET_SHARED_TOKEN']);
  });

  it('has a timer trigger, named after its action, for every action the registry runs on a timer', () => {
    const trips = rc.functions.find((f) => f.name === 'trips')!;
    expect(trips.triggers).toEqual([
      { name: 'expireOffers', type: 'timer', config: '0 */10 * * * * *' },
      { name: 'remind', type: 'timer', config: '0 0 * * * * *' },
      { name: 'recover', type: 'timer', config: '0 */5 * * * * *' },
    ]);
    // The sender runs every minute.
    expect(rc.functions.find((f) => f.name === 'notices')!.triggers).toEqual([{ name: 'send', type: 'timer', config: '0 * * * * * *' }]);
    for (const f of rc.functions) for (const t of f.triggers ?? []) expect(t.config.split(' ')).toHaveLength(7);
  });
});
