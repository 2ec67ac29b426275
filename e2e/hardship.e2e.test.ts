/**
 * The 困难帮扶 journeys in Chromium against the H5 build and the local server (issue #11, Proof):
 * - a worker (许美华, 嘉善东云果蔬专业合作社) runs the self-test, files with an attachment; the grassroots union
 *   verifies with a home-visit record; the town returns it for a missing receipt; the worker adds it and resubmits;
 *   the town forwards with the income check and the county approves with a tier; the 公示 shows the masked name;
 *   after the 公示 period (the server's clock is moved on) the payment is recorded and the household archived;
 * - a county dispatches a household (one typed in, one from a CSV list) that the grassroots union verifies, filling in
 *   the household's form at the visit;
 * - an archived household due for its re-check: started, verified at home, concluded;
 * - grassroots staff file on behalf of a member without a phone.
 * Screenshots go to .artifacts/screenshots/hardship-*.png.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { makeIdNumber } from '../scripts/seed/demo-people';
import { launchBrowser, openRoute, setDemoUser, startTestServer, type TestBrowser, type TestServer } from './helpers';
import { screenshotPage } from './a11y';

jest.setTimeout(420_000);

const SHOTS = path.resolve(__dirname, '..', '.artifacts', 'screenshots');
const DAY = 86_400_000;
let offset = 0;
let server: TestServer;
let browser: TestBrowser;
let page: Page;

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startTestServer({ now: () => new Date(Date.now() + offset) });
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300, 7)]);
const tmpFile = (name: string) => {
  const f = path.join(os.tmpdir(), name);
  fs.writeFileSync(f, PNG);
  return f;
};

/** The shown page has rendered and nothing is loading (pages under it in the stack stay in the DOM, hidden). */
async function settle(p: Page): Promise<void> {
  await p.locator('.page:visible').first().waitFor({ timeout: 30_000 });
  await p.waitForFunction(() => !document.querySelector('.page-state--loading, .btn__spinner'), undefined, { timeout: 20_000 }).catch(() => undefined);
  await p.waitForTimeout(250);
}

/** Only what is on the shown page (pages under it in the stack stay in the DOM, hidden). */
const $ = (selector: string) => page.locator(`${selector} >> visible=true`);

async function as(openid: string, route: string): Promise<void> {
  await setDemoUser(page, server.url, openid);
  await openRoute(page, server.url, route);
  await page.reload();
  await settle(page);
}

async function shot(name: string): Promise<void> {
  await settle(page);
  await screenshotPage(page, path.join(SHOTS, `hardship-${name}.png`));
}

async function confirmModal(text = '确定'): Promise<void> {
  await page.getByText(text, { exact: true }).last().click({ timeout: 15_000 });
}

async function fill(selector: string, value: string): Promise<void> {
  const input = $(selector).first();
  await input.waitFor({ timeout: 30_000 });
  await input.fill(value);
}

const pick = (name: string, value: string) => $(`.choice--${name} .choice__option[data-value="${value}"]`).first().click();

async function upload(doc: string, fileName: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 15_000 }), $(`.hs-upload--${doc}`).first().click()]);
  await chooser.setFiles(tmpFile(fileName));
  await $(`.hs-doc--${doc}`).filter({ hasText: '已上传' }).waitFor({ timeout: 30_000 });
}

