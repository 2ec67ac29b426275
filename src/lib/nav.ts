import Taro from '@tarojs/taro';

/** Opens a page; a failure (e.g. a page not yet deployed) is told in plain Chinese. */
export function openPage(url: string): void {
  Taro.navigateTo({ url }).catch(() => {
    void Taro.showToast({ title: '页面暂时无法打开，请稍后再试', icon: 'none' });
  });
}

export function openTab(url: string): void {
  void Taro.switchTab({ url });
}

export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2500 });
}
