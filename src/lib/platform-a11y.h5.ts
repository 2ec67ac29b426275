/**
 * H5: the parts of the page that Taro's router draws outside React — the navigation bar, the tab bar and each
 * page's scroll container — get landmarks, names and keyboard access:
 * - the navigation bar is a banner, its title the page's heading (level 1), its back and home icons are buttons;
 * - the tab bar is a navigation landmark and marks the current tab;
 * - each page's scroll container can take focus, so keyboard users can scroll it (axe: scrollable-region-focusable).
 */
function setAttrs(el: Element, attrs: Record<string, string>): void {
  for (const [k, v] of Object.entries(attrs)) if (el.getAttribute(k) !== v) el.setAttribute(k, v);
}

function asButton(el: Element | null, label: string): void {
  if (!el || el.getAttribute('role') === 'button') return;
  setAttrs(el, { role: 'button', 'aria-label': label, tabindex: '0' });
  el.querySelectorAll('svg').forEach((svg) => svg.setAttribute('aria-hidden', 'true'));
  el.addEventListener('keydown', (e) => {
    const key = (e as KeyboardEvent).key;
    if (key === 'Enter' || key === ' ') {
      e.preventDefault();
      (el as HTMLElement).click();
    }
  });
}

function patch(): void {
  const bar = document.getElementById('taro-navigation-bar');
  if (bar) {
    setAttrs(bar, { role: 'banner' });
    asButton(bar.querySelector('.taro-navigation-bar-back'), '返回上一页');
    asButton(bar.querySelector('.taro-navigation-bar-home'), '回到首页');
    const title = bar.querySelector('.taro-navigation-bar-title');
    if (title) setAttrs(title, { role: 'heading', 'aria-level': '1' });
    bar.querySelector('.taro-navigation-bar-loading')?.setAttribute('aria-hidden', 'true');
  }
  document.querySelectorAll('taro-tabbar').forEach((tabbar) => {
    setAttrs(tabbar, { role: 'navigation', 'aria-label': '主菜单' });
    tabbar.querySelectorAll('.weui-tabbar__item').forEach((item) => {
      if (item.classList.contains('weui-bar__item_on')) item.setAttribute('aria-current', 'page');
      else item.removeAttribute('aria-current');
    });
  });
  document.querySelectorAll('.taro_page').forEach((p) => {
    if (!p.hasAttribute('tabindex')) p.setAttribute('tabindex', '0');
  });
}

export function installPlatformA11y(): void {
  if (typeof document === 'undefined') return;
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      patch();
    });
  };
  new MutationObserver(schedule).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
  schedule();
}
