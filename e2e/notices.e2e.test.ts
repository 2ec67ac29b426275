/**
 * Notices and the staff workspace in Chromium against the H5 build and the local server:
 * - a worker waiting for a place is offered it when someone cancels; the offer appears in 我的消息 with its deadline,
 *   the home page and the 我的 tab show one unread, and reading it clears the badge; the local "WeChat" outbox
 *   shows the subscribe message that was sent;
 * - county staff open 工作统计 and see the charts and the figures of their own subtree only; city staff see more;
 *   待办 and 办理记录 show what waits and who did what.
 * Screenshots go to .artifacts/screenshots/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { localDateOf } from '../types/time';
import { screenshotPage, settle } from './a11y';
import { openRoute, setDemoUser, useJourney } from './helpers';

jest.setTimeout(300_000);

const journey = useJourney();
let page: Page;
const SHOTS = path.resolve(__dirname, '..', '.artifacts', 'screenshots');
const TITLE = '嘉善县劳模森林康养';

async function api<T>(fn: string, action: string, data: unknown, as: string): Promise<T> {
  const r = await fetch(`${journey.server.url}/api/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Demo-OpenId': as },
    body: JSON.stringify({ action, data, requestId: `e2e-${fn}-${action}-${Math.random().toString(36).slice(2, 10)}` }),
  });
  const body = (await r.json()) as { ok: boolean; data: T; error?: { code: string; message: string } };
  if (!body.ok) throw new Error(`${fn}.${action} as ${as}: ${body.error?.code} ${body.error?.message}`);
  return body.data;
}

async function as(openid: string, route: string): Promise<void> {
  await setDemoUser(page, journey.server.url, openid);
  await openRoute(page, journey.server.url, route);
  await page.reload();
  await settle(page);
}

async function shot(name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await screenshotPage(page, path.join(SHOTS, `${name}.png`));
  await page.setViewportSize({ width: 390, height: 844 });
}

beforeAll(async () => {
  page = await journey.browser.newPage();
  // County staff publish a one-place trip; 许美华 (a county member) takes the place, 柴建平 waits and has accepted
  // WeChat reminders for offers; 许美华 cancels, so 柴建平 is offered the place.
  const now = Date.now();
  const trip = {
    title: TITLE, route: '嘉善—丽水景宁', itinerary: '第一天：抵达景宁。第二天：森林步道。第三天：返程。', themes: ['kangyang'], mode: 'first_come', needsReview: false,
    opensAt: new Date(now - 3600_000).toISOString(), closesAt: new Date(now + 10 * 86_400_000).toISOString(), cancelDaysBefore: 1, offerHours: 24,
    rules: { audience: 'all', onePerYear: false }, // Departing in three days: inside this year's figures (the dashboard opens on 今年).
    // Dates on the union's calendar (Beijing time), three days ahead: the cancel deadline (a day before) is always ahead.
    sessions: [{ departDate: localDateOf(new Date(now + 3 * 86_400_000)), returnDate: localDateOf(new Date(now + 5 * 86_400_000)), places: 1 }],
  };
  const { tripId } = await api<{ tripId: string }>('trips', 'createTrip', { trip }, 'demo-staff-county');
  await api('trips', 'publishTrip', { tripId }, 'demo-staff-county');
  const sessionId = `${tripId}_s1`;
  const form = { emergencyName: '李大明', emergencyPhone: '13812345678', emergencyRelation: '配偶', healthDeclared: true, agreed: true };
  const first = await api<{ signup: { id: string } }>('trips', 'signUp', { tripId, sessionId, form }, 'demo-model-medal');
  await api('notices', 'reportSubscriptions', { results: [{ template: 'place_offer', result: 'accept' }] }, 'demo-model-provincial');
  await api('trips', 'signUp', { tripId, sessionId, form }, 'demo-model-provincial');
  await api('trips', 'cancel', { signupId: first.signup.id }, 'demo-model-medal');
});

it('the offer appears in 我的消息 with its deadline; the unread badge clears when it is read', async () => {
  await as('demo-model-provincial', '/pages/home/index');
  await page.locator('.home__notices--unread').waitFor({ timeout: 30_000 });
  expect(await page.locator('.home__notices-count').innerText()).toBe('1 条未读');
  await shot('notices-home-unread');

  // The 我的 tab carries the badge.
  await as('demo-model-provincial', '/pages/me/index');
  await page.locator('.me__notices').waitFor({ timeout: 30_000 });
  expect(await page.locator('.me__notices').innerText()).toContain('1 条未读');
  const badge = page.locator('.weui-badge, .taro-tabbar__badge, [class*="badge"]').filter({ hasText: /^1$/ });
  expect(await badge.count()).toBeGreaterThan(0);
  await shot('notices-me-badge');

  await page.locator('.me__notices').click();
  const item = page.locator('.inbox__item').filter({ hasText: TITLE }).first();
  await item.waitFor({ timeout: 30_000 });
  expect(await item.getAttribute('data-read')).toBe('false');
  const text = await item.innerText();
  expect(text).toContain('候补名额');
  expect(text).toMatch(/请在 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 前确认是否参加/);
  expect(await page.locator('.inbox__count').innerText()).toContain('1 条未读');
  // The local stand-in for WeChat received the subscribe message too.
  await page.locator('.inbox__wx').first().waitFor({ timeout: 30_000 });
  expect(await page.locator('.inbox__wx').first().innerText()).toContain('候补成功通知');
  await shot('notices-inbox');

  // Reading it opens the sign-up and clears the badge.
  await item.click();
  await page.locator('.trips-mine__item').first().waitFor({ timeout: 30_000 });
  await as('demo-model-provincial', '/pkg-notices/inbox/index');
  await page.locator('.inbox__item').first().waitFor({ timeout: 30_000 });
  expect(await page.locator('.inbox__item').first().getAttribute('data-read')).toBe('true');
  expect(await page.locator('.inbox__count').innerText()).toContain('全部已读');
  await as('demo-model-provincial', '/pages/home/index');
  await page.locator('.home__notices').waitFor({ timeout: 30_000 });
  expect(await page.locator('.home__notices-count').innerText()).toBe('没有未读消息');
  expect(await page.locator('[class*="badge"]').filter({ hasText: /^\d+$/ }).count()).toBe(0);
  await shot('notices-home-read');
});

/** A picture of one element, scrolled clear of the fixed navigation bar. */
async function closeUp(selector: string, options: { path: string }): Promise<void> {
  const el = page.locator(selector).first();
  await el.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(150);
  await el.screenshot(options);
}

