import { HONOUR_LEVEL_LABELS as SCHEMA_LEVELS } from '../../types/account.schema';
import { HONOUR_LEVEL_LABELS } from './labels';

it('repeats the schema labels exactly (the main package cannot import the schema)', () => {
  expect(HONOUR_LEVEL_LABELS).toEqual(SCHEMA_LEVELS);
});
