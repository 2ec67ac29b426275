import { wishesActions } from '../../types/wishes.schema';
import { cloudFunction } from '../core/entry';
import { wishesHandlers } from '../domain/wishes/handlers';

export const main = cloudFunction('wishes', wishesActions, wishesHandlers);
