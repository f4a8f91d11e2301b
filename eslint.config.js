import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'demo-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': 'error',
      // zod is configured once (no eval probe under the extension CSP) in lib/zod.ts.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'zod', message: 'Import z from lib/zod.ts.' }] },
      ],
    },
  },
  { files: ['lib/zod.ts'], rules: { 'no-restricted-imports': 'off' } },
  {
    // In tests and tools a wrong `!` fails loudly at once; spelling out each check adds nothing.
    files: ['tests/**', 'scripts/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // The page's IndexedDB is the site's, not ours: storage is reached through the background only.
    files: [
      'entrypoints/extractor.ts',
      'entrypoints/*.content/**',
      'lib/extract/**',
      'lib/markdown/**',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/storage/**', 'dexie'] }],
    },
  },
);
