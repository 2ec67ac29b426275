import { greencardActions } from '../../types/greencard.schema';
import { cloudFunction } from '../core/entry';
import { greencardHandlers } from '../domain/greencard/handlers';

export const main = cloudFunction('greencard', greencardActions, greencardHandlers);
