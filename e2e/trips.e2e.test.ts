/**
 * The 疗休养 journey in Chromium against the H5 build and the local server: city staff create and publish a
 * one-place trip; a worker signs up and holds the place; a second worker is waitlisted; the first cancels; the
 * second is offered the place and accepts it.
 */
import type { Page } from 'playwright-core';
import { openRoute, setDemoUser, useJourney } from './helpers';

jest.setTimeout(240_000);

const journey = useJourney();
let page: Page;

const TITLE = '景宁森林康养·端到端测试';

beforeAll(async () => {
  page = await journey.browser.newPage();
});

async function as(openid: string, route: string): Promise<void> {
  await setDemoUser(page, journey.server.url, openid);
  await openRoute(page, journey.server.url, route);
  await page.reload();
}

async function confirmModal(text = '确定'): Promise<void> {
  await page.getByText(text, { exact: true }).last().click({ timeout: 15_000 });
}

async function fill(selector: string, value: string): Promise<void> {
  const input = page.locator(selector).first();
  await input.waitFor({ timeout: 30_000 });
  await input.fill(value);
}

async function signUp(openid: string): Promise<void> {
  await as(openid, '/pkg-trips/list/index');
  await page.locator('.trips-list__item').filter({ hasText: TITLE }).first().click({ timeout: 30_000 });
  await page.locator('.trips-detail__signup').first().click({ timeout: 30_000 });
  await fill('.field--emergencyName input', '李大明');
  await fill('.field--emergencyPhone input', '13812345678');
  await page.locator('.choice--relation .choice__option[data-value="配偶"]').click();
  await page.locator('.tick--health').click();
  await page.locator('.tick--agree').click();
  await page.locator('.trips-signup__submit').click();
  // The answer is shown on the page itself, large; its button leads to 我的报名.
  await page.locator('.trips-signup__result').waitFor({ timeout: 30_000 });
  await page.locator('.trips-signup__done').click();
}

const mine = () => page.locator('.trips-mine__item').filter({ hasText: TITLE }).first();

it('staff publish; a worker takes the place; a second waits; the first cancels; the second is offered it and accepts', async () => {
  // Staff create a draft with one session of one place, then publish it.
  await as('demo-staff-city', '/pkg-trips/edit/index');
  await fill('.field--title input', TITLE);
  await fill('.field--route input', '嘉兴—丽水景宁');
  await fill('.trips-edit__itinerary textarea', '第一天：抵达景宁。第二天：森林步道与中医体质辨识。第三天：返程。');
  await page.locator('.choice--themes .choice__option[data-value="kangyang"]').click();
  await fill('.field--opensTime input', '00:00');
  await fill('.field--session-0-places input', '1');
  await page.locator('.trips-edit__save').click();
  const item = page.locator('.trips-manage__item').filter({ hasText: TITLE }).first();
  await item.waitFor({ timeout: 30_000 });
  expect(await item.getAttribute('data-status')).toBe('draft');
  await item.locator('.trips-manage__publish').click();
  await confirmModal();
  await page.locator('.trips-manage__item[data-status="published"]').filter({ hasText: TITLE }).waitFor({ timeout: 30_000 });

  // The first worker sees one place left, signs up and holds it.
  await as('demo-worker', '/pkg-trips/list/index');
  await page.locator('.trips-list__item').filter({ hasText: TITLE }).filter({ hasText: '剩 1 个名额' }).waitFor({ timeout: 30_000 });
  await signUp('demo-worker');
  await mine().and(page.locator('[data-status="confirmed"]')).waitFor({ timeout: 30_000 });
  await mine().getByText('报名成功').first().waitFor();

  // The second worker is waitlisted, first in the queue.
  await signUp('demo-worker-2');
  await mine().and(page.locator('[data-status="waiting"]')).waitFor({ timeout: 30_000 });
  await mine().locator('.trips-mine__queue').filter({ hasText: '候补第 1 位' }).waitFor();

  // The first worker cancels before the deadline.
  await as('demo-worker', '/pkg-trips/mine/index');
  await mine().locator('.trips-mine__cancel').click({ timeout: 30_000 });
  await confirmModal();
  await mine().and(page.locator('[data-status="cancelled"]')).waitFor({ timeout: 30_000 });

  // The second worker is offered the place and accepts it.
  await as('demo-worker-2', '/pkg-trips/mine/index');
  await mine().and(page.locator('[data-status="offered"]')).waitFor({ timeout: 30_000 });
  await mine().locator('.trips-mine__offer').waitFor();
  await mine().locator('.trips-mine__accept').click();
  await confirmModal();
  await mine().and(page.locator('[data-status="confirmed"]')).waitFor({ timeout: 30_000 });
  const history = await mine().locator('.trips-history__item').allInnerTexts();
  expect(history.join('\n')).toMatch(/进入候补[\s\S]*空出的名额[\s\S]*已接受名额/);
});

it('staff of the organising union see the roster with contact details and export it to Excel', async () => {
  await as('demo-staff-city', '/pkg-trips/manage/index');
  const item = page.locator('.trips-manage__item').filter({ hasText: TITLE }).first();
  await item.locator('.trips-manage__roster').first().click({ timeout: 30_000 });
  const row = page.locator('.trips-roster__row[data-status="confirmed"]').first();
  await row.waitFor({ timeout: 30_000 });
  expect(await row.innerText()).toContain('张伟');
  expect(await row.innerText()).toContain('13757300302');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.locator('.trips-roster__export').click()]);
  expect(download.suggestedFilename()).toMatch(/名单\.xlsx$/);

  // County staff (嘉善) are not the organisers: no roster for them.
  const url = page.url();
  await setDemoUser(page, journey.server.url, 'demo-staff-county');
  await page.goto(url);
  await page.reload();
  await page.getByText('不是您所在工会主办的').first().waitFor({ timeout: 30_000 });
});
