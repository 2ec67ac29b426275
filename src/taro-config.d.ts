/** App config keys that WeChat supports but Taro's AppConfig type does not list. */
import '@tarojs/taro';

declare module '@tarojs/taro' {
  interface AppConfig {
    /** Enables WeChat cloud development (CloudBase) for `Taro.cloud`. */
    cloud?: boolean;
  }
}
