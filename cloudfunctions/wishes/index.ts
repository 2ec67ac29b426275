import { cloudFunction } from '../core/entry';
import { wishesHandlers } from '../domain/wishes/handlers';

export const main = cloudFunction('wishes', wishesHandlers);