async function figureNumbers(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const h of await page.locator('.workspace__source--trips .workspace__headline').all()) {
    out[await h.locator('.workspace__headline-label').innerText()] = (await h.locator('.workspace__headline-value').innerText()).replace(/\s+/g, '');
  }
  return out;
}

it('staff open 工作统计 and see the charts and the figures for their subtree only', async () => {
  await as('demo-staff-county', '/pkg-staff/dashboard/index');
  await page.locator('.figure').first().waitFor({ timeout: 30_000 });
  expect(await page.locator('.workspace__org').innerText()).toBe('嘉善县总工会');
  // Charts are drawn (labelled images) and every figure is also a table.
  await page.locator('.chart canvas').first().waitFor({ timeout: 30_000 });
  expect(await page.locator('.chart[role="img"]').count()).toBeGreaterThan(1);
  expect(await page.locator('.chart[role="img"]').first().getAttribute('aria-label')).toMatch(/图：/);
  expect(await page.locator('.figure__table[role="table"]').count()).toBeGreaterThan(3);
  const sessions = page.locator('.figure[data-table="sessions"] .figure__row:not(.figure__row--head)');
  const labels = await sessions.allInnerTexts();
  expect(labels.some((l) => l.includes(TITLE))).toBe(true);
  // The city's own trip is not in the county's figures.
  expect(labels.some((l) => l.includes('景宁畲乡森林康养疗休养'))).toBe(false);
  const county = await figureNumbers();
  // Close-ups of a chart with its table (the whole page is long).
  for (const key of ['sessions', 'signup_status', 'card_status']) {
    await closeUp(`.figure[data-table="${key}"]`, { path: path.join(SHOTS, `workspace-figure-${key}.png`) });
  }
  await page.locator('.workspace__source--trips .workspace__headlines').screenshot({ path: path.join(SHOTS, 'workspace-headlines-county.png') });
  await shot('workspace-dashboard-county');

  await as('demo-staff-city', '/pkg-staff/dashboard/index');
  await page.locator('.figure').first().waitFor({ timeout: 30_000 });
  expect(await page.locator('.workspace__org').innerText()).toBe('嘉兴市总工会');
  await page.locator('.chart canvas').first().waitFor({ timeout: 30_000 });
  const city = await figureNumbers();
  await closeUp('.figure[data-table="trips_by_month"]', { path: path.join(SHOTS, 'workspace-figure-city-trips-by-month.png') });
  await closeUp('.figure[data-table="visits"]', { path: path.join(SHOTS, 'workspace-figure-city-visits.png') });
  expect(Number(city['名额'].replace(/\D/g, ''))).toBeGreaterThan(Number(county['名额'].replace(/\D/g, '')));
  await shot('workspace-dashboard-city');
});

it('待办 lists what waits, oldest first; 办理记录 shows who did what and why', async () => {
  await as('demo-staff-city', '/pkg-staff/todo/index');
  await page.locator('.todo__item').first().waitFor({ timeout: 30_000 });
  expect(await page.locator('.todo__item').count()).toBeGreaterThan(0);
  await shot('workspace-todo');

  const roster = await api<{ rows: { signupId: string; name: string }[] }>('trips', 'roster', { sessionId: (await api<{ trips: { id: string; sessions: { id: string }[]; title: string }[] }>('trips', 'listManaged', {}, 'demo-staff-county')).trips.find((t) => t.title === TITLE)!.sessions[0].id }, 'demo-staff-county');
  const row = roster.rows[0];
  await as('demo-staff-county', `/pkg-staff/trail/index?feature=trips&id=${encodeURIComponent(row.signupId)}`);
  await page.locator('.trail__entry').first().waitFor({ timeout: 30_000 });
  const entries = await page.locator('.trail__entry').allInnerTexts();
  expect(entries.join('\n')).toContain('本人');
  await shot('workspace-trail');
});
