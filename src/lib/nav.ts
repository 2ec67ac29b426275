import Taro from '@tarojs/taro';

export const PAGES = {
  home: '/pages/home/index',
  me: '/pages/me/index',
  register: '/pkg-account/register/index',
  profile: '/pkg-account/profile/index',
} as const;

/** Opens a page; a failure (e.g. a page not yet deployed) is told in plain Chinese. */
export function openPage(url: string): void {
  Taro.navigateTo({ url }).catch(() => {
    void Taro.showToast({ title: '页面暂时无法打开，请稍后再试', icon: 'none' });
  });
}

export function openTab(url: string): void {
  void Taro.switchTab({ url });
}

/** Back to the previous page, or home when the page was opened directly (a shared link, a reload on H5). */
export function goBack(): void {
  const pages = Taro.getCurrentPages();
  if (pages.length > 1) void Taro.navigateBack().catch(() => openTab(PAGES.home));
  else openTab(PAGES.home);
}

export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2500 });
}

/** High-contrast colours for the system dialog (WeChat's default green on white is about 2.2:1). */
const MODAL_COLOURS = { confirmColor: '#b3161c', cancelColor: '#1a1a1a' };

/** Asks before a consequential step; resolves true when the person confirms. */
export async function confirm(title: string, content: string, confirmText = '确定', cancelText = '取消'): Promise<boolean> {
  try {
    const r = await Taro.showModal({ title, content, confirmText, cancelText, ...MODAL_COLOURS });
    return r.confirm;
  } catch {
    return false;
  }
}

/** Tells something that needs acknowledging. */
export async function inform(title: string, content: string, confirmText = '知道了'): Promise<void> {
  try {
    await Taro.showModal({ title, content, confirmText, showCancel: false, ...MODAL_COLOURS });
  } catch {
    // Dismissed.
  }
}
