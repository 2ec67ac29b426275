/** NutUI Cell with its own stylesheet (loaded only where it is used). */
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';

export { default as Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell/index';
