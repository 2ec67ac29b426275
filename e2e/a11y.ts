/**
 * Helpers for the accessibility suite: the app's pages (read from src/app.config.ts, so a new page is covered
 * without touching the suite), the demo identities worth visiting (one per distinct set of roles, plus a
 * signed-in person who is not registered and an anonymous visitor), axe-core, and the checks the app promises:
 * every clickable element has a role and a name and is at least 44 × 44 px; enlarged text clips no button and
 * nothing overflows sideways.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '..');

export interface AppPage {
  /** e.g. `/pkg-trips/detail/index` */
  route: string;
  /** The query parameters the page reads (`params.id` …), found in its source. */
  params: string[];
}

/** Every page of the app, main package first, from the app config itself. */
export function appPages(): AppPage[] {
  const g = globalThis as { defineAppConfig?: (c: unknown) => unknown };
  g.defineAppConfig = (c) => c;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('../src/app.config').default as { pages: string[]; subPackages?: { root: string; pages: string[] }[] };
  const routes = [...config.pages, ...(config.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
  return routes.map((r) => {
    const file = path.join(ROOT, 'src', `${r}.tsx`);
    const source = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const params = [...new Set([...source.matchAll(/params\.(\w+)/g)].map((m) => m[1]))];
    return { route: `/${r}`, params };
  });
}

export interface Identity {
  /** null: anonymous */
  openid: string | null;
  label: string;
  roles: string[];
  registered: boolean;
}

/** One demo user per distinct set of roles as the functions see them (model_worker comes from honours). */
export async function demoIdentities(baseUrl: string): Promise<Identity[]> {
  const users = (await (await fetch(`${baseUrl}/api/demo-users`)).json()) as { openid: string; label: string }[];
  const seen = new Map<string, Identity>();
  for (const u of users) {
    const r = await fetch(`${baseUrl}/api/functions/account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Demo-OpenId': u.openid },
      body: JSON.stringify({ action: 'me', data: {} }),
    });
    const me = (await r.json()) as { ok: boolean; data?: { roles: string[]; registered: boolean } };
    const roles = me.ok && me.data ? [...me.data.roles].sort() : [];
    const registered = !!me.data?.registered;
    const key = `${registered}:${roles.join(',')}`;
    if (!seen.has(key)) seen.set(key, { openid: u.openid, label: u.label, roles, registered });
  }
  return [...seen.values(), { openid: null, label: '匿名访客', roles: [], registered: false }];
}

export const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  nodes: number;
  targets: string[];
}

export async function runAxe(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, targets: v.nodes.slice(0, 4).map((n) => n.target.join(' ')) }));
  });
}

export interface ControlProblem {
  kind: 'no-role' | 'no-name' | 'too-small' | 'clipped' | 'blank' | 'overflow';
  what: string;
}

/**
 * Checks the clickable elements of the shown page. Taro (H5) keeps each element's listeners in `__events`, so a
 * clickable View is found even though it is a custom element. `sizes`: also check 44 × 44 px; `text`: check that
 * each control's text lies inside its box (not clipped, not pushed out of a blank box); `overflow`: nothing is
 * wider than the screen.
 */
export async function checkControls(page: Page, opts: { roles?: boolean; sizes?: boolean; text?: boolean; overflow?: boolean }): Promise<ControlProblem[]> {
  return page.evaluate((o) => {
    const problems: { kind: string; what: string }[] = [];
    const ROLES = ['button', 'link', 'checkbox', 'radio', 'tab', 'switch', 'menuitem'];
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).split(' ').filter(Boolean).slice(0, 3).join('.')} "${((el as HTMLElement).innerText || '').trim().slice(0, 24)}"`;
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      const cs = getComputedStyle(el);
      return cs.visibility !== 'hidden' && cs.display !== 'none' && !el.closest('[aria-hidden="true"]');
    };
    const all = Array.from(document.querySelectorAll('*'));
    const clickable = all.filter((el) => {
      const events = (el as unknown as { __events?: Record<string, unknown> }).__events;
      const role = el.getAttribute('role');
      return (
        (!!events && !!events.click) ||
        (el.tagName === 'A' && el.hasAttribute('href')) ||
        el.tagName === 'BUTTON' ||
        (!!role && ROLES.includes(role))
      );
    }).filter(visible);
    // A clickable wrapper inside another clickable (Taro's inner views) is judged by the outer one.
    const outer = clickable.filter((el) => !clickable.some((other) => other !== el && other.contains(el) && other.getAttribute('role')));
    for (const el of outer) {
      const role = el.getAttribute('role') || (el.tagName === 'A' ? 'link' : el.tagName === 'BUTTON' ? 'button' : '');
      const name = (el.getAttribute('aria-label') || (el as HTMLElement).innerText || '').trim();
      if (o.roles && !role) problems.push({ kind: 'no-role', what: describe(el) });
      if (o.roles && !name) problems.push({ kind: 'no-name', what: describe(el) });
      const r = el.getBoundingClientRect();
      if (o.sizes && (r.width < 43.5 || r.height < 43.5)) problems.push({ kind: 'too-small', what: `${describe(el)} ${Math.round(r.width)}×${Math.round(r.height)}` });
      if (o.text) {
        const text = ((el as HTMLElement).innerText || '').trim();
        const range = document.createRange();
        range.selectNodeContents(el);
        const rects = Array.from(range.getClientRects()).filter((x) => x.width > 0 && x.height > 0);
        if (text && rects.length === 0) problems.push({ kind: 'blank', what: describe(el) });
        for (const t of rects) {
          if (t.left < r.left - 1 || t.right > r.right + 1 || t.top < r.top - 1 || t.bottom > r.bottom + 1) {
            problems.push({ kind: 'clipped', what: `${describe(el)} text ${Math.round(t.left)}–${Math.round(t.right)}×${Math.round(t.top)}–${Math.round(t.bottom)} box ${Math.round(r.left)}–${Math.round(r.right)}×${Math.round(r.top)}–${Math.round(r.bottom)}` });
            break;
          }
        }
      }
    }
    if (o.overflow) {
      const width = window.innerWidth;
      const doc = document.documentElement;
      if (doc.scrollWidth > width + 1) problems.push({ kind: 'overflow', what: `document ${doc.scrollWidth} > ${width}` });
      for (const el of Array.from(document.querySelectorAll('.taro_page'))) {
        if (visible(el) && el.scrollWidth > el.clientWidth + 1) problems.push({ kind: 'overflow', what: `page scrolls sideways by ${el.scrollWidth - el.clientWidth}px` });
      }
      const wide = all.filter((el) => visible(el) && el.getBoundingClientRect().right > width + 1 && !el.closest('[aria-hidden="true"]'));
      const leaves = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
      for (const el of leaves.slice(0, 5)) problems.push({ kind: 'overflow', what: `${describe(el)} ends at ${Math.round(el.getBoundingClientRect().right)} > ${width}` });
    }
    return problems as { kind: ControlProblem['kind']; what: string }[];
  }, opts);
}

/** Enlarges all text the way the app does for 长辈模式, here to 200 %. */
export async function enlargeText(page: Page, scale = 2): Promise<void> {
  await page.addStyleTag({ content: `:root, .page, .taro_page { --text-scale: ${scale} !important; }` });
  await page.waitForTimeout(150);
}

/** Waits until the shown page has settled: rendered, nothing loading. */
export async function settle(page: Page): Promise<void> {
  await page.locator('.page').first().waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => !document.querySelector('.page-state--loading, .btn__spinner'), undefined, { timeout: 20_000 }).catch(() => undefined);
  await page.waitForTimeout(250);
}

/**
 * A picture of the whole page: the page scrolls inside Taro's container, so the window is made as tall as the
 * page for the shot (the tab bar stays at the bottom, as a person sees it).
 */
export async function screenshotPage(page: Page, file: string): Promise<void> {
  const height = await page.evaluate(() => {
    const scroller = document.querySelector('.taro_page_show, .taro_page') as HTMLElement | null;
    const extra = window.innerHeight - (scroller?.clientHeight ?? window.innerHeight);
    return Math.min(8000, Math.max(844, (scroller?.scrollHeight ?? 844) + extra));
  });
  const width = page.viewportSize()?.width ?? 390;
  await page.setViewportSize({ width, height });
  await page.waitForTimeout(200);
  await page.screenshot({ path: file });
}
