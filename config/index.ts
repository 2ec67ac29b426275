/**
 * Taro 4 build config (webpack5 runner, React, TypeScript).
 * Output: weapp → dist/weapp, h5 → dist/h5 (served by the local server at `/`).
 */
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');
const platform = process.env.TARO_ENV === 'h5' ? 'h5' : 'weapp';

/** Sources outside src/ and ES2020+ packages that babel must transpile for old WeChat clients and browsers. */
const compileInclude = [
  path.join(root, 'types'),
  (file: string) => /node_modules[\\/](zod|dayjs)[\\/]/.test(file),
];

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'laomo-gongjiang-zhijia',
    date: '2026-12-02',
    // Our styles are designed at 750 (32px here = 32rpx = 16 CSS px).
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: ['@tarojs/plugin-html', path.join(root, 'config/plugins/a11y-attributes.js')],
    alias: { '@': path.join(root, 'src') },
    sass: { resource: [path.join(root, 'src/styles/variables.scss')] },
    // Always defined, so the mini-program never reads `process` at run time (there is none); empty = the
    // environment chosen in WeChat DevTools. Set it in the shell or in `.env.production` (Taro loads TARO_APP_*).
    defineConstants: {
      'process.env.TARO_APP_CLOUD_ENV': JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // Size is watched by scripts/report-sizes.ts against WeChat's real limits, not webpack's web hints.
      webpackChain(chain) {
        chain.performance.hints(false);
      },
      compile: { include: compileInclude },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      // Pages load as async chunks; share NutUI, zod and the app's own modules between them instead of copying
      // them into every page chunk (Taro's default splits initial chunks only).
      webpackChain(chain) {
        chain.optimization.splitChunks({ ...chain.optimization.get('splitChunks'), chunks: 'all' });
      },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: compileInclude },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
