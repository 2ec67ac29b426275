/**
 * `npm start`: builds the H5 app if it is missing, seeds demo data into a store that was never seeded (marker
 * system/seed), and serves the app and every cloud function on 127.0.0.1:PORT (default 8080). Exits non-zero
 * when the database is damaged, missing or not this data directory's (it never starts over on its own).
 * Environment: PORT, DATA_DIR (default .data), STORE_ADAPTER=embedded|emulator, HOST (default 127.0.0.1),
 * STORE_SYNCHRONOUS=FULL|NORMAL (default FULL).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { EmbeddedStore } from '../cloudfunctions/core/store/embedded';
import { StoreError } from '../cloudfunctions/core/store/port';
import { startServer } from './server';
import { DEMO_PEOPLE } from './seed/demo-people';

const root = path.resolve(__dirname, '..');
const h5Dir = path.join(root, 'dist', 'h5');

function buildIfMissing(): void {
  if (fs.existsSync(path.join(h5Dir, 'index.html')) && process.env.REBUILD !== '1') return;
  console.log('正在构建 H5 应用（首次启动约需一两分钟）…');
  const r = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('H5 构建失败，请查看上面的错误信息。');
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR ?? path.join(root, '.data');
  // Open the store before anything else: a damaged, missing or foreign database stops the start here.
  await new EmbeddedStore({ dataDir }).close();
  buildIfMissing();
  const adapter = process.env.STORE_ADAPTER === 'emulator' ? 'emulator' : 'embedded';
  const server = await startServer({
    port: Number(process.env.PORT ?? 8080),
    host: process.env.HOST ?? '127.0.0.1',
    dataDir,
    h5Dir,
    adapter,
  });
  console.log(`\n劳模工匠之家 本地服务已启动：${server.url}`);
  console.log(`数据：${server.describe}${server.seeded ? '（已写入演示数据）' : ''}`);
  console.log('演示用户（在“我的”页切换，或请求头 X-Demo-OpenId）：');
  for (const p of DEMO_PEOPLE) console.log(`  ${p.openid.padEnd(24)} ${p.name || '—'}  ${p.label}`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  // A damaged, missing or foreign database (and other store errors) already say what to do, in Chinese and English.
  if (e instanceof StoreError) console.error(`\n无法启动 / cannot start:\n${e.message}`);
  else console.error(e);
  process.exit(1);
});
