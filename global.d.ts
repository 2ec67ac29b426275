/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.jpg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform Taro is building for. */
    TARO_ENV?: 'weapp' | 'h5';
    /** WeChat mini-program appid (Taro writes it into dist/weapp/project.config.json when set). */
    TARO_APP_ID?: string;
    /** CloudBase environment id used by `Taro.cloud.init` on weapp; unset = the default environment. */
    TARO_APP_CLOUD_ENV?: string;
  }
}
