/**
 * The green-channel journey in Chromium against the H5 build and the local server:
 * a model worker opens the card and sees the code change with the minute; the hospital clerk types the short code
 * and sees green with the priorities; union staff revoke the card; the clerk checks the code again and sees red
 * with the reason.
 */
import type { Page } from 'playwright-core';
import { openRoute, setDemoUser, useJourney } from './helpers';

jest.setTimeout(180_000);

const journey = useJourney();


async function shownCode(page: Page): Promise<{ long: string; short: string }> {
  const qr = page.locator('.gc-qr').first();
  await qr.waitFor({ timeout: 30_000 });
  const long = (await qr.getAttribute('data-code')) ?? '';
  const short = (await page.locator('.gc-code__short').first().getAttribute('data-short')) ?? '';
  return { long, short };
}

async function verifyAtDesk(page: Page, code: string): Promise<string> {
  await openRoute(page, journey.server.url, '/pkg-greencard/verify/index');
  await page.locator('.gc-sync__age').filter({ hasText: '刚刚' }).waitFor({ timeout: 30_000 });
  const input = page.locator('.gc-code-input textarea, textarea.gc-code-input').first();
  await input.fill(code);
  await page.locator('.gc-check').first().click();
  const result = page.locator('.gc-result');
  await result.waitFor({ timeout: 15_000 });
  return (await result.getAttribute('data-verdict')) ?? '';
}

it('card → changing code → clerk sees green → staff revoke → clerk sees red', async () => {
  // 1. The model worker opens the card; the code changes when the minute turns.
  const worker = await journey.browser.newPage();
  await worker.clock.install({ time: new Date() });
  await setDemoUser(worker, journey.server.url, 'demo-model-national');
  await openRoute(worker, journey.server.url, '/pkg-greencard/card/index');
  await worker.locator('.gc-holder-name').filter({ hasText: '钱*强' }).waitFor({ timeout: 30_000 });
  await worker.locator('.gc-honour').filter({ hasText: '全国劳动模范' }).waitFor();
  await worker.getByText('嘉兴市第二医院').first().waitFor();
  await worker.getByText('劳模服务窗口', { exact: false }).first().waitFor();
  const first = await shownCode(worker);
  expect(first.long).toMatch(/^GC1\./);
  expect(first.short).toMatch(/^000001\d{4}$/);
  // The eye reveals the full name.
  await worker.locator('.gc-eye').first().click();
  await worker.locator('.gc-holder-name').filter({ hasText: '钱国强' }).waitFor();
  await worker.clock.fastForward('01:01');
  await worker.waitForFunction((old) => document.querySelector('.gc-qr')?.getAttribute('data-code') !== old, first.long, { timeout: 10_000 });
  const second = await shownCode(worker);
  expect(second.short).not.toBe(first.short);
  await worker.close();

  // 2. The clerk types the short code the worker's phone showed: green, with the priorities and the masked holder.
  const clerk = await journey.browser.newPage();
  await setDemoUser(clerk, journey.server.url, 'demo-hospital-clerk');
  expect(await verifyAtDesk(clerk, first.short)).toBe('valid');
  const green = clerk.locator('.gc-result');
  for (const text of ['有效', '钱*强', '1962', '全国劳动模范', '挂号优先', '就诊优先', '检查优先', '治疗优先', '住院优先']) {
    await green.getByText(text, { exact: false }).first().waitFor();
  }
  expect(await green.innerText()).not.toContain('钱国强');
  await clerk.close();

  // 3. Union staff revoke the card with a reason.
  const staff = await journey.browser.newPage();
  await setDemoUser(staff, journey.server.url, 'demo-staff-city');
  await openRoute(staff, journey.server.url, '/pkg-greencard/staff/index');
  await staff.locator('.tab-bar__tab--cards').first().click({ timeout: 30_000 });
  const row = staff.locator('.gc-staff-card[data-card="LT000001"]');
  await row.waitFor({ timeout: 15_000 });
  await row.locator('.field--reason input').first().fill('荣誉称号已被撤销');
  await row.locator('.review-queue__act--revoke').first().click();
  await staff.getByText('确定', { exact: true }).last().click();
  await row.locator('.gc-staff-card__status').filter({ hasText: '已注销' }).waitFor({ timeout: 15_000 });
  await staff.close();

  // 4. The clerk checks the long code again: red, with why.
  const clerk2 = await journey.browser.newPage();
  await setDemoUser(clerk2, journey.server.url, 'demo-hospital-clerk');
  expect(await verifyAtDesk(clerk2, first.long)).toBe('revoked');
  await clerk2.locator('.gc-result').getByText('此卡已注销').waitFor();
  await clerk2.locator('.gc-result').getByText('不能享受绿色通道', { exact: false }).waitFor();
  await clerk2.close();
});

