/** NutUI Radio with its own stylesheet (loaded only where it is used). */
import '@nutui/nutui-react-taro/dist/es/packages/radio/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/radiogroup/style/css';

export { default as Radio } from '@nutui/nutui-react-taro/dist/es/packages/radio/index';
