import { staffActions } from '../../types/staff.schema';
import { cloudFunction } from '../core/entry';
import { staffHandlers } from '../domain/staff/handlers';

export const main = cloudFunction('staff', staffActions, staffHandlers);
