/**
 * Every page of the app (from src/app.config.ts) as every demo role, in Chromium against the H5 build:
 * - axe-core finds nothing critical or serious;
 * - every clickable element has a role and a name, and is at least 44 × 44 px;
 * - with text at 200 % (the app's --text-scale, as 长辈模式 raises it) and at 200 % page zoom (a 195 px wide
 *   screen), no button is clipped or blank and nothing overflows sideways.
 * A page behind a gate (staff, hospital desk) is visited by the roles that pass it and, once, as the gate.
 * Screenshots of the main journeys at 100 % and 200 % go to .artifacts/screenshots/ (git-ignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchIsolatedBrowser, setDemoUser, startTestServer, type TestServer } from './helpers';
import { appPages, checkControls, demoIdentities, enlargeText, runAxe, screenshotPage, settle, type AppPage, type ControlProblem, type Identity } from './a11y';

jest.setTimeout(600_000);

/** One server, one browser, and one context per worker (each worker is its own demo identity). */
const journey = {} as { server: TestServer; browser: Awaited<ReturnType<typeof launchIsolatedBrowser>> };
beforeAll(async () => {
  journey.server = await startTestServer();
  journey.browser = await launchIsolatedBrowser();
});
afterAll(async () => {
  await journey.browser?.close();
  await journey.server?.close();
});
const SHOTS = path.resolve(__dirname, '..', '.artifacts', 'screenshots');
const WORKERS = 2;

/** The main journeys, photographed at 100 % and 200 % text. */
const JOURNEY_SHOTS: { name: string; route: string; openid: string | null }[] = [
  { name: 'home-model-worker', route: '/pages/home/index', openid: 'demo-model-national' },
  { name: 'home-newcomer', route: '/pages/home/index', openid: 'demo-newcomer' },
  { name: 'me-model-worker', route: '/pages/me/index', openid: 'demo-model-national' },
  { name: 'card-model-worker', route: '/pkg-greencard/card/index', openid: 'demo-model-national' },
  { name: 'card-newcomer', route: '/pkg-greencard/card/index', openid: 'demo-newcomer' },
  { name: 'card-pending', route: '/pkg-greencard/card/index', openid: 'demo-model-medal' },
  { name: 'verify-clerk', route: '/pkg-greencard/verify/index', openid: 'demo-hospital-clerk' },
  { name: 'trips-list-worker', route: '/pkg-trips/list/index', openid: 'demo-worker' },
  { name: 'trip-detail-worker', route: '/pkg-trips/detail/index?id=:trip', openid: 'demo-worker' },
  { name: 'trip-signup-worker', route: '/pkg-trips/signup/index?tripId=:trip&sessionId=:session', openid: 'demo-worker' },
  { name: 'trips-manage-staff', route: '/pkg-trips/manage/index', openid: 'demo-staff-city' },
  { name: 'gc-staff-pending', route: '/pkg-greencard/staff/index', openid: 'demo-staff-city' },
  { name: 'staff-home', route: '/pkg-staff/index/index', openid: 'demo-staff-city' },
  { name: 'wishes-pool-volunteer', route: '/pkg-wishes/pool/index', openid: 'demo-volunteer' },
  { name: 'wish-detail-claimer', route: '/pkg-wishes/detail/index?wishId=w_demo_tv', openid: 'demo-volunteer' },
  { name: 'wishes-mine-volunteer', route: '/pkg-wishes/mine/index', openid: 'demo-volunteer' },
  { name: 'wishes-wall', route: '/pkg-wishes/wall/index', openid: 'demo-worker' },
  { name: 'wishes-staff-county', route: '/pkg-wishes/staff/index', openid: 'demo-staff-county' },
];

interface Finding {
  page: string;
  who: string;
  run: string;
  problem: string;
}

let visits = 0;

async function open(page: Page, route: string, identity: Identity | { openid: string | null }): Promise<void> {
  await setDemoUser(page, journey.server.url, identity.openid);
  // A fresh document each time, so the identity and the page's data are loaded anew.
  await page.goto(`${journey.server.url}/?visit=${++visits}#${route}`);
  await settle(page);
}

function fill(route: string, values: Record<string, string>, params: string[]): string {
  const query = params.map((p) => `${p}=${encodeURIComponent(values[p] ?? 'unknown')}`).join('&');
  return query ? `${route}?${query}` : route;
}

async function pool<T>(items: T[], size: number, work: (page: Page, item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: size }, async () => {
      const page = await journey.browser.newContextPage();
      try {
        for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(page, item);
      } finally {
        await page.context().close();
      }
    }),
  );
}

