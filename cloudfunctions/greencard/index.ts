import { cloudFunction } from '../core/entry';
import { greencardHandlers } from '../domain/greencard/handlers';

export const main = cloudFunction('greencard', greencardHandlers);
