// ESLint (flat config): TypeScript, Lit templates and web-component rules; formatting is Prettier's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '**/node_modules/**',
      'test/bench/results/**',
      'coverage/**',
      'server/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/components/**/*.ts', 'test/unit/**/*.ts', 'demo/**/*.{js,ts}'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Elements are registered in one place (src/components/define.ts), never on import.
      'wc/no-self-class': 'off',
    },
  },
  {
    // chai's property assertions (`expect(x).to.be.true`) are expressions; tests may type loosely.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The server is its own package: it uses the widget's shared rules through the package's entry
    // point (`ozg-form/rules`), as a municipality's installation would, never by path into src/.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/**'], message: "Import the widget's shared code from 'ozg-form/rules'." }] },
      ],
    },
  },
  prettier,
);
