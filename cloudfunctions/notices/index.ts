import { noticesActions } from '../../types/notices.schema';
import { cloudFunction } from '../core/entry';
import { noticesHandlers } from '../domain/notices/handlers';

export const main = cloudFunction('notices', noticesActions, noticesHandlers);
