/**
 * The emulator's own behaviour on the raw wire (the SDK's shapes, sent with fetch): aggregation, CloudBase-shaped
 * errors, the transaction quirks it reproduces, and persistence on a data directory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EJSON } from 'bson';
import { EmbeddedStore } from '../../cloudfunctions/core/store/embedded';
import { type Emulator, startEmulator } from './index';

const ej = (v: unknown) => EJSON.stringify(v as Record<string, unknown>, { relaxed: false });

let emu: Emulator;

async function call(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${emu.url}?env=test&seqId=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ envName: 'test', ...body }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

function list(reply: Record<string, unknown>): unknown[] {
  const data = reply.data as { list: string[] };
  return data.list.map((s) => EJSON.parse(s));
}

beforeEach(async () => {
  emu = await startEmulator({ port: 0 });
  for (const [i, city] of ['hz', 'nb', 'hz', 'wz', 'hz'].entries()) {
    await emu.store.insert('people', { _id: `p${i}`, city, age: 20 + i });
  }
});

afterEach(() => emu.close());

describe('emulator', () => {
  it('answers every request with a requestId', async () => {
    const reply = await call({ action: 'database.calculateDocument', collectionName: 'people', query: ej({ city: 'hz' }), queryType: 'WHERE' });
    expect(reply).toEqual({ data: { total: 3 }, requestId: expect.any(String) });
  });

  it('aggregates with $match $group $sort $skip $limit', async () => {
    const reply = await call({
      action: 'database.aggregateDocuments',
      collectionName: 'people',
      stages: [
        { stageKey: '$match', stageValue: ej({ age: { $gte: 21 } }) },
        { stageKey: '$group', stageValue: ej({ _id: '$city', n: { $sum: 1 }, total: { $sum: '$age' } }) },
        { stageKey: '$sort', stageValue: ej({ n: -1, _id: 1 }) },
        { stageKey: '$skip', stageValue: '0' },
        { stageKey: '$limit', stageValue: '2' },
      ],
    });
    expect(list(reply)).toEqual([{ _id: 'hz', n: 2, total: 46 }, { _id: 'nb', n: 1, total: 21 }]);
    const counted = await call({
      action: 'database.aggregateDocuments',
      collectionName: 'people',
      stages: [{ stageKey: '$match', stageValue: ej({ city: 'hz' }) }, { stageKey: '$count', stageValue: '"n"' }],
    });
    expect(list(counted)).toEqual([{ n: 3 }]);
  });

  it('refuses unsupported stages, actions and operators with CloudBase-shaped errors', async () => {
    const lookup = await call({ action: 'database.aggregateDocuments', collectionName: 'people', stages: [{ stageKey: '$lookup', stageValue: ej({ from: 'x' }) }] });
    expect(lookup).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('$lookup'), requestId: expect.any(String) });
    expect(await call({ action: 'database.somethingElse' })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await call({ action: 'database.getDocument', collectionName: 'people', query: '{not ejson', queryType: 'WHERE' })).toMatchObject({ code: 'INVALID_PARAM' });
    const badUpdate = await call({ action: 'database.modifyDocument', collectionName: 'people', query: ej({ _id: 'p0' }), queryType: 'WHERE', data: ej({ $rename: { a: 'b' } }), merge: true, multi: false });
    expect(badUpdate).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
  });

  it('reports a duplicate key as DATABASE_DUPLICATE_WRITE', async () => {
    const reply = await call({ action: 'database.insertDocument', collectionName: 'people', data: [ej({ _id: 'p0', city: 'x' })] });
    expect(reply).toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE', message: expect.stringContaining('E11000') });
  });

  it('runs document operations inside a transaction and a where-update outside it, as CloudBase does', async () => {
    const started = await call({ action: 'database.startTransaction' });
    const transactionId = started.transactionId as string;
    expect(typeof transactionId).toBe('string');
    await call({ action: 'database.modifyDocument', collectionName: 'people', transactionId, query: ej({ _id: 'p0' }), queryType: 'DOC', data: ej({ $set: { tx: true } }), merge: true, multi: false, upsert: false });
    await call({ action: 'database.modifyDocument', collectionName: 'people', transactionId, query: ej({ _id: 'p1' }), queryType: 'WHERE', data: ej({ $set: { outside: true } }), merge: true, multi: true, upsert: false });
    expect(await emu.store.get('people', 'p0')).not.toHaveProperty('tx');
    expect(await emu.store.get('people', 'p1')).toHaveProperty('outside', true);
    const inside = await call({ action: 'database.getDocument', collectionName: 'people', transactionId, query: ej({ _id: 'p0' }), queryType: 'DOC', multi: false });
    expect(list(inside)).toEqual([{ _id: 'p0', city: 'hz', age: 20, tx: true }]);
    expect(await call({ action: 'database.abortTransaction', transactionId })).toEqual({ requestId: expect.any(String) });
    expect(await emu.store.get('people', 'p0')).not.toHaveProperty('tx');
    expect(await call({ action: 'database.commitTransaction', transactionId })).toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
  });

  it('answers a conflicting commit with DATABASE_TRANSACTION_CONFLICT', async () => {
    const t1 = (await call({ action: 'database.startTransaction' })).transactionId as string;
    await call({ action: 'database.getDocument', collectionName: 'people', transactionId: t1, query: ej({ _id: 'p0' }), queryType: 'DOC', multi: false });
    await call({ action: 'database.modifyDocument', collectionName: 'people', transactionId: t1, query: ej({ _id: 'p0' }), queryType: 'DOC', data: ej({ age: 99 }), merge: false, multi: false, upsert: true });
    await emu.store.update('people', { _id: 'p0' }, { $inc: { age: 1 } });
    expect(await call({ action: 'database.commitTransaction', transactionId: t1 })).toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(await emu.store.get('people', 'p0')).toEqual({ _id: 'p0', city: 'hz', age: 21 });
  });
});

describe('emulator on a data directory', () => {
  it('keeps the data across restarts', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-'));
    try {
      const first = await startEmulator({ port: 0, store: new EmbeddedStore({ dataDir }) });
      await fetch(first.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'database.insertDocument', collectionName: 'kept', data: [ej({ _id: 'k', v: 1 })] }) });
      await first.close();
      const second = await startEmulator({ port: 0, store: new EmbeddedStore({ dataDir }) });
      expect(await second.store.get('kept', 'k')).toEqual({ _id: 'k', v: 1 });
      await second.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
