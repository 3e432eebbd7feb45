// ESLint 9 flat config: typescript-eslint, React, React hooks. Formatting is Prettier's job (`npm run lint`
// runs `prettier --check` after ESLint).
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The SDK names the console (and our dev console host) implement at run time (one list, shared with the
 * host's stand-in test). Importing any other value
 * from the SDK would be `undefined` in the dev host; types are free.
 */
export const SDK_RUNTIME_NAMES = JSON.parse(
  readFileSync(new URL('./sdk-runtime-names.json', import.meta.url), 'utf8'),
);

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      '.cache/',
      'locales/',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks },
    settings: { react: { version: '18.3' } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs['jsx-runtime'].rules,
      ...reactHooks.configs.recommended.rules,
      'react/prop-types': 'off',
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      // The plugin reports problems in the UI; CLI tools under integration-tests/ may print.
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@openshift-console/dynamic-plugin-sdk',
              allowImportNames: SDK_RUNTIME_NAMES,
              allowTypeImports: true,
              message:
                'Only the SDK names the console host implements may be imported at run time (see eslint.config.mjs); import types with `import type`.',
            },
            {
              name: '@openshift-console/dynamic-plugin-sdk-internal',
              message: 'Console internals are not available to plugins.',
            },
          ],
          patterns: [
            {
              group: ['**/integration-tests/**'],
              message: 'src/ must not depend on integration-tests/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures call a parameter named `use`, which is not React's hook.
    files: ['integration-tests/specs/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
);
