/**
 * The 微心愿 journey in Chromium against the H5 build and the local server (嘉善县's pool):
 * - 东云果蔬合作社's grassroots staff collect a wish for the archived household 王秀兰 (on her behalf);
 * - 嘉善县's staff vet it (the county vets by default) and it is published;
 * - 柴建平 (a model-worker volunteer) finds it in the pool and claims it; 许美华, a second volunteer who had the same
 *   wish open, taps 认领 a moment later and is told it has just been taken;
 * - 柴建平 gives another claim back (it returns to the pool at once), delivers the first with a photo (the file
 *   service: a ticket, then a PUT to the signed link);
 * - the household's union confirms receipt on her behalf and leaves her thank-you; 柴建平's points rise by the
 *   policy's rule; the public wall shows the wish with the thanks;
 * - a claim left past its deadline is released (lazily, on read) and shows in the county's stuck queue, where the
 *   union fulfils it.
 * Screenshots go to .artifacts/screenshots/wishes-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { screenshotPage, settle } from './a11y';
import { launchBrowser, launchIsolatedBrowser, openRoute, setDemoUser, startTestServer, type TestBrowser, type TestServer } from './helpers';

jest.setTimeout(300_000);

const SHOTS = path.resolve(__dirname, '..', '.artifacts', 'screenshots');
const DAY = 86_400_000;
const TITLE = '一台电饭煲（端到端）';
const THANKS = '谢谢柴师傅送来的电饭煲，煮饭方便多了！';

let offset = 0;
let server: TestServer;
let browser: TestBrowser;
let other: Awaited<ReturnType<typeof launchIsolatedBrowser>>;
let page: Page;
let page2: Page;
let wishId = '';

/** A real PNG (a warm gradient), so the delivery photo shows as a picture. */
function png(width = 160, height = 120): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      row[1 + x * 3] = 200 + Math.round((55 * x) / width);
      row[2 + x * 3] = 120 + Math.round((80 * y) / height);
      row[3 + x * 3] = 60;
    }
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

