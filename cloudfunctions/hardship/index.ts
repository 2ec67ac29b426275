import { hardshipActions } from '../../types/hardship.schema';
import { cloudFunction } from '../core/entry';
import { hardshipHandlers } from '../domain/hardship/handlers';

export const main = cloudFunction('hardship', hardshipActions, hardshipHandlers);
