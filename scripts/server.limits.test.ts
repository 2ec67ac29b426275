/** The local server answers a body that is too large with a 413 the client can read, and a malformed URL with 400. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from './server';

describe('local server limits', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lmgj-limits-'));
    const h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lmgj-h5-'));
    fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>t</title>');
    server = await startServer({ port: 0, dataDir, h5Dir, quiet: true, seed: false });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers the 413 for an oversized body instead of resetting the connection', async () => {
    const body = JSON.stringify({ action: 'me', data: { blob: 'x'.repeat(4_000_000) } });
    const res = await fetch(`${server.url}/api/functions/account`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'validation', message: '提交的内容太大' } });
  });

  it('answers a malformed percent-escape in a static URL with 400, not 500', async () => {
    const res = await fetch(`${server.url}/static/%E0%A4%A`);
    expect(res.status).toBe(400);
  });
});
