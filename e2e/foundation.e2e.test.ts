/**
 * The foundation journey: the local server on a free port with a fresh data directory, the H5 build in
 * Debian's Chromium; open the home page, switch the demo user on 我的, and see that user's name and roles.
 */
import { openRoute, useJourney } from './helpers';

jest.setTimeout(120_000);

const journey = useJourney();


it('opens the home page with the four services', async () => {
  const page = await journey.browser.newPage();
  await openRoute(page, journey.server.url, '/pages/home/index');
  for (const name of ['医疗绿通', '疗休养', '困难帮扶', '微心愿']) {
    await page.getByText(name, { exact: false }).first().waitFor({ timeout: 30_000 });
  }
  await page.close();
});

it('switches the demo user and shows their name and roles on 我的', async () => {
  const page = await journey.browser.newPage();
  await openRoute(page, journey.server.url, '/pages/me/index');
  await page.locator('.demo-switcher__option[data-openid="demo-model-national"]').click({ timeout: 30_000 });
  await page.locator('.me-name').filter({ hasText: '钱国强' }).waitFor({ timeout: 15_000 });
  const roles = await page.locator('.me-role').allInnerTexts();
  expect(roles.map((r) => r.trim())).toEqual(expect.arrayContaining(['职工', '志愿者', '劳模工匠']));
  await page.locator('.me-honour').filter({ hasText: '全国劳动模范' }).first().waitFor();

  await page.locator('.demo-switcher__option[data-openid="demo-hospital-clerk"]').click();
  await page.locator('.me-name').filter({ hasText: '周敏' }).waitFor({ timeout: 15_000 });
  expect((await page.locator('.me-role').allInnerTexts()).map((r) => r.trim())).toEqual(['医院工作人员']);

  await page.reload();
  await page.locator('.me-name').filter({ hasText: '周敏' }).waitFor({ timeout: 30_000 });
  await page.close();
});