async function api<T>(openid: string, action: string, data: unknown): Promise<T> {
  const res = await fetch(`${server.url}/api/functions/hardship`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-Demo-OpenId': openid }, body: JSON.stringify({ action, data }) });
  const body = (await res.json()) as { ok: boolean; data: T; error?: unknown };
  if (!body.ok) throw new Error(`${action}: ${JSON.stringify(body.error)}`);
  return body.data;
}

/** Opens a case from a staff queue by the person's name. */
async function openFromQueue(openid: string, queue: string, name: string): Promise<void> {
  await as(openid, '/pkg-hardship/staff/index');
  await $(`.tab-bar__tab--${queue}`).first().click();
  await $(`.hs-staff__list[data-queue="${queue}"] .hs-case`).filter({ hasText: name }).first().click({ timeout: 30_000 });
  await $('.hs-facts').waitFor({ timeout: 30_000 });
}

/** The case form as a household in hardship fills it: own illness, one member, asking for 生活救助. */
async function fillCaseForm(): Promise<void> {
  await pick('kind', 'ongoing');
  await pick('primaryCause', 'own_illness');
  await pick('workStatus', 'employed');
  await fill('.field--monthlyIncome input', '1500');
  await $('.hs-apply__add-member').click();
  await pick('member-0-relation', 'spouse');
  await fill('.field--member-0-age input', '58');
  await pick('member-0-health', 'healthy');
  await fill('.field--member-0-occupation input', '务农');
  await fill('.field--member-0-income input', '0');
  await pick('housingType', 'owned');
  await fill('.field--housingArea input', '70');
  await fill('.field--homes input', '1');
  await pick('hasCar', 'no');
  await pick('business', 'none');
  await fill('.field--medicalCosts input', '20000');
  await fill('.field--schoolingCosts input', '0');
  await fill('.field--otherCosts input', '0');
  await fill('.field--aidReceived input', '0');
  // The per-capita income is shown live: (1500 × 12 − 20000) ÷ 12 ÷ 2.
  await $('.hs-apply__per-capita').filter({ hasText: '-83.33 元' }).waitFor({ timeout: 10_000 });
  await fill('.hs-apply__narrative textarea', '本人今年确诊需长期治疗，自付医疗费用较高，家庭收入难以维持日常开支。');
  await pick('aidKinds', 'living');
}

async function verifyAtGrassroots(name: string, queue = 'verify', withForm = false): Promise<void> {
  await openFromQueue('demo-staff-dongyun', queue, name);
  if (withForm) {
    // A dispatched household has no form yet: the grassroots union fills it in with the family at the visit.
    await $('.hs-verify__form').waitFor({ timeout: 30_000 });
    await fillCaseForm();
    await upload('diagnosis', '诊断证明.png');
    await upload('medical_receipts', '医疗票据.png');
    await $('.tick--declared').click();
    await $('.tick--consent').click();
  }
  await fill('.field--visitor1 input', '王建华');
  await fill('.field--visitor2 input', '李春梅');
  await fill('.hs-act__findings textarea', '入户走访，家中确有病人需要长期照顾，家庭收入与申请相符。');
  await pick('attestation', 'applicant_signed');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 15_000 }), $('.hs-act__photo').first().click()]);
  await chooser.setFiles(tmpFile('走访照片.png'));
  await page.getByText('走访照片：走访照片.png').first().waitFor({ timeout: 30_000 });
  await shot('verify');
  await $('.hs-act__verify').first().click();
  await confirmModal();
  await waitOrShow($('.hs-visit'), 'verify');
}

/** Waits for a locator; on failure saves a screenshot and says what errors the page shows. */
async function waitOrShow(l: ReturnType<Page['locator']>, name: string): Promise<void> {
  try {
    await l.first().waitFor({ timeout: 30_000 });
  } catch (e) {
    await screenshotPage(page, path.join(SHOTS, `hardship-failed-${name}.png`)).catch(() => undefined);
    const shown = await page.locator('.field-error:visible, .form-error:visible, .page-state:visible').allInnerTexts();
    throw new Error(`${name}: ${(e as Error).message.split('\n')[0]} — the page shows: ${shown.join(' | ')}`);
  }
}

