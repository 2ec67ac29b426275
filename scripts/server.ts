/**
 * The local server: the H5 app at `/`, every cloud function at `POST /api/functions/<name>` (body: the
 * production event; response: the function's Result), the catalog at `GET /api/functions`, and the demo
 * users at `GET /api/demo-users`. Local identity: the `X-Demo-OpenId` header (absent = anonymous).
 * Binds 127.0.0.1.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { FUNCTIONS } from '../cloudfunctions/functions';
import { localRuntime } from '../cloudfunctions/core/platform/local';
import { FILE_LINK_SECRET, localFileStorage } from '../cloudfunctions/core/platform/local-files';
import { FILES, type FileDoc, checkLocalUpload, markUploaded, verifyLink } from '../cloudfunctions/core/files';
import { FILE_RULES } from '../types/files.schema';
import { setRuntime } from '../cloudfunctions/core/runtime';
import { consoleSink, silentSink } from '../cloudfunctions/core/log';
import type { FunctionName } from '../types/registry';
import { fail } from '../types/result';
import { buildCatalog } from './catalog';
import { DEMO_PEOPLE } from './seed/demo-people';
import { seedDemoOnce } from './seed';
import { loadLocalSecrets } from './local-secrets';
import { createLocalStore, type LocalAdapter } from './local-store';

export interface ServerOptions {
  port?: number;
  host?: string;
  dataDir: string;
  h5Dir?: string;
  adapter?: LocalAdapter;
  seed?: boolean;
  quiet?: boolean;
  /** Fixed clock for tests and demos (ISO instant); default: the real time. */
  now?: () => Date;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

const MAX_BODY = 3_500_000;
/** The largest file any purpose accepts (types/files.schema.ts FILE_RULES). */
const MAX_FILE_BYTES = Math.max(...Object.values(FILE_RULES).map((r) => r.maxBytes));

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return readBytes(req, MAX_BODY).then((b) => (b === null ? null : b.toString('utf8')));
}

/** The whole body, or null when it is larger than `limit` (read to the end and dropped, so the answer arrives). */
function readBytes(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      if (tooLarge) return; // read to the end and drop it: answering mid-upload would reset the connection
      size += c.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function serveStatic(h5Dir: string | undefined, urlPath: string, res: http.ServerResponse): void {
  if (!h5Dir || !fs.existsSync(path.join(h5Dir, 'index.html'))) {
    res.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><meta charset="utf-8"><p style="font-size:20px">H5 应用尚未构建，请运行 <code>npm run build:h5</code> 后刷新。</p>');
    return;
  }
  let clean: string;
  try {
    clean = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('地址格式不正确');
    return;
  }
  let file = path.normalize(path.join(h5Dir, clean));
  if (!file.startsWith(path.resolve(h5Dir))) file = path.join(h5Dir, 'index.html');
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(h5Dir, 'index.html');
  const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const cache = file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600';
  res.writeHead(200, { 'content-type': type, 'cache-control': cache });
  fs.createReadStream(file).pipe(res);
}

export async function startServer(options: ServerOptions) {
  const host = options.host ?? '127.0.0.1';
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const secrets = loadLocalSecrets(dataDir);
  const local = await createLocalStore({ dataDir, adapter: options.adapter ?? 'embedded' });
  const now = options.now ?? (() => new Date());
  const filesDir = path.join(dataDir, 'files');
  fs.mkdirSync(filesDir, { recursive: true });
  const linkKey = secrets[FILE_LINK_SECRET] ?? secrets.idHashKey;
  const files = localFileStorage({ dir: filesDir, linkKey, now });
  const runtime = localRuntime({ store: local.store, secrets, now, log: options.quiet ? silentSink : consoleSink, files });
  setRuntime(runtime);
  let seeded: boolean;
  try {
    seeded = options.seed !== false && (await seedDemoOnce(local.store, secrets, now()));
  } catch (e) {
    await local.close();
    throw e;
  }
  const catalog = buildCatalog();
  const demoUsers = DEMO_PEOPLE.map((p) => ({ openid: p.openid, name: p.name || '（未登记）', label: p.label, roles: p.roles }));

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      if (url.pathname === '/api/functions' && req.method === 'GET') return send(res, 200, catalog);
      if (url.pathname === '/api/demo-users' && req.method === 'GET') return send(res, 200, demoUsers);
      if (url.pathname === '/api/health') return send(res, 200, { ok: true, store: local.describe });
      const m = /^\/api\/functions\/([A-Za-z]+)$/.exec(url.pathname);
      if (m) {
        if (req.method !== 'POST') return send(res, 405, fail('validation', '请使用 POST'));
        const name = m[1] as FunctionName;
        const fn = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
        if (!fn) return send(res, 404, fail('validation', '没有这个云函数'));
        const raw = await readBody(req);
        if (raw === null) return send(res, 413, fail('validation', '提交的内容太大'), { connection: 'close' });
        let event: unknown;
        try {
          event = JSON.parse(raw || 'null');
        } catch {
          return send(res, 200, fail('validation', '请求格式不正确'));
        }
        const header = req.headers['x-demo-openid'];
        const openid = typeof header === 'string' && header.trim() ? header.trim() : null;
        setRuntime(runtime);
        const result = await fn(event, { localOpenId: openid });
        return send(res, 200, result);
      }
      const f = /^\/api\/files\/(f_[a-z0-9]{16})$/.exec(url.pathname);
      if (f) return serveFile(f[1], url, req, res);
      if (url.pathname.startsWith('/api/')) return send(res, 404, fail('not_found'));
      return serveStatic(options.h5Dir, url.pathname, res);
    } catch {
      return send(res, 500, fail('internal'));
    }
  });

  /** The file endpoint: PUT uploads a pending file with its one-off token; GET serves a signed, expiring link. */
  async function serveFile(fileId: string, url: URL, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method === 'PUT') {
      const bytes = await readBytes(req, MAX_FILE_BYTES);
      if (bytes === null) return send(res, 413, fail('files.too_large'), { connection: 'close' });
      const checked = await checkLocalUpload(local.store, fileId, url.searchParams.get('t') ?? '', bytes);
      if (!checked.ok) return send(res, checked.status, fail('validation', checked.message));
      fs.writeFileSync(path.join(filesDir, fileId), bytes);
      await markUploaded(local.store, fileId, fileId, bytes.length, now().toISOString());
      return send(res, 200, { ok: true, data: { fileId, size: bytes.length } });
    }
    if (req.method !== 'GET') return send(res, 405, fail('validation', '请使用 GET 或 PUT'));
    const expires = Number(url.searchParams.get('e'));
    if (!verifyLink(linkKey, fileId, expires, url.searchParams.get('s') ?? '', now().getTime())) return send(res, 403, fail('files.expired'));
    const doc = await local.store.get<FileDoc>(FILES, fileId);
    const file = path.join(filesDir, fileId);
    if (!doc || doc.status !== 'uploaded' || !fs.existsSync(file)) return send(res, 404, fail('not_found'));
    res.writeHead(200, { 'content-type': doc.mime, 'cache-control': 'private, max-age=300', 'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(doc.name)}`, 'x-content-type-options': 'nosniff' });
    fs.createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    seeded,
    store: local.store,
    describe: local.describe,
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
      await local.close();
    },
  };
}
