/** The file service on the local server: a ticket by purpose, the upload checked by token, size and real content, signed expiring links. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FILES, type FileDoc, signLink } from '../cloudfunctions/core/files';
import { FILE_LINK_SECRET } from '../cloudfunctions/core/platform/local-files';
import { loadLocalSecrets } from './local-secrets';
import { startServer } from './server';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);

describe('local file service', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let dataDir: string;
  const call = async (action: string, data: unknown, as = 'demo-worker') => {
    const res = await fetch(`${server.url}/api/functions/files`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-demo-openid': as }, body: JSON.stringify({ action, data }) });
    return res.json() as Promise<{ ok: boolean; data?: { fileId: string; url: string | null; kind: string }; error?: { code: string } }>;
  };
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lmgj-files-'));
    server = await startServer({ port: 0, dataDir, quiet: true });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('takes an upload for its purpose, checks it, and serves it only through a signed link that expires', async () => {
    const ticket = await call('startUpload', { purpose: 'wish_photo', name: '洗衣机.png', mime: 'image/png', size: PNG.length });
    expect(ticket).toMatchObject({ ok: true, data: { kind: 'local' } });
    const url = `${server.url}${ticket.data!.url}`;
    expect((await fetch(url.replace(/t=[0-9a-f]+/, 't=wrong'), { method: 'PUT', body: PNG })).status).toBe(403);
    expect((await fetch(url, { method: 'PUT', body: Buffer.from('%PDF-1.4 not an image') })).status).toBe(415);
    expect((await fetch(url, { method: 'PUT', body: PNG })).status).toBe(200);
    expect((await server.store.get<FileDoc>(FILES, ticket.data!.fileId))).toMatchObject({ status: 'uploaded', size: PNG.length });

    const key = loadLocalSecrets(dataDir)[FILE_LINK_SECRET]!;
    const id = ticket.data!.fileId;
    const soon = Date.now() + 60_000;
    const ok = await fetch(`${server.url}/api/files/${id}?e=${soon}&s=${signLink(key, id, soon)}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await ok.arrayBuffer()).equals(PNG)).toBe(true);
    const past = Date.now() - 1000;
    expect((await fetch(`${server.url}/api/files/${id}?e=${past}&s=${signLink(key, id, past)}`)).status).toBe(403);
    expect((await fetch(`${server.url}/api/files/${id}?e=${soon}&s=forged`)).status).toBe(403);
  });

  it('refuses a type or size the purpose does not allow before anything is uploaded', async () => {
    expect(await call('startUpload', { purpose: 'wish_photo', name: 'a.pdf', mime: 'application/pdf', size: 100 })).toMatchObject({ ok: false, error: { code: 'files.bad_type' } });
    expect(await call('startUpload', { purpose: 'wish_photo', name: 'a.jpg', mime: 'image/jpeg', size: 9 * 1024 * 1024 })).toMatchObject({ ok: false, error: { code: 'files.too_large' } });
  });
});