it('a worker tests, files with an attachment; verified at home, returned for a receipt, resubmitted, approved in tiers, noticed masked, paid and archived', async () => {
  // The self-test: no filing, a category and what to prepare.
  await as('demo-model-medal', '/pkg-hardship/index/index');
  await shot('home');
  await $('.hs-home__selftest').click();
  await fill('.field--householdSize input', '2');
  await fill('.field--annualIncome input', '18000');
  await fill('.field--medicalCosts input', '20000');
  await $('.hs-selftest__run').click();
  await $('.hs-selftest__verdict').waitFor({ timeout: 30_000 });
  expect(await $('.hs-selftest__result').innerText()).toMatch(/困难/);
  await shot('selftest');
  expect((await api<{ cases: unknown[] }>('demo-model-medal', 'myCases', {})).cases.length).toBe(1); // the seeded one only

  // The application, with one of the two documents its cause needs.
  await $('.hs-selftest__apply').click();
  await fillCaseForm();
  await $('.hs-apply__missing').filter({ hasText: '本年度诊断证明' }).waitFor();
  await upload('diagnosis', '诊断证明.png');
  expect(await $('.hs-apply__missing').innerText()).toContain('自付医疗费用票据');
  expect(await $('.hs-apply__missing').innerText()).not.toContain('诊断证明');
  await $('.hs-apply__save').click();
  await $('.hs-apply__saved').waitFor({ timeout: 30_000 });
  await $('.tick--declared').click();
  await $('.tick--consent').click();
  await shot('apply');
  await $('.hs-apply__submit').click();
  await confirmModal('仍要提交');
  await $('.hs-detail .hs-facts').waitFor({ timeout: 30_000 });
  await $('.hs-detail .hs-status[data-status="reviewing"]').first().waitFor({ timeout: 30_000 });
  await shot('detail-filed');

  // Grassroots: the home visit.
  await verifyAtGrassroots('许美华');

  // Town: returns it for the missing receipt.
  await openFromQueue('demo-staff-town', 'review', '许美华');
  await pick('missing', 'medical_receipts');
  await fill('.field--returnReason input', '请补充今年的自付医疗费用票据');
  await $('.hs-act__return').click();
  await confirmModal();
  await $('.hs-facts .hs-status[data-status="returned"]').first().waitFor({ timeout: 30_000 });

  // The worker sees why, adds the receipt and resubmits.
  await as('demo-model-medal', '/pkg-hardship/index/index');
  await $('.hs-case[data-status="returned"]').first().click({ timeout: 30_000 });
  await $('.hs-detail__returned').filter({ hasText: '自付医疗费用票据' }).waitFor({ timeout: 30_000 });
  await shot('returned');
  await $('.hs-detail__resubmit').click();
  await $('.hs-apply__returned').waitFor({ timeout: 30_000 });
  await upload('medical_receipts', '医疗票据.png');
  await $('.hs-apply').getByText('所需材料已齐').waitFor();
  await $('.hs-apply__submit').click();
  await $('.hs-detail .hs-status[data-status="reviewing"]').first().waitFor({ timeout: 30_000 });
  const caseId = new URL(page.url().replace('/#', '/')).searchParams.get('caseId');
  expect(caseId).toBeTruthy();
  expect(await $('.hs-timeline').innerText()).toMatch(/退回[\s\S]*重新提交/);

  // Town forwards with the income check; the county decides with the tier suggestion.
  await openFromQueue('demo-staff-town', 'review', '许美华');
  await pick('incomeOutcome', 'consistent');
  await $('.hs-act__forward').click();
  await confirmModal();
  await page.getByText('核对结果与申报相符').first().waitFor({ timeout: 30_000 });
  await openFromQueue('demo-staff-county', 'review', '许美华');
  await $('.hs-act--decide').waitFor({ timeout: 30_000 });
  await pick('category', 'deep');
  const award = $('.hs-award--living');
  await award.filter({ hasText: '建议' }).waitFor();
  await shot('decide');
  await $('.hs-act__decide').click();
  await confirmModal();
  await $('.hs-facts .hs-status[data-status="notice"]').first().waitFor({ timeout: 30_000 });

  // The 公示 shows the masked name, not the full one.
  await as('demo-worker-2', '/pkg-hardship/notices/index');
  await as('demo-staff-dongyun', '/pkg-hardship/notices/index');
  const notice = $(`.hs-notice-item[data-case="${caseId}"]`);
  await notice.waitFor({ timeout: 30_000 });
  expect(await notice.locator('.hs-notice-item__name').innerText()).toBe('许*华');
  expect(await $('.hs-notices').innerText()).not.toContain('许美华');
  await shot('notices');

  // After the 公示 period the case waits for payment: the county records it in a batch, then archives the household.
  offset = 10 * DAY;
  await api('demo-admin', 'recover', {});
  await as('demo-staff-county', '/pkg-hardship/payments/index');
  const row = $(`.hs-pay-row[data-case="${caseId}"]`);
  await row.waitFor({ timeout: 30_000 });
  await row.locator('.tick').click();
  await fill(`.field--voucher-${caseId} input`, 'PZ-E2E-001');
  await shot('payments');
  await $('.hs-pay__record').click();
  await confirmModal();
  await row.waitFor({ state: 'detached', timeout: 30_000 });
  await $('.hs-pay__totals').waitFor();
  await as('demo-staff-county', `/pkg-hardship/review/index?caseId=${caseId}`);
  await $('.hs-payments').filter({ hasText: 'PZ-E2E-001' }).waitFor({ timeout: 30_000 });
  await $('.hs-act__archive-go').click();
  await confirmModal();
  await $('.hs-facts .hs-status[data-status="archived"]').first().waitFor({ timeout: 30_000 });
  await shot('archived');
  await as('demo-staff-county', '/pkg-hardship/households/index');
  await $('.tab-bar__tab--all').click();
  await $('.hs-household').filter({ hasText: '许美华' }).first().waitFor({ timeout: 30_000 });
  offset = 0;
});

