import tseslint from 'typescript-eslint';

const SDK_ONLY_IN_ADAPTER = { name: '@cloudbase/node-sdk', message: 'Only the CloudBase adapter imports the SDK.' };
const SQLITE_ONLY_IN_EMBEDDED = { name: 'better-sqlite3', message: 'Only the embedded store (core/store/embedded*.ts) imports better-sqlite3.' };
const FEATURES = ['staff', 'greencard', 'trips', 'wishes'];
/** Features never import each other; all may build on account (people, orgs, honours) and core. */
const featureBoundaries = FEATURES.map((feature) => ({
  files: [`cloudfunctions/domain/${feature}/**`],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      paths: [SDK_ONLY_IN_ADAPTER, SQLITE_ONLY_IN_EMBEDDED],
      patterns: FEATURES.filter((f) => f !== feature).map((f) => ({ group: [`../${f}/*`], message: 'Features never import each other.' })),
    }],
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
