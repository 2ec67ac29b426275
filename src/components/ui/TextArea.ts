/** NutUI TextArea with its own stylesheet (loaded only where it is used). */
import '@nutui/nutui-react-taro/dist/es/packages/textarea/style/css';

export { default as TextArea } from '@nutui/nutui-react-taro/dist/es/packages/textarea/index';
