/**
 * Browser-journey helpers: Debian's Chromium driven by playwright-core (never a downloaded browser), and the
 * local server on a free port with a fresh data directory seeded with the demo data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer } from '../scripts/server';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const H5_DIR = path.resolve(__dirname, '..', 'dist', 'h5');

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<{ context: BrowserContext; newPage(): Promise<Page>; close(): Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lmgj-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One Chromium with a fresh context (its own storage, so its own demo identity) per worker: for suites that visit
 * pages as several people at once.
 */
export async function launchIsolatedBrowser(): Promise<{ newContextPage(): Promise<Page>; close(): Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
  return {
    async newContextPage() {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      return context.newPage();
    },
    close: () => browser.close(),
  };
}

export async function startTestServer(options: { now?: () => Date } = {}) {
  if (!fs.existsSync(path.join(H5_DIR, 'index.html'))) throw new Error('dist/h5 is not built: run `npm run build:h5` first');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lmgj-data-'));
  const server = await startServer({ port: 0, dataDir, h5Dir: H5_DIR, quiet: true, ...(options.now ? { now: options.now } : {}) });
  return {
    ...server,
    dataDir,
    async close() {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The H5 app keeps the demo identity in localStorage (`demoOpenId`); set it before the app loads. */
export async function setDemoUser(page: Page, baseUrl: string, openid: string | null): Promise<void> {
  if (!page.url().startsWith(baseUrl)) await page.goto(`${baseUrl}/api/health`);
  await page.evaluate((id) => {
    if (id) window.localStorage.setItem('demoOpenId', id);
    else window.localStorage.removeItem('demoOpenId');
  }, openid);
}

/** Opens an app route (hash router), e.g. `/pages/me/index`. */
export async function openRoute(page: Page, baseUrl: string, route: string): Promise<void> {
  await page.goto(`${baseUrl}/#${route}`);
}

export type TestServer = Awaited<ReturnType<typeof startTestServer>>;
export type TestBrowser = Awaited<ReturnType<typeof launchBrowser>>;

/**
 * One local server and one browser for a journey file: started before its tests, closed after them.
 * Read `journey.server` and `journey.browser` inside tests (they exist once `beforeAll` has run).
 */
export function useJourney(): { server: TestServer; browser: TestBrowser } {
  const journey = {} as { server: TestServer; browser: TestBrowser };
  beforeAll(async () => {
    journey.server = await startTestServer();
    journey.browser = await launchBrowser();
  });
  afterAll(async () => {
    await journey.browser?.close();
    await journey.server?.close();
  });
  return journey;
}
