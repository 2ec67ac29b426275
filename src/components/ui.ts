/**
 * NutUI React Taro components used by the app, imported one by one with their own styles,
 * so the bundle carries only what the pages use (the full library would be several hundred KB).
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tabs/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tabpane/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/radio/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/radiogroup/style/css';

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button/index';
export { default as Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell/index';
export { default as CellGroup } from '@nutui/nutui-react-taro/dist/es/packages/cellgroup/index';
export { default as Input } from '@nutui/nutui-react-taro/dist/es/packages/input/index';
export { default as TextArea } from '@nutui/nutui-react-taro/dist/es/packages/textarea/index';
export { default as Tag } from '@nutui/nutui-react-taro/dist/es/packages/tag/index';
export { default as Empty } from '@nutui/nutui-react-taro/dist/es/packages/empty/index';
export { default as Loading } from '@nutui/nutui-react-taro/dist/es/packages/loading/index';
export { default as Dialog } from '@nutui/nutui-react-taro/dist/es/packages/dialog/index';
export { default as Tabs } from '@nutui/nutui-react-taro/dist/es/packages/tabs/index';
export { default as Radio } from '@nutui/nutui-react-taro/dist/es/packages/radio/index';
