import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import vue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * Environment boundaries, as VS Code enforces them: `shared/` runs everywhere and imports neither
 * side; the renderer never imports Node or the main process.
 */
const sideImports = {
  patterns: [
    {
      group: ['**/src-main/**', '../src-main/*'],
      message: 'shared/ and the renderer may not import the main process.',
    },
    { group: ['**/src-renderer/**'], message: 'shared/ and the main process may not import the renderer.' },
  ],
}
const nodeModules = [
  'node:*',
  'fs',
  'path',
  'crypto',
  'os',
  'child_process',
  'electron',
  'better-sqlite3',
  'typeorm',
  'pg',
]

export default tseslint.config(
  {
    ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.electron-native/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    files: ['src-renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { ...sideImports, paths: nodeModules.filter((m) => !m.includes('*')) },
      ],
    },
  },
  {
    // Stores own every call to the main process (docs/architecture.md#the-renderer): views and
    // components ask a store, so what a screen reads and when it refreshes is found in one place.
    files: [
      'src-renderer/src/views/**/*.vue',
      'src-renderer/src/components/**/*.vue',
      'src-renderer/src/App.vue',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...sideImports,
          patterns: [
            ...sideImports.patterns,
            {
              group: ['**/bridge', '../bridge', '../../bridge'],
              importNames: ['bridge'],
              message:
                'Views and components call the main process through a store (src-renderer/src/stores).',
            },
          ],
          paths: nodeModules.filter((m) => !m.includes('*')),
        },
      ],
    },
  },
  {
    // The console never holds the central database's keys: it talks to the central service only
    // (docs/central-service.md). No PostgreSQL driver, nothing of the service's own code.
    files: ['src-main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'pg',
              message: 'The console reaches the central database only through the central service.',
            },
          ],
          patterns: [
            { group: ['**/src-central/**'], message: 'The console does not run the central service’s code.' },
            {
              group: ['**/src-renderer/**'],
              message: 'shared/ and the main process may not import the renderer.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...sideImports.patterns,
            { group: ['node:*'], message: 'shared/ runs in the browser too.' },
          ],
          paths: nodeModules.filter((m) => !m.includes('*')),
        },
      ],
    },
  },
  prettier,
)
