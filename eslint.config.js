import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', '.tmp/**', 'src/server/db/migrations/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through src/server/config only.' },
      ],
    },
  },
  {
    // Config parsing, CLI wiring, tests and benches may read the environment.
    files: ['src/server/config/**', 'src/cli/**', 'test/**', 'bench/**', '**/*.test.ts', 'vitest.config.ts', 'drizzle.config.ts', 'scripts/**', 'bin/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