async function api<T>(fn: string, action: string, data: unknown, as: string): Promise<T> {
  const r = await fetch(`${server.url}/api/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Demo-OpenId': as },
    body: JSON.stringify({ action, data, requestId: `e2e-${fn}-${action}-${Math.random().toString(36).slice(2, 10)}` }),
  });
  const body = (await r.json()) as { ok: boolean; data: T; error?: { code: string; message: string } };
  if (!body.ok) throw new Error(`${fn}.${action} as ${as}: ${body.error?.code} ${body.error?.message}`);
  return body.data;
}

async function as(p: Page, openid: string, route: string): Promise<void> {
  await setDemoUser(p, server.url, openid);
  await openRoute(p, server.url, route);
  await p.reload();
  await settle(p);
}

async function shot(p: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await screenshotPage(p, path.join(SHOTS, `wishes-${name}.png`));
  await p.setViewportSize({ width: 390, height: 844 });
}

async function confirmModal(p: Page, text = '确定'): Promise<void> {
  await p.getByText(text, { exact: true }).last().click({ timeout: 15_000 });
}

async function points(): Promise<number> {
  await as(page, 'demo-model-provincial', '/pkg-wishes/mine/index');
  const n = page.locator('.wish-mine__total .wish-figure__number');
  await n.waitFor({ timeout: 30_000 });
  return Number(await n.innerText());
}

beforeAll(async () => {
  server = await startTestServer({ now: () => new Date(Date.now() + offset) });
  browser = await launchBrowser();
  other = await launchIsolatedBrowser();
  page = await browser.newPage();
  page2 = await other.newContextPage();
  // 许美华 (东云果蔬合作社) becomes a volunteer: the second volunteer of 嘉善县's pool.
  const found = await api<{ people: { userId: string }[] }>('staff', 'searchPeople', { name: '许美华' }, 'demo-staff-county');
  expect(found.people).toHaveLength(1);
  await api('staff', 'grantRole', { userId: found.people[0].userId, role: 'volunteer' }, 'demo-staff-county');
  // 柴建平 already holds a claim on the seeded 电风扇 (he gives it back in the journey).
  await api('wishes', 'claim', { wishId: 'w_demo_fan' }, 'demo-model-provincial');
});

afterAll(async () => {
  await other?.close();
  await browser?.close();
  await server?.close();
});

it('grassroots staff collect a wish for an archived household; the county vets and publishes it', async () => {
  await as(page, 'demo-staff-dongyun', '/pkg-wishes/collect/index');
  await page.locator('.choice--household .choice__option').filter({ hasText: '王秀兰' }).first().click({ timeout: 30_000 });
  await page.locator('.field--title input').fill(TITLE);
  await page.locator('.choice--category .choice__option[data-value="appliance"]').click();
  // Personal data in the description is refused before anything is sent.
  await page.locator('.wish-collect__description textarea').fill('老人独居，电话 13812345678，希望有一个电饭煲。');
  await page.locator('.field--valueYuan input').fill('300');
  await page.locator('.choice--handover .choice__option[data-value="at_union"]').click();
  await page.locator('.wish-collect__submit').click();
  await page.locator('.text-box--invalid').first().waitFor({ timeout: 10_000 });
  await page.locator('.wish-collect__description textarea').fill('家里的电饭煲内胆坏了，老人煮饭要用锅，希望有一个 3 升左右的电饭煲。');
  await shot(page, 'collect-staff');
  await page.locator('.wish-collect__submit').click();
  const result = page.locator('.wish-collect__result');
  await result.waitFor({ timeout: 30_000 });
  wishId = (await result.getAttribute('data-wish-id')) ?? '';
  expect(wishId).toMatch(/^w_/);
  expect(await result.innerText()).toContain('待审核');

  await as(page, 'demo-staff-county', '/pkg-wishes/staff/index');
  const item = page.locator(`.wish-staff__vet[data-wish-id="${wishId}"]`);
  await item.waitFor({ timeout: 30_000 });
  expect(await item.innerText()).toContain('王秀兰');
  await shot(page, 'vet-county');
  await item.locator('.review-queue__act--approve').click();
  await item.waitFor({ state: 'detached', timeout: 30_000 });
});

it('a volunteer claims it in the pool; a second volunteer racing for it is told it is taken', async () => {
  // 许美华 opens the wish first and sees 我来认领.
  await as(page2, 'demo-model-medal', `/pkg-wishes/detail/index?wishId=${wishId}`);
  await page2.locator('.wish-detail__claim').waitFor({ timeout: 30_000 });
  const before = await points();

  await as(page, 'demo-model-provincial', '/pkg-wishes/pool/index');
  const card = page.locator(`.wish-pool__item[data-wish-id="${wishId}"]`);
  await card.waitFor({ timeout: 30_000 });
  const text = await card.innerText();
  expect(text).toContain('王*');
  expect(text).not.toContain('王秀兰');
  await shot(page, 'pool-volunteer');
  await card.click();
  await page.locator('.wish-detail__claim').click({ timeout: 30_000 });
  await confirmModal(page, '确定认领');
  await page.locator('.wish-detail__result').waitFor({ timeout: 30_000 });
  await page.locator('.wish-detail__contact').waitFor();
  expect(await page.locator('.wish-detail__body').getAttribute('data-status')).toBe('claimed');
  await shot(page, 'claimed');

  await page2.locator('.wish-detail__claim').click();
  await confirmModal(page2, '确定认领');
  const refused = page2.locator('.wish-detail__refused[data-code="wishes.already_claimed"]');
  await refused.waitFor({ timeout: 30_000 });
  expect(await refused.innerText()).toContain('被其他志愿者认领');
  await shot(page2, 'race-taken');

  // Gives the other claim back: it is in the pool again at once.
  await as(page, 'demo-model-provincial', '/pkg-wishes/mine/index');
  await page.locator('.wish-mine__claim[data-wish-id="w_demo_fan"]').waitFor({ timeout: 30_000 });
  await shot(page, 'mine-two-claims');
  await page.locator('.wish-mine__claim[data-wish-id="w_demo_fan"] .wish-mine__open').click();
  await page.locator('.wish-detail__give_back').click({ timeout: 30_000 });
  await page.locator('.wish-detail__reason--give_back textarea').fill('近期要出差，无法按时送达');
  await page.locator('.wish-detail__give_back-submit').click();
  await confirmModal(page);
  await page.locator('.wish-detail__body[data-status="published"]').waitFor({ timeout: 30_000 });

  // Delivers the first with a photo.
  await as(page, 'demo-model-provincial', `/pkg-wishes/deliver/index?wishId=${wishId}`);
  await page.locator('.wish-deliver__submit').click({ timeout: 30_000 });
  await page.getByText('请上传至少一张送达照片').first().waitFor({ timeout: 10_000 });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 15_000 }), page.locator('.wish-photos__add').click()]);
  await chooser.setFiles({ name: '送达照片.png', mimeType: 'image/png', buffer: png() });
  await page.locator('.wish-photos__item').first().waitFor({ timeout: 30_000 });
  await page.locator('.wish-deliver__note textarea').fill('已送到东云果蔬合作社工会，由陆主席转交');
  await shot(page, 'deliver');
  await page.locator('.wish-deliver__submit').click();
  await page.locator('.wish-deliver__result').waitFor({ timeout: 30_000 });

  // The household's union confirms receipt on her behalf and leaves her thank-you.
  await as(page, 'demo-staff-dongyun', `/pkg-wishes/detail/index?wishId=${wishId}`);
  await page.locator('.wish-detail__delivery .wish-photos__img').first().waitFor({ timeout: 30_000 });
  await page.locator('.wish-detail__confirm').click();
  await confirmModal(page, '确认收到');
  await page.locator('.wish-detail__body[data-status="completed"]').waitFor({ timeout: 30_000 });
  await page.locator('.wish-detail__thank textarea').fill(THANKS);
  await page.locator('.wish-detail__thank-submit').click();
  await page.locator('.wish-detail__thanks').filter({ hasText: THANKS }).waitFor({ timeout: 30_000 });
  await shot(page, 'completed-staff');

  // Points: 10 a wish, plus 5 from 200 yuan (the default rule).
  const after = await points();
  expect(after - before).toBe(15);
  await page.locator(`.wish-mine__past[data-wish-id="${wishId}"]`).filter({ hasText: THANKS }).first().waitFor();
  await shot(page, 'mine-points');

  // The public wall: the wish, masked, with the thanks.
  await as(page, 'demo-worker', '/pkg-wishes/wall/index');
  const wall = page.locator(`.wish-wall__item[data-wish-id="${wishId}"]`);
  await wall.waitFor({ timeout: 30_000 });
  const line = await wall.innerText();
  expect(line).toContain(THANKS);
  expect(line).toContain('王*');
  expect(line).not.toContain('王秀兰');
  expect(line).not.toContain('柴建平');
  await shot(page, 'wall');
});

it('a claim left past its deadline is released and shows in the stuck queue, where the union fulfils it', async () => {
  await api('wishes', 'claim', { wishId: 'w_demo_fan' }, 'demo-model-medal');
  offset = 15 * DAY;
  await as(page, 'demo-staff-county', '/pkg-wishes/staff/index');
  await page.locator('.tab-bar__tab--stuck').click({ timeout: 30_000 });
  const item = page.locator('.wish-staff__stuck[data-wish-id="w_demo_fan"]');
  await item.waitFor({ timeout: 30_000 });
  expect(await item.innerText()).toContain('超过送达期限');
  await shot(page, 'stuck');
  await item.locator('.review-queue__act--fulfil').click();
  await confirmModal(page);
  await item.waitFor({ state: 'detached', timeout: 30_000 });
});

it('county staff see the ranking and set the local rules', async () => {
  await as(page, 'demo-staff-county', '/pkg-wishes/staff/index');
  await page.locator('.tab-bar__tab--ranking').click({ timeout: 30_000 });
  await page.locator('.wish-staff__ranking').filter({ hasText: '柴建平' }).waitFor({ timeout: 30_000 });
  await page.locator('.tab-bar__tab--policy').click();
  await page.locator('.field--maxOpenClaims input').fill('4', { timeout: 30_000 });
  await page.locator('.wish-staff__policy-save').click();
  await confirmModal(page);
  await page.locator('.wish-staff__policy').filter({ hasText: '最多 4 个' }).waitFor({ timeout: 30_000 });
  await shot(page, 'policy-county');
});

it('an archived worker sees their own household wishes, with the reason a wish was returned', async () => {
  await as(page, 'demo-worker-3', '/pkg-wishes/mine/index');
  const returned = page.locator('.wish-mine__wish[data-wish-id="w_demo_desk"]');
  await returned.waitFor({ timeout: 30_000 });
  expect(await returned.innerText()).toContain('请写明书桌的大致尺寸');
  await page.locator('.wish-mine__wish[data-wish-id="w_demo_microwave"][data-status="submitted"]').waitFor();
  await shot(page, 'mine-household');
});
