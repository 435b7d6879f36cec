// One linter for the whole repository. Besides the usual TypeScript rules it guards the layering of
// DESIGN.md §10: workflows/ is pure domain code (imports neither server/ nor editor/, does no I/O),
// editor/ never imports server/, and there are no import cycles anywhere.
import js from '@eslint/js'
import accord from './eslint/no-import-cycles.js'
import tseslint from 'typescript-eslint'

const ioModules = [
  'node:*',
  'fs',
  'net',
  'http',
  'ws',
  'y-websocket',
  'better-sqlite3',
  'pg',
  'ioredis',
  'hono',
  'hono/*',
  '@hono/*',
  'playwright-core',
]

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { accord },
    rules: {
      'accord/no-import-cycles': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/editor/**'],
              message: 'workflows/ is pure domain code: it imports neither server/ nor editor/.',
            },
            { group: ioModules, message: 'workflows/ does no I/O: no sockets, files, databases or HTTP.' },
          ],
        },
      ],
    },
  },
  {
    files: ['editor/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**'], message: 'editor/ never imports server/ code.' }] },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/editor/**'], message: 'server/ never imports editor/ code.' }] },
      ],
    },
  },
)
