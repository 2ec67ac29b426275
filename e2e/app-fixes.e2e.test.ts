/**
 * The app as older users and screen readers meet it (issue #14): each situation that was wrong, in Chromium
 * against the H5 build — the card for someone not registered, tiles that looked live, errors that offered a useless
 * 重新加载, the trip pages' wording, the clerk's messages, a pending card's actions, the way back on H5, the sizes
 * of text boxes, inputs and labels, an error that outlived its fix, and 长辈模式.
 */
import type { Page } from 'playwright-core';
import { openRoute, setDemoUser, useJourney } from './helpers';

jest.setTimeout(180_000);

const journey = useJourney();

async function as(openid: string | null, route: string): Promise<Page> {
  const page = await journey.browser.newPage();
  await setDemoUser(page, journey.server.url, openid);
  await openRoute(page, journey.server.url, route);
  await page.locator('.page').first().waitFor({ timeout: 30_000 });
  return page;
}

async function api<T>(fn: string, openid: string, action: string, data: unknown): Promise<T> {
  const r = await fetch(`${journey.server.url}/api/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Demo-OpenId': openid },
    body: JSON.stringify({ action, data }),
  });
  const body = (await r.json()) as { ok: boolean; data: T };
  return body.data;
}

type Trips = { trips: { id: string; title: string; mode: string; eligible: boolean; sessions: { id: string; label: string }[] }[] };

/** Contrast ratio of an element's text against the nearest opaque background (WCAG formula). */
async function contrastOf(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((el) => {
    const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const c = [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    let bg: number[] = [255, 255, 255];
    for (let e: Element | null = el; e; e = e.parentElement) {
      const v = rgb(getComputedStyle(e).backgroundColor);
      if (v.length >= 3 && (v.length < 4 || v[3] > 0.9)) {
        bg = v.slice(0, 3);
        break;
      }
    }
    const fg = lum(rgb(getComputedStyle(el).color));
    const b = lum(bg);
    return (Math.max(fg, b) + 0.05) / (Math.min(fg, b) + 0.05);
  });
}

const px = (page: Page, selector: string, prop: string) =>
  page.locator(selector).first().evaluate((el, p) => parseFloat(getComputedStyle(el).getPropertyValue(p)), prop);

it('the green card tells someone not registered to register, and an anonymous visitor to sign in (no endless spinner)', async () => {
  const newcomer = await as('demo-newcomer', '/pkg-greencard/card/index');
  await newcomer.locator('.page-state__register').filter({ hasText: '去登记' }).waitFor({ timeout: 15_000 });
  await newcomer.getByText('请先完成实名登记').first().waitFor();
  expect(await newcomer.locator('.page-state--loading').count()).toBe(0);
  await newcomer.locator('.page-state__register').click();
  await newcomer.locator('.profile-form').waitFor({ timeout: 15_000 });
  await newcomer.close();
  const anonymous = await as(null, '/pkg-greencard/card/index');
  await anonymous.locator('.page-state__signin').waitFor({ timeout: 15_000 });
  await anonymous.close();
});

it('home tiles: all four services open, each showing the person\'s own state', async () => {
  const page = await as('demo-model-national', '/pages/home/index');
  for (const key of ['greencard', 'trips', 'hardship', 'wishes']) {
    const tile = page.locator(`.home__tile--${key}`);
    await tile.waitFor({ timeout: 15_000 });
    expect(await tile.getAttribute('data-open')).toBe('true');
    expect(await tile.innerText()).not.toContain('即将开放');
  }
  await page.locator('.home__tile--greencard').filter({ hasText: '我的卡：有效' }).waitFor({ timeout: 15_000 });
  await page.close();
  // 李小红 saved a draft application; 王志刚 holds a claim (and has one delivered).
  const worker = await as('demo-worker', '/pages/home/index');
  await worker.locator('.home__tile--hardship').filter({ hasText: '我的申请：草稿未提交' }).waitFor({ timeout: 15_000 });
  await worker.close();
  const volunteer = await as('demo-volunteer', '/pages/home/index');
  await volunteer.locator('.home__tile--wishes').filter({ hasText: '我认领的心愿' }).waitFor({ timeout: 15_000 });
  await volunteer.close();
});

it('ordinary situations are explained with the way back, not 出错了 with 重新加载', async () => {
  const missing = await as('demo-worker', '/pkg-trips/detail/index?id=trip_does_not_exist');
  await missing.locator('[data-error-code]').waitFor({ timeout: 15_000 });
  expect(await missing.locator('.page-state__retry').count()).toBe(0);
  await missing.locator('.page-state__back').filter({ hasText: '返回' }).waitFor();
  expect(await missing.locator('.page-state').innerText()).not.toContain('出错了');
  await missing.close();

  const lottery = (await api<Trips>('trips', 'demo-model-national', 'listOpen', {})).trips.find((t) => t.mode === 'lottery');
  expect(lottery).toBeDefined();
  const draw = await as('demo-model-national', `/pkg-trips/draw/index?sessionId=${lottery?.sessions[0].id}`);
  await draw.getByText('还没有抽签').first().waitFor({ timeout: 15_000 });
  expect(await draw.locator('.page-state__retry').count()).toBe(0);
  await draw.close();
});

it('trip detail: no priority notice to someone who cannot sign up; the sign-up form names its trip; the answer is large and dark', async () => {
  const open = await api<Trips>('trips', 'demo-worker', 'listOpen', {});
  const closedToMe = open.trips.find((t) => !t.eligible);
  expect(closedToMe).toBeDefined();
  const detail = await as('demo-worker', `/pkg-trips/detail/index?id=${closedToMe?.id}`);
  await detail.locator('.trips-detail__reasons').waitFor({ timeout: 15_000 });
  expect(await detail.locator('.trips-detail__priority').count()).toBe(0);
  await detail.close();

  const trip = open.trips.find((t) => t.eligible && t.mode === 'first_come');
  expect(trip).toBeDefined();
  const form = await as('demo-worker', `/pkg-trips/signup/index?tripId=${trip?.id}&sessionId=${trip?.sessions[0].id}`);
  const summary = form.locator('.trips-signup__for');
  await summary.filter({ hasText: trip?.title ?? '' }).waitFor({ timeout: 15_000 });
  expect(await summary.innerText()).toContain(trip?.sessions[0].label ?? '');
  expect(await summary.innerText()).toMatch(/\d+月\d+日/);
  await form.locator('.field--emergencyName input').fill('李大明');
  await form.locator('.field--emergencyPhone input').fill('13812345678');
  await form.locator('.choice--relation .choice__option[data-value="配偶"]').click();
  await form.locator('.tick--health').click();
  await form.locator('.tick--agree').click();
  await form.locator('.trips-signup__submit').click();
  await form.locator('.trips-signup__result').waitFor({ timeout: 15_000 });
  expect(await px(form, '.trips-result__title', 'font-size')).toBeGreaterThanOrEqual(24);
  expect(await contrastOf(form, '.trips-result__title')).toBeGreaterThanOrEqual(7);
  expect(await contrastOf(form, '.trips-result__message')).toBeGreaterThanOrEqual(7);
  expect(await contrastOf(form, '.trips-signup__done .btn__label')).toBeGreaterThanOrEqual(4.5);
  // The confirmation dialog (cancelling) reads as clearly: dark message, high-contrast buttons.
  await form.locator('.trips-signup__done').click();
  await form.locator('.trips-mine__cancel').first().click({ timeout: 15_000 });
  await form.locator('.taro-modal__text').waitFor({ timeout: 5_000 });
  expect(await contrastOf(form, '.taro-modal__text')).toBeGreaterThanOrEqual(7);
  expect(await px(form, '.taro-modal__text', 'font-size')).toBeGreaterThanOrEqual(16);
  for (const button of ['.taro-model__cancel', '.taro-model__btn:not(.taro-model__cancel)']) expect(await contrastOf(form, button)).toBeGreaterThanOrEqual(4.5);
  await form.getByText('再想想', { exact: true }).click();
  await form.close();
});

it('the clerk: no 扫码 on H5, a repeat scan said once', async () => {
  const desk = await as('demo-hospital-clerk', '/pkg-greencard/verify/index');
  await desk.locator('.gc-sync__age').filter({ hasText: '刚刚' }).waitFor({ timeout: 30_000 });
  await desk.locator('.gc-check').click();
  const hint = desk.locator('.gc-code-input .field-error');
  await hint.waitFor({ timeout: 5_000 });
  expect(await hint.innerText()).not.toContain('扫码');

  const codes = await api<{ codes: { w: number; s: string }[] }>('greencard', 'demo-model-national', 'myCodes', {});
  const now = Math.floor(Date.now() / 60_000);
  const code = codes.codes.find((c) => c.w === now) ?? codes.codes[0];
  const input = desk.locator('.gc-code-input textarea').first();
  for (let i = 0; i < 2; i++) {
    await input.fill(code.s);
    await desk.locator('.gc-check').click();
    await desk.locator('.gc-result[data-verdict="valid"]').waitFor({ timeout: 15_000 });
  }
  const text = await desk.locator('.gc-result').innerText();
  expect(text.split('已核验过').length - 1).toBe(1);
  await desk.close();
});

it('a pending card application is approved or turned down, never revoked; the trip editor speaks plainly of pictures', async () => {
  const staff = await as('demo-staff-city', '/pkg-greencard/staff/index');
  const pending = staff.locator('.gc-staff-card[data-status="pending"]').first();
  await pending.waitFor({ timeout: 15_000 });
  await pending.locator('.review-queue__act--approve').waitFor();
  expect(await pending.locator('.review-queue__act--reject').count()).toBe(1);
  expect(await pending.locator('.review-queue__act--revoke').count()).toBe(0);
  await staff.close();
  const editor = await as('demo-staff-city', '/pkg-trips/edit/index');
  await editor.locator('.trips-edit__pictures').waitFor({ timeout: 15_000 });
  expect(await editor.locator('.page').innerText()).not.toContain('云存储文件 ID');
  await editor.close();
});

it('H5 sub-pages have a way back', async () => {
  const page = await as('demo-worker', '/pkg-trips/list/index');
  await page.locator('.trips-list__item').first().click({ timeout: 15_000 });
  await page.locator('.trips-detail').waitFor({ timeout: 15_000 });
  const back = page.locator('#taro-navigation-bar .taro-navigation-bar-back[role="button"]');
  await back.waitFor({ state: 'visible', timeout: 10_000 });
  expect(await back.getAttribute('aria-label')).toBe('返回上一页');
  const box = await back.boundingBox();
  expect(box && box.width >= 44 && box.height >= 44).toBe(true);
  await back.click();
  await page.locator('.trips-list__item').first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.close();
});

it('text boxes, inputs, tab labels and the hospital phone are large enough; a fixed error goes away as it is fixed', async () => {
  const form = await as('demo-newcomer', '/pkg-account/register/index');
  await form.locator('.field--phone input').waitFor({ timeout: 15_000 });
  expect(await px(form, '.field--phone .field__input', 'height')).toBeGreaterThanOrEqual(44);
  expect(await px(form, '.field--phone .field__input', 'border-bottom-width')).toBeGreaterThanOrEqual(1);
  expect(await px(form, '.field--phone input', 'font-size')).toBeGreaterThanOrEqual(16);
  await form.locator('.field--phone input').fill('123');
  await form.locator('.profile-form__submit').click();
  await form.locator('.field--phone .field-error').waitFor({ timeout: 5_000 });
  await form.locator('.field--phone input').fill('13812345678');
  await form.waitForFunction(() => !document.querySelector('.field--phone .field-error'), undefined, { timeout: 5_000 });
  await form.close();

  const open = await api<Trips>('trips', 'demo-worker-2', 'listOpen', {});
  const trip = open.trips.find((t) => t.eligible) ?? open.trips[0];
  const signup = await as('demo-worker-2', `/pkg-trips/signup/index?tripId=${trip.id}&sessionId=${trip.sessions[0].id}`);
  await signup.locator('.trips-signup__notes textarea').waitFor({ timeout: 15_000 });
  expect(await px(signup, '.trips-signup__notes textarea', 'font-size')).toBeGreaterThanOrEqual(16);
  await signup.close();

  const card = await as('demo-model-national', '/pkg-greencard/card/index');
  await card.locator('.gc-hospital__call').first().waitFor({ timeout: 15_000 });
  expect((await card.locator('.gc-hospital__call').first().boundingBox())?.height).toBeGreaterThanOrEqual(44);
  expect(await card.locator('.gc-hospital__call').first().getAttribute('role')).toBe('button');
  // 亮证 is within the first screen (844 px).
  expect((await card.locator('.gc-fullscreen-btn').boundingBox())?.y).toBeLessThan(844 - 48);
  expect(await px(card, '.weui-tabbar__label', 'font-size')).toBeGreaterThanOrEqual(14);
  await card.close();
});

it('长辈模式 on 我的 enlarges text, reduces home to the person\'s own services, and is remembered', async () => {
  const me = await as('demo-model-national', '/pages/me/index');
  const before = await px(me, '.me-elder__title', 'font-size');
  const toggle = me.locator('.me-elder');
  await toggle.waitFor({ timeout: 15_000 });
  expect(await toggle.getAttribute('aria-checked')).toBe('false');
  await toggle.click();
  await me.locator('.me-elder[aria-checked="true"]').waitFor();
  expect(await px(me, '.me-elder__title', 'font-size')).toBeGreaterThan(before * 1.2);
  await openRoute(me, journey.server.url, '/pages/home/index');
  await me.reload();
  await me.locator('.home--elder').waitFor({ timeout: 15_000 });
  await me.locator('.home__tile--greencard').waitFor();
  // A model worker and volunteer: the card, trips, hardship (self-test and applying) and wishes — no desk tools.
  await me.locator('.home__tile--wishes').waitFor();
  const keys = await me.locator('.home__tile').evaluateAll((els) => els.map((e) => Array.from(e.classList).find((c) => c.startsWith('home__tile--') && !c.endsWith('--wide'))));
  expect(keys).toEqual(['home__tile--greencard', 'home__tile--trips', 'home__tile--hardship', 'home__tile--wishes']);
  // Back to normal for the rest of this browser.
  await openRoute(me, journey.server.url, '/pages/me/index');
  await me.locator('.me-elder[aria-checked="true"]').click({ timeout: 15_000 });
  await me.locator('.me-elder[aria-checked="false"]').waitFor();
  await me.close();
});
