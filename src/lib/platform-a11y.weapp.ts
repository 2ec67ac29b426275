/**
 * Teaches Taro's runtime the aria-* attributes that config/plugins/a11y-attributes.js adds to the mini-program
 * templates, so that `ariaRole` / `ariaLabel` props reach WeChat. Runs once before the first page renders.
 */
import { mergeInternalComponents } from '@tarojs/shared';
import patch from './a11y-attributes.json';

export function installPlatformA11y(): void {
  mergeInternalComponents(patch as Record<string, Record<string, string>>);
}
