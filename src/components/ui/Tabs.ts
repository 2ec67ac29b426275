/** NutUI Tabs with its own stylesheet (loaded only where it is used). */
import '@nutui/nutui-react-taro/dist/es/packages/tabs/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tabpane/style/css';

export { default as Tabs } from '@nutui/nutui-react-taro/dist/es/packages/tabs/index';
