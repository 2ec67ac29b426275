import type { PropsWithChildren } from 'react';
import { installPlatformA11y } from './lib/platform-a11y';
import { isElderMode } from './services/elder-mode';
import './app.scss';
import './styles/components.scss';

// Before the first page renders: WeChat's aria-* attributes for Taro's templates (H5: landmarks around pages).
installPlatformA11y();
// 长辈模式 is read once from storage (H5: the root element's class follows it).
isElderMode();

/**
 * The app shell: pages render as children; identity is loaded by the pages through useMe(). NutUI's styles load
 * per component (components/ui/*) and zod only where a form is checked (lib/form.ts), so neither weighs on the
 * main package.
 */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
