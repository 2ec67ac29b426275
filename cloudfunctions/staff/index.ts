import { cloudFunction } from '../core/entry';
import { staffHandlers } from '../domain/staff/handlers';

export const main = cloudFunction('staff', staffHandlers);
