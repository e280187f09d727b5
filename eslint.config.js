// Lint enforces the process boundaries from ARCHITECTURE.md: dependencies point inward and only
// the thin platform adapters may touch Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'worker_threads',
  'url',
  'stream',
  'events',
  'util',
  'buffer',
];
const electronBan = {
  group: ['electron', 'electron/*'],
  message: 'Only electron/main/platform and electron/preload may import electron.',
};

/** Files are kebab-case; React components PascalCase.tsx (docs/contributing.md). */
const filenameCase = {
  meta: { type: 'suggestion', schema: [] },
  create(context) {
    const name = context.filename.split(/[\\/]/).pop() ?? '';
    const ok =
      /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*\.(ts|js|mjs|cjs)$/.test(name) ||
      /^[A-Z][A-Za-z0-9]*\.tsx$/.test(name) ||
      /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+)*\.tsx$/.test(name);
    return ok
      ? {}
      : {
          Program: (node) =>
            context.report({
              node,
              message: `File name "${name}" is not kebab-case (components: PascalCase.tsx).`,
            }),
        };
  },
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      '**/*.generated.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      'no-restricted-imports': ['error', { patterns: [electronBan] }],
      'faktor/filename-case': 'error',
    },
    plugins: { faktor: { rules: { 'filename-case': filenameCase } } },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronBan,
            {
              group: nodeBuiltins,
              message: 'shared/ is pure: no Node built-ins (inject what you need).',
            },
            {
              group: [
                'react',
                'react-dom',
                'react/*',
                '**/renderer/**',
                '**/electron/**',
                '**/server/**',
              ],
              message: 'shared/ imports nothing from the outer parts.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'process',
        'Buffer',
        'require',
        '__dirname',
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronBan,
            { group: nodeBuiltins, message: 'The renderer is sandboxed: no Node built-ins.' },
            {
              group: ['**/electron/**', '**/server/**'],
              message: 'The renderer talks only to window.faktor.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronBan,
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'server/ depends only on shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronBan,
            {
              group: [
                ...nodeBuiltins,
                'better-sqlite3',
                'fastify',
                '@fastify/*',
                '**/store/**',
                '**/http/**',
              ],
              message: 'server/domain is pure rules: no I/O.',
            },
            {
              regex: '^(?!\\.{1,2}/)(?!\\.\\./\\.\\./shared/)',
              message: 'server/domain imports only itself and shared/.',
            },
            {
              regex: '^\\.\\./(?!\\.\\./shared/)',
              message: 'server/domain imports only itself and shared/.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        {
          name: 'Date',
          message: 'server/domain takes the time as an argument (the test clock must rule).',
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'server/domain is deterministic: randomness comes from the caller.',
        },
      ],
    },
  },
  {
    files: ['server/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronBan,
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'server/ depends only on shared/.',
            },
            {
              group: ['**/app/**', '**/http/**', '../app', '../http'],
              message: 'server/store sits below app/ and http/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/app/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronBan,
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'server/ depends only on shared/.',
            },
            {
              group: ['**/http/**', '../http'],
              message:
                'server/app sits below http/: routes call services, not the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/platform/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronBan,
            {
              group: ['**/renderer/**', '**/server/**'],
              message: 'electron/ depends only on shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/services/**/*.ts', 'electron/main/security/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronBan,
            {
              group: ['**/renderer/**', '**/server/**'],
              message: 'electron/ depends only on shared/.',
            },
            {
              group: [
                '**/platform/**',
                '**/api/**',
                '../api',
                '../ipc',
                '../main-process',
                '**/cli/**',
              ],
              message:
                'services/ and security/ are the inner layer: the api, platform glue and CLI call them, not the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/platform/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain'],
              message:
                'ipcMain is used only by the one validating wrapper, electron/main/platform/ipc-main.ts.',
            },
            {
              name: 'electron',
              importNames: ['shell'],
              message:
                'shell.openExternal only through electron/main/platform/safe-shell.ts (allowlist).',
            },
          ],
          patterns: [
            {
              group: ['**/renderer/**', '**/server/**'],
              message: 'electron/ depends only on shared/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The size rule (issue #8): no function over 80 lines, no file over 300, in every part and in the
    // scripts and benchmarks. Exempt: the translation and message tables (data, not code), the QR
    // benchmark's screenshot generator (bench/qr/synth.ts; #8 exempts benchmark generators) and tests.
    files: [
      'server/**/*.ts',
      'electron/**/*.ts',
      'renderer/src/**/*.{ts,tsx}',
      'shared/**/*.ts',
      'scripts/**/*.ts',
      'bench/**/*.ts',
    ],
    ignores: ['server/i18n/**', 'renderer/src/i18n/**', 'shared/text/**', 'bench/qr/synth.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      'max-lines': ['error', { max: 300 }],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'scripts/**/*.ts', 'bench/**/*.ts', '*.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-restricted-imports': 'off' },
  },
);
