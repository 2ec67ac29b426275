/** NutUI Dialog with its own stylesheet (loaded only where it is used). */
import '@nutui/nutui-react-taro/dist/es/packages/dialog/style/css';

export { default as Dialog } from '@nutui/nutui-react-taro/dist/es/packages/dialog/index';
