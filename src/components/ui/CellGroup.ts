/** NutUI CellGroup with its own stylesheet (loaded only where it is used). */
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css';

export { default as CellGroup } from '@nutui/nutui-react-taro/dist/es/packages/cellgroup/index';
