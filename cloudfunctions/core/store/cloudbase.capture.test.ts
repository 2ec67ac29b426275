/**
 * Records the exact requests the pinned @cloudbase/node-sdk sends for every CloudbaseStore operation and compares
 * them with the committed fixture `__fixtures__/cloudbase-wire.json`. An SDK upgrade that changes the wire (action
 * names, parameters, EJSON encoding, versions in headers) fails here with a readable diff.
 *
 * After reviewing such a change (and checking the emulator still answers it): `UPDATE_WIRE_FIXTURE=1 npx jest
 * cloudfunctions/core/store/cloudbase.capture.test.ts` rewrites the fixture.
 */
import fs from 'node:fs';
import path from 'node:path';
import { keepSdkOffline, type RecordedRequest, startEmulator } from '../../../scripts/emulator';
import { CloudbaseStore } from './cloudbase';
import { EmbeddedStore } from './embedded';
import type { Store } from './port';

keepSdkOffline();

const FIXTURE = path.join(__dirname, '__fixtures__', 'cloudbase-wire.json');

/** Body fields that change on every call or carry credentials. */
const VOLATILE = new Set(['seqId', 'requestId', 'timestamp']);
const HEADERS = ['content-type', 'user-agent', 'x-sdk-version'];

interface WireRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  signed: boolean;
  body: Record<string, unknown>;
}

function normalise(r: RecordedRequest, txIds: Map<string, string>): WireRecord {
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(r.body).sort()) {
    if (VOLATILE.has(key)) continue;
    let value = r.body[key];
    if (key === 'transactionId' && typeof value === 'string') {
      if (!txIds.has(value)) txIds.set(value, `<tx${txIds.size + 1}>`);
      value = txIds.get(value);
    }
    body[key] = value;
  }
  const headers: Record<string, string> = {};
  for (const h of HEADERS) headers[h] = String(r.headers[h] ?? '');
  const query = Object.fromEntries(Object.entries(r.query).filter(([k]) => k !== 'seqId').sort());
  return { method: r.method, path: r.path, query, headers, signed: typeof r.headers.authorization === 'string' && r.headers.authorization.length > 0, body };
}

describe('CloudbaseStore wire capture', () => {
  it('sends exactly the recorded requests for every operation', async () => {
    const recorded: RecordedRequest[] = [];
    const emulator = await startEmulator({ port: 0, store: new EmbeddedStore(), onRequest: (r) => recorded.push(r) });
    const store: Store = new CloudbaseStore({ env: 'capture-env', secretId: 'capture-id', secretKey: 'capture-key', serviceUrl: emulator.url });
    const steps: { op: string; requests: WireRecord[] }[] = [];
    const txIds = new Map<string, string>();
    /** `unordered`: the adapter sends these requests in parallel, so only the set of requests is compared. */
    const step = async (op: string, run: () => Promise<unknown>, unordered = false) => {
      const from = recorded.length;
      await run();
      const requests = recorded.slice(from).map((r) => normalise(r, txIds));
      if (unordered) requests.sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
      steps.push({ op, requests });
    };
    try {
      await step('insert', () => store.insert('items', { _id: 'a', n: 1, s: 'x', nested: { k: [1, 'two'] }, f: 1.5, empty: {} }));
      await store.insert('items', { _id: 'b', n: 2, s: 'y' });
      await step('get', () => store.get('items', 'a'));
      await step('find (every operator, sort, skip, limit, projection)', () => store.find('items', {
        s: 'x', 'nested.k': 1, obj: { a: 1 },
        n: { $gt: 0, $lte: 5 }, m: { $gte: 1, $lt: 9 }, q: { $ne: 'z' }, e: { $eq: 3 },
        t: { $in: ['x', 'y'] }, u: { $nin: [1] }, v: { $exists: false },
        $or: [{ s: 'x' }, { $and: [{ n: 2 }, { s: 'y' }] }],
      }, { sort: { n: -1, s: 1 }, skip: 5, limit: 20, projection: { s: 1, 'nested.k': 1 } }));
      await step('find (defaults)', () => store.find('items', {}));
      await step('find (limit above the cap)', () => store.find('items', { n: 1 }, { limit: 5000 }));
      await step('count', () => store.count('items', { n: { $gte: 1 } }));
      await step('set', () => store.set('items', { _id: 'a', n: 10 }));
      await step('update one', () => store.update('items', { _id: 'a', n: { $gt: 0 } }, {
        $set: { s: 'z', 'deep.path': { x: 1 } }, $unset: { f: true }, $inc: { n: -1 }, $push: { log: 'e1' },
      }));
      await step('update one ($pull)', () => store.update('items', { _id: 'a' }, { $pull: { log: 'e1' } }));
      await step('update multi', () => store.update('items', { n: { $gte: 1 } }, { $inc: { n: 1 } }, { multi: true }), true);
      await step('remove one', () => store.remove('items', { s: 'nothing' }));
      await step('remove multi', () => store.remove('items', { n: { $gt: 100 } }, { multi: true }));
      await step('transaction (commit)', () => store.transaction(async (tx) => {
        await tx.get('items', 'a');
        await tx.insert('items', { _id: 'c', n: 3 });
        await tx.set('items', { _id: 'd', n: 4 });
        await tx.update('items', 'a', { $inc: { n: 1 } });
        await tx.remove('items', 'b');
      }));
      await step('transaction (rollback)', () => store.transaction(async (tx) => {
        await tx.set('items', { _id: 'e', n: 5 });
        throw new Error('rolled back');
      }).catch(() => undefined));
    } finally {
      await emulator.close();
    }

    const actual = { sdk: '@cloudbase/node-sdk 3.18.3', steps };
    if (process.env.UPDATE_WIRE_FIXTURE === '1') {
      fs.mkdirSync(path.dirname(FIXTURE), { recursive: true });
      fs.writeFileSync(FIXTURE, JSON.stringify(actual, null, 2) + '\n');
    }
    const expected: unknown = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
    expect(actual).toEqual(expected);
  });
});
