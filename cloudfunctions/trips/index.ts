import { tripsActions } from '../../types/trips.schema';
import { cloudFunction } from '../core/entry';
import { tripsHandlers } from '../domain/trips/handlers';

export const main = cloudFunction('trips', tripsActions, tripsHandlers);
