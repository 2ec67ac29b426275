import { StoreError } from './port';
import { sdkErrorCode, toStoreError } from './cloudbase';

describe('CloudBase error mapping', () => {
  const cases: [unknown, StoreError['kind']][] = [
    [{ code: 'DATABASE_DUPLICATE_WRITE', message: 'dup' }, 'duplicate'],
    [{ code: 'DATABASE_REQUEST_FAILED', message: 'E11000 duplicate key error collection: users index: openid_unique' }, 'duplicate'],
    [{ code: 'DATABASE_REQUEST_FAILED', message: 'WriteConflict error: this operation conflicted with another operation' }, 'conflict'],
    [{ code: 'DATABASE_REQUEST_FAILED', message: 'Cannot apply $inc to a value of non-numeric type' }, 'invalid'],
    [new Error('E11000 duplicate key error'), 'duplicate'],
    [{ code: 'DATABASE_TRANSACTION_CONFLICT', message: 'conflict' }, 'conflict'],
    [{ code: 'INVALID_PARAM', message: 'bad' }, 'invalid'],
    [{ code: 'DATABASE_COLLECTION_NOT_EXIST', message: 'no such collection' }, 'not_found'],
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'unavailable'],
    [{ code: 502, message: '502 Bad Gateway' }, 'unavailable'],
    ['weird', 'unavailable'],
  ];
  it.each(cases)('%j → %s', (input, kind) => {
    expect(toStoreError(input).kind).toBe(kind);
  });

  it('keeps StoreErrors and reads codes', () => {
    const e = new StoreError('conflict', 'x');
    expect(toStoreError(e)).toBe(e);
    expect(sdkErrorCode({ code: 'X' })).toBe('X');
    expect(sdkErrorCode({ code: 404 })).toBe('404');
    expect(sdkErrorCode(null)).toBeNull();
  });
});
