import { accountActions } from '../../types/account.schema';
import { cloudFunction } from '../core/entry';
import { accountHandlers } from '../domain/account/handlers';

export const main = cloudFunction('account', accountActions, accountHandlers);