it('a county dispatches a household; the grassroots union verifies it', async () => {
  await as('demo-staff-county', '/pkg-hardship/dispatch/index');
  await fill('.field--name input', '韩国平');
  await fill('.field--idNumber input', makeIdNumber('330421', '19630512', '219'));
  await fill('.field--reason input', '村（社区）反映：因病致困，独居');
  // The grassroots union, picked in the org tree under 嘉善县总工会 → 大云镇总工会.
  await $('.org-picker__current').first().click();
  await $('.org-picker__panel').getByText('大云镇总工会', { exact: true }).first().click({ timeout: 15_000 });
  await $('.org-picker__panel').getByText('嘉善东云果蔬专业合作社工会', { exact: true }).first().click({ timeout: 15_000 });
  await $('.org-picker__current').filter({ hasText: '嘉善东云果蔬专业合作社工会' }).waitFor();
  await shot('dispatch');
  await $('.hs-dispatch__send').click();
  await confirmModal();
  await $('.hs-dispatch__result').filter({ hasText: '韩国平' }).waitFor({ timeout: 30_000 });

  // Several households from a list (CSV here; .xlsx alike): every row is checked first, then the good ones go down.
  await as('demo-staff-county', '/pkg-hardship/dispatch/index');
  await $('.tab-bar__tab--list').click();
  const csv = path.join(os.tmpdir(), '下派名单.csv');
  fs.writeFileSync(csv, `姓名,身份证号,手机号,基层工会,下派原因\n邵美琴,${makeIdNumber('330421', '19670302', '226')},,嘉善东云果蔬专业合作社工会,子女就学负担重\n查无此人,123,,不存在的工会,测试\n`);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 15_000 }), $('.hs-dispatch__choose').click()]);
  await chooser.setFiles(csv);
  await $('.hs-dispatch__list').getByText('可下派 1 户').waitFor({ timeout: 30_000 });
  await shot('dispatch-list');
  await $('.hs-dispatch__send-list').click();
  await confirmModal();
  await $('.hs-dispatch__result').filter({ hasText: '邵美琴' }).waitFor({ timeout: 30_000 });

  await verifyAtGrassroots('韩国平', 'dispatched', true);
  expect(await $('.hs-facts').innerText()).toContain('下派核实');
  await shot('dispatch-verified');
});

it('an archived household due for its re-check: started by the county, verified at home, concluded as continued', async () => {
  await as('demo-staff-county', '/pkg-hardship/households/index');
  const card = $('.hs-household').filter({ hasText: '陆阿婆' }).first();
  await waitOrShow(card, 'households');
  await shot('households');
  if (await card.locator('.hs-household__start').count()) {
    await card.locator('.hs-household__start').click();
    await confirmModal();
  }
  await card.locator('.hs-household__open').waitFor({ timeout: 30_000 });

  await verifyAtGrassroots('陆阿婆');

  await as('demo-staff-county', '/pkg-hardship/households/index');
  await $('.hs-household').filter({ hasText: '陆阿婆' }).first().locator('.hs-household__open').click({ timeout: 30_000 });
  await $('.hs-act--conclude').waitFor({ timeout: 30_000 });
  await pick('outcome', 'continue');
  await $('.hs-act__conclude').click();
  await confirmModal();
  await waitOrShow($('.hs-facts .hs-status[data-status="concluded"]'), 'conclude');
  await shot('recheck-concluded');
});

