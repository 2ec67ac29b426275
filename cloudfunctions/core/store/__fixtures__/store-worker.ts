/**
 * A second (third …) process on one data directory, for embedded.multiprocess.test.ts:
 *
 *   node --import tsx store-worker.ts race DATA_DIR WORKER ROUNDS   waits for "go" on stdin, then races the other
 *     workers: conditional decrements of a quota, numbers from a counter, sign-ups with deterministic ids, and
 *     transactions moving units between two documents; prints one JSON line with what it won.
 *   node --import tsx store-worker.ts crash DATA_DIR                 moves units in transactions until killed,
 *     printing "committed N" after each commit (the test kills it with SIGKILL mid-way).
 */
import readline from 'node:readline';
import { EmbeddedStore } from '../embedded';
import { isStoreError } from '../port';

async function race(dataDir: string, worker: string, rounds: number): Promise<void> {
  const store = new EmbeddedStore({ dataDir });
  process.stdout.write('ready\n');
  const go = readline.createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => go.once('line', () => resolve()));
  go.close();
  const won: string[] = [];
  const numbers: number[] = [];
  const inserted: string[] = [];
  let moved = 0;
  let conflicts = 0;
  for (let i = 0; i < rounds; i++) {
    const person = `p${i}`;
    // One sign-up per person, whoever gets there first.
    try {
      await store.insert('signups', { _id: person, by: worker });
      inserted.push(person);
    } catch (e) {
      if (!isStoreError(e, 'duplicate')) throw e;
    }
    const took = await store.update('quota', { _id: 'q', left: { $gt: 0 } }, { $inc: { left: -1 } });
    if (took.matched === 1) {
      won.push(`${worker}:${i}`);
      const n = await store.updateAndGet<{ _id: string; n: number }>('counters', { _id: 'wait' }, { $inc: { n: 1 } });
      numbers.push(n!.n);
    }
    try {
      await store.transaction(async (tx) => {
        const a = await tx.get<{ _id: string; units: number }>('acct', 'a');
        const b = await tx.get<{ _id: string; units: number }>('acct', 'b');
        await tx.set('acct', { _id: 'a', units: a!.units - 1 });
        await tx.set('acct', { _id: 'b', units: b!.units + 1 });
        await tx.insert('moves', { _id: `${worker}_${i}` });
      });
      moved++;
    } catch (e) {
      if (!isStoreError(e, 'conflict')) throw e;
      conflicts++;
    }
  }
  await store.close();
  process.stdout.write(`${JSON.stringify({ worker, won, numbers, inserted, moved, conflicts })}\n`);
}

async function crash(dataDir: string): Promise<void> {
  const store = new EmbeddedStore({ dataDir });
  for (let i = 0; ; i++) {
    await store.transaction(async (tx) => {
      const a = await tx.get<{ _id: string; units: number }>('acct', 'a');
      const b = await tx.get<{ _id: string; units: number }>('acct', 'b');
      await tx.set('acct', { _id: 'a', units: a!.units - 1 });
      await tx.insert('moves', { _id: `m${i}`, pad: 'x'.repeat(2000) });
      await tx.set('acct', { _id: 'b', units: b!.units + 1 });
    });
    process.stdout.write(`committed ${i + 1}\n`);
  }
}

const [mode, dataDir, worker, rounds] = process.argv.slice(2);
(mode === 'race' ? race(dataDir, worker, Number(rounds)) : crash(dataDir)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
