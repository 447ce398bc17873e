// Lint: typescript-eslint's type-aware recommended rules over the whole tree; formatting is prettier's job.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'reports/', 'coverage/', '**/__fixtures__/**', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // `const { allOf: _members, ...rest } = schema` is how we omit a key; the named member is meant to go unused.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    files: ['**/*.test.ts'],
    rules: {
      // Jest's `expect(mock.method).toHaveBeenCalled()` passes methods unbound on purpose; nothing calls them with `this`.
      '@typescript-eslint/unbound-method': 'off',
      // @types/jest types the asymmetric matchers (`expect.any`, `expect.stringMatching`, `expect.objectContaining`…)
      // as `any`, so every expected object holding one trips these two; reading untyped values still fails
      // no-unsafe-member-access, -call and -return.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  prettier,
);