it('every page as every role: no serious axe findings, named controls of 44 px, nothing clipped at 200 %', async () => {
  const base = journey.server.url;
  const identities = await demoIdentities(base);
  // Parameters for pages that need them, from the demo data.
  const trips = (await (
    await fetch(`${base}/api/functions/trips`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Demo-OpenId': 'demo-worker' }, body: JSON.stringify({ action: 'listOpen', data: {} }) })
  ).json()) as { data: { trips: { id: string; sessions: { id: string }[] }[] } };
  const trip = trips.data.trips[0];
  // 微心愿: a claimed wish (王志刚's), and a returned one to edit and submit again.
  const values: Record<string, string> = { id: trip.id, tripId: trip.id, sessionId: trip.sessions[0].id, trip: trip.id, session: trip.sessions[0].id, wishId: 'w_demo_tv', resubmit: 'w_demo_desk' };

  const pages = appPages();
  expect(pages.length).toBeGreaterThan(20);
  const findings: Finding[] = [];
  const moderate = new Map<string, number>();
  let states = 0;
  const note = (p: AppPage, who: string, run: string, list: ControlProblem[]) => {
    for (const x of list) findings.push({ page: p.route, who, run, problem: `${x.kind}: ${x.what}` });
  };

  // Low-privilege identities first, so a gate is met (and checked) once before the roles that pass it.
  const order = [...identities].sort((a, b) => Number(a.roles.includes('staff') || a.roles.includes('admin')) - Number(b.roles.includes('staff') || b.roles.includes('admin')));
  await pool(pages, WORKERS, async (page, p) => {
    const url = fill(p.route, values, p.params);
    let gate: string[] | null = null;
    const passed: Identity[] = [];
    for (const who of order) {
      if (gate && !who.roles.some((r) => gate?.includes(r))) continue;
      await open(page, url, who);
      const gateRoles = await page.evaluate(() => document.querySelector('[data-gate]')?.getAttribute('data-gate') ?? null);
      if (gateRoles) {
        if (gate) continue; // the gate's own state is checked once
        gate = gateRoles.split(',');
      } else passed.push(who);
      states++;
      for (const v of await runAxe(page)) {
        if (v.impact === 'critical' || v.impact === 'serious') findings.push({ page: p.route, who: who.label, run: 'axe', problem: `${v.impact} ${v.id}: ${v.targets.join(' | ')}` });
        else moderate.set(v.id, (moderate.get(v.id) ?? 0) + v.nodes);
      }
      note(p, who.label, '100%', await checkControls(page, { roles: true, sizes: true }));
    }
    // Enlarged text and zoom: once per page, as a person who gets past its gate (the richest state).
    const who = passed.find((i) => i.roles.includes('model_worker')) ?? passed.find((i) => i.registered) ?? passed[0];
    if (!who) return;
    await open(page, url, who);
    await enlargeText(page);
    note(p, who.label, '200% text', await checkControls(page, { text: true, overflow: true }));
    await page.setViewportSize({ width: 195, height: 422 });
    await open(page, url, who);
    note(p, who.label, '200% zoom', await checkControls(page, { text: true, overflow: true }));
    await page.setViewportSize({ width: 390, height: 844 });
  });

  console.log(`a11y: ${pages.length} pages, ${identities.length} identities, ${states} page states checked with axe; moderate findings: ${JSON.stringify(Object.fromEntries(moderate))}`);
  expect(findings).toEqual([]);
});

it('saves screenshots of the main journeys at 100 % and 200 % text', async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const base = journey.server.url;
  const trips = (await (
    await fetch(`${base}/api/functions/trips`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Demo-OpenId': 'demo-worker' }, body: JSON.stringify({ action: 'listOpen', data: {} }) })
  ).json()) as { data: { trips: { id: string; sessions: { id: string }[] }[] } };
  const trip = trips.data.trips[0];
  await pool(JOURNEY_SHOTS, WORKERS, async (page, shot) => {
    const route = shot.route.replace(':trip', trip.id).replace(':session', trip.sessions[0].id);
    await open(page, route, shot);
    await screenshotPage(page, path.join(SHOTS, `${shot.name}-100.png`));
    await page.setViewportSize({ width: 390, height: 844 });
    await enlargeText(page);
    await screenshotPage(page, path.join(SHOTS, `${shot.name}-200.png`));
    await page.setViewportSize({ width: 390, height: 844 });
  });
  expect(fs.readdirSync(SHOTS).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(JOURNEY_SHOTS.length * 2);
});
