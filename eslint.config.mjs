import tseslint from 'typescript-eslint';

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
    ignores: ['cloudfunctions/core/store/cloudbase*.ts', 'cloudfunctions/core/platform/cloudbase*.ts', '**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: '@cloudbase/node-sdk', message: 'Only the CloudBase adapter imports the SDK.' }] }] },
  },
);
