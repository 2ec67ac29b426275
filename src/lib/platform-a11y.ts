/**
 * What each platform needs for screen readers beyond the app's own markup. Declared here for TypeScript; Taro
 * resolves `./platform-a11y` to platform-a11y.weapp.ts (Taro's templates learn WeChat's aria-* attributes) or
 * platform-a11y.h5.ts (landmarks, a focusable scroll container and labelled navigation buttons around the pages).
 */
export declare function installPlatformA11y(): void;