it('grassroots staff file on behalf of a member without a phone; the case waits for their own home visit', async () => {
  await as('demo-staff-grassroots', '/pkg-hardship/apply/index');
  await pick('forWhom', 'behalf');
  await fill('.field--memberName input', '冯秀英');
  await fill('.field--memberId input', makeIdNumber('330402', '19640708', '237'));
  await $('.org-picker__current').first().click();
  await $('.org-picker__this').first().click({ timeout: 15_000 });
  await $('.org-picker__current').filter({ hasText: '嘉兴恒通精密机械有限公司工会' }).waitFor();
  await fillCaseForm();
  await upload('diagnosis', '诊断证明.png');
  await upload('medical_receipts', '医疗票据.png');
  await $('.tick--declared').click();
  await $('.tick--consent').click();
  await $('.hs-apply__submit').click();
  await waitOrShow($('.hs-detail .hs-facts').filter({ hasText: '冯秀英' }), 'behalf');
  await shot('behalf-filed');
  await as('demo-staff-grassroots', '/pkg-hardship/staff/index');
  await $('.hs-staff__list[data-queue="verify"] .hs-case').filter({ hasText: '冯秀英' }).first().waitFor({ timeout: 30_000 });
});

it('county staff set the local standard (低保 and 公示 days), kept on reload; a town sees it read-only and cannot save', async () => {
  // Last in the file: the other journeys follow the default 嘉善 standard.
  await as('demo-staff-county', '/pkg-hardship/staff/index');
  await shot('staff-config-link');
  await $('.hs-staff__config').filter({ hasText: '本地帮扶标准设置' }).click();
  await waitOrShow($('.hs-config__form'), 'config-open');
  expect(await $('.hs-config__source').innerText()).toMatch(/来源：/);
  await shot('config');

  // An error per field from the same schema the function uses: 公示 under 5 working days.
  await fill('.field--noticeWorkingDays input', '3');
  await $('.hs-config__save').click();
  await waitOrShow($('.field--noticeWorkingDays .field-error').filter({ hasText: '公示天数不能小于 5' }), 'config-invalid');
  await shot('config-invalid');

  await fill('.field--dibao input', '1250');
  await fill('.field--noticeWorkingDays input', '7');
  await $('.hs-config__save').click();
  await confirmModal();
  await waitOrShow($('.hs-config__source').filter({ hasText: '嘉善县总工会' }).filter({ hasText: '最近保存' }), 'config-saved');

  await as('demo-staff-county', '/pkg-hardship/config/index');
  await waitOrShow($('.hs-config__form'), 'config-reload');
  expect(await $('.field--dibao input').inputValue()).toBe('1250');
  expect(await $('.field--noticeWorkingDays input').inputValue()).toBe('7');
  const source = await $('.hs-config__source').innerText();
  expect(source).toMatch(/1250 元/);
  expect(source).toMatch(/7 个工作日/);
  await shot('config-saved');

  // A town follows the county's standard, sees it read-only and is told why it cannot change it.
  await as('demo-staff-town', '/pkg-hardship/config/index');
  await waitOrShow($('.hs-config__readonly'), 'config-town');
  expect(await $('.hs-config__source').innerText()).toMatch(/沿用嘉善县总工会的标准[\s\S]*1250 元/);
  expect(await $('.hs-config__readonly').innerText()).toMatch(/县（市、区）级及以上工会设置/);
  expect(await $('.hs-config__save').count()).toBe(0);
  await shot('config-town');
  // Nor can it save by calling the function itself.
  const me = await api<{ orgId: string; year: number; config: unknown }>('demo-staff-town', 'getConfig', { orgId: 'org_jx_js_dy' });
  await expect(api('demo-staff-town', 'saveConfig', { orgId: me.orgId, year: me.year, config: me.config })).rejects.toThrow(/县（市、区）级及以上工会设置/);
});
