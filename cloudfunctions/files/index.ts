import { cloudFunction } from '../core/entry';
import { filesHandlers } from '../domain/files/handlers';

export const main = cloudFunction('files', filesHandlers);