async function api(openid: string, action: string, data: unknown): Promise<{ ok: boolean; data?: unknown }> {
  const r = await fetch(`${journey.server.url}/api/functions/greencard`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Demo-OpenId': openid },
    body: JSON.stringify({ action, data }),
  });
  return (await r.json()) as { ok: boolean; data?: unknown };
}

it('offline: the card keeps rotating codes for 12 hours; the desk checks a code offline and uploads the visit once', async () => {
  // 许美华's application is approved by staff.
  expect((await api('demo-staff-city', 'approve', { cardId: 'gc_LT000002' })).ok).toBe(true);

  const worker = await journey.browser.newPage();
  await worker.clock.install({ time: new Date() });
  await setDemoUser(worker, journey.server.url, 'demo-model-medal');
  await openRoute(worker, journey.server.url, '/pkg-greencard/card/index');
  await worker.locator('.gc-holder-name').filter({ hasText: '许*华' }).waitFor({ timeout: 30_000 });
  const now = await shownCode(worker);

  await journey.browser.context.setOffline(true);
  await worker.clock.fastForward('06:00:00');
  await worker.locator('.gc-offline').waitFor({ timeout: 10_000 });
  const later = await shownCode(worker);
  expect(later.long).not.toBe(now.long);
  await worker.clock.fastForward('06:00:00');
  const twelveHoursLater = await shownCode(worker);
  expect(twelveHoursLater.long).toMatch(/^GC1\./);
  expect(twelveHoursLater.long).not.toBe(later.long);
  await worker.close();
  await journey.browser.context.setOffline(false);

  // The desk syncs once, then loses the network.
  const clerk = await journey.browser.newPage();
  await setDemoUser(clerk, journey.server.url, 'demo-hospital-clerk');
  await openRoute(clerk, journey.server.url, '/pkg-greencard/verify/index');
  await clerk.locator('.gc-sync__age').filter({ hasText: '刚刚' }).waitFor({ timeout: 30_000 });
  await journey.browser.context.setOffline(true);
  const input = clerk.locator('.gc-code-input textarea, textarea.gc-code-input').first();
  for (let i = 0; i < 2; i++) {
    await input.fill(now.long);
    await clerk.locator('.gc-check').first().click();
    await clerk.locator('.gc-result[data-verdict="valid"]').waitFor({ timeout: 15_000 });
    await clerk.locator('.gc-result').getByText('离线核验', { exact: false }).waitFor();
    await clerk.locator('.gc-result').getByText('许*华', { exact: false }).waitFor();
  }
  await clerk.locator('.gc-sync').filter({ hasText: '1 条离线核验记录待上传' }).waitFor();
  // A short code cannot be checked offline: the clerk is told to scan or paste.
  await input.fill(now.short);
  await clerk.locator('.gc-check').first().click();
  await clerk.locator('.gc-result').getByText('短码需要联网').waitFor({ timeout: 15_000 });

  await journey.browser.context.setOffline(false);
  await clerk.locator('.gc-refresh').first().click();
  await clerk.waitForFunction(() => !document.querySelector('.gc-sync')?.textContent?.includes('待上传'), undefined, { timeout: 15_000 });
  await clerk.close();

  const visits = (await api('demo-model-medal', 'myVisits', { limit: 10 })) as { ok: boolean; data: { visits: { offline: boolean; hospitalName: string }[] } };
  expect(visits.data.visits).toEqual([expect.objectContaining({ offline: true, hospitalName: '嘉兴市第二医院' })]);
});
