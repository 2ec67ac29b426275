/**
 * The mini-program build carries WeChat's accessibility attributes: Taro's templates know aria-role, aria-label …
 * (config/plugins/a11y-attributes.js) under the same short keys that the runtime computes after merging the same
 * list (src/lib/platform-a11y.weapp.ts), so `ariaRole` / `ariaLabel` props reach WeChat's screen reader.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getComponentsAlias, internalComponents, mergeInternalComponents, toCamelCase } from '@tarojs/shared';
import patch from '../src/lib/a11y-attributes.json';

const BASE = path.resolve(__dirname, '..', 'dist', 'weapp', 'base.wxml');

it('the weapp templates carry every aria attribute under the key the runtime uses', () => {
  if (!fs.existsSync(BASE)) throw new Error('dist/weapp is not built: run `npm run build:weapp` first');
  const wxml = fs.readFileSync(BASE, 'utf8');
  mergeInternalComponents(patch as Record<string, Record<string, string>>);
  const alias = getComponentsAlias(internalComponents) as Record<string, Record<string, string>>;
  // View (every tile, chip, tick and landmark) has the same attributes on every platform: its keys must match.
  for (const attr of Object.keys(patch.View)) {
    const key = alias.view[toCamelCase(attr)];
    expect(key).toMatch(/^p\d+$/);
    expect(wxml).toContain(`${attr}="{{i.${key}}}"`);
  }
  // The others gain WeChat-only attributes at run time, which shift their keys: each attribute is there at all.
  for (const attrs of Object.values(patch)) {
    for (const attr of Object.keys(attrs)) expect(wxml).toMatch(new RegExp(`${attr}="\\{\\{i\\.p\\d+\\}\\}"`));
  }
});
