import fs from 'node:fs';
import tseslint from 'typescript-eslint';

const SDK_ONLY_IN_ADAPTER = { name: '@cloudbase/node-sdk', message: 'Only the CloudBase adapter imports the SDK.' };
const SQLITE_ONLY_IN_EMBEDDED = { name: 'better-sqlite3', message: 'Only the embedded store (core/store/embedded*.ts) imports better-sqlite3.' };
const folders = (dir) => fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
/** The features, found from the folders (a new feature is guarded from its first file): account is the base. */
const FEATURES = folders('cloudfunctions/domain').filter((f) => f !== 'account');
const PACKAGES = folders('src').filter((f) => f.startsWith('pkg-'));
const featureRule = (own) => ['error', {
  paths: [SDK_ONLY_IN_ADAPTER, SQLITE_ONLY_IN_EMBEDDED],
  patterns: FEATURES.filter((f) => f !== own).map((f) => ({ group: [`../${f}/*`, `**/domain/${f}/*`], message: 'Features never import each other; they build on account and core.' })),
}];
/** Features never import each other; all may build on account (people, orgs, honours, households) and core. */
const featureBoundaries = [
  ...FEATURES.map((feature) => ({ files: [`cloudfunctions/domain/${feature}/**`], ignores: ['**/*.test.ts'], rules: { 'no-restricted-imports': featureRule(feature) } })),
  // account is the base: it imports no feature.
  { files: ['cloudfunctions/domain/account/**'], ignores: ['**/*.test.ts'], rules: { 'no-restricted-imports': featureRule('account') } },
  // core never imports the domain.
  {
    files: ['cloudfunctions/core/**'],
    ignores: ['**/*.test.ts', 'cloudfunctions/core/store/cloudbase*.ts', 'cloudfunctions/core/platform/cloudbase*.ts', 'cloudfunctions/core/store/embedded*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [SDK_ONLY_IN_ADAPTER, SQLITE_ONLY_IN_EMBEDDED], patterns: [{ group: ['**/domain/**'], message: 'core never imports the domain.' }] }] },
  },
];
/** The app's subpackages never import each other (shared code lives in src/lib, src/components, src/services). */
const packageBoundaries = PACKAGES.map((pkg) => ({
  files: [`src/${pkg}/**`],
  rules: {
    'no-restricted-imports': ['error', { patterns: [
      { group: ['**/cloudfunctions/**'], message: 'The app never imports server code.' },
      ...PACKAGES.filter((p) => p !== pkg).map((p) => ({ group: [`**/${p}/**`], message: 'Subpackages never import each other: move shared code to src/lib or src/components.' })),
    ] }],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', '.tmp/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/cloudfunctions/**'], message: 'The app never imports server code.' },
      ] }],
    },
  },
  {
    files: ['cloudfunctions/**', 'scripts/**', 'e2e/**', 'bench/**', 'types/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['cloudfunctions/**'],
    ignores: ['cloudfunctions/core/store/cloudbase*.ts', 'cloudfunctions/core/platform/cloudbase*.ts', 'cloudfunctions/core/store/embedded*.ts', '**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [SDK_ONLY_IN_ADAPTER, SQLITE_ONLY_IN_EMBEDDED] }] },
  },
  ...featureBoundaries,
  ...packageBoundaries,
  {
    // The contract is platform-free: shared by the mini-program and the functions.
    files: ['types/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [
      { group: ['**/cloudfunctions/**', '**/src/**', '**/scripts/**'], message: 'types/ is the contract: it imports no app or server code.' },
      { group: ['node:*', '@tarojs/*', 'react', 'react-dom', '@cloudbase/*', 'better-sqlite3', 'exceljs', 'fs', 'path', 'crypto'], message: 'types/ is platform-free.' },
    ] }] },
  },
  {
    // Code that can reach the main package (≤ 400 KB) takes only types from the schema files: zod and the schemas
    // stay in the subpackages that validate (through src/lib/form.ts).
    files: ['src/app.ts', 'src/pages/**', 'src/components/**', 'src/services/**', 'src/lib/**'],
    ignores: ['src/lib/form.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: 'zod', message: 'zod stays out of the main package: validate in a subpackage with lib/form.ts.', allowTypeImports: true }],
        patterns: [
          { group: ['**/cloudfunctions/**'], message: 'The app never imports server code.' },
          { group: ['**/types/*.schema', '**/zod-setup'], message: 'Main-package code imports only types from the schema files.', allowTypeImports: true },
        ],
      }],
    },
  },
);
