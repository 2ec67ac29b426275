import './zod-setup';
import type { PropsWithChildren } from 'react';
import '@nutui/nutui-react-taro/dist/styles/themes/default.css';
import './app.scss';
import './styles/components.scss';

/** The app shell: pages render as children; identity is loaded by the pages through useMe(). */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
