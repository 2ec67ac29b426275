/**
 * One local server in its own process, for scripts/server.store.test.ts: `node --import tsx server-worker.ts DATA_DIR`
 * prints `{"url":…,"seeded":…}` once listening (or `{"error":…}`), and closes when its stdin ends.
 */
import { startServer } from '../server';

startServer({ port: 0, dataDir: process.argv[2], quiet: true }).then((server) => {
  process.stdout.write(`${JSON.stringify({ url: server.url, seeded: server.seeded })}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => {
    server.close().then(() => process.exit(0), () => process.exit(1));
  });
}, (e: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: e instanceof Error ? e.message : String(e) })}\n`);
  process.exit(1);
});
