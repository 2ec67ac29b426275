import { filesActions } from '../../types/files.schema';
import { cloudFunction } from '../core/entry';
import { filesHandlers } from '../domain/files/handlers';

export const main = cloudFunction('files', filesActions, filesHandlers);
