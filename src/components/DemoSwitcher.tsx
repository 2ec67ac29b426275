/**
 * The demo-user switcher exists only in the H5 build (DemoSwitcher.h5.tsx); Taro resolves this import to the .h5
 * file there. In the mini-program the caller is the WeChat user, so nothing is rendered.
 */
export function DemoSwitcher(_props: { onSwitched?: () => void }) {
  return null;
}
