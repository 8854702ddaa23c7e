// Lint setup. Besides typescript-eslint's recommended rules, this file makes the
// import direction mechanical:  shared ← native-adapters ← main;  renderer → shared only.
// Only native-adapters/ may import the native libraries (serialport, noble, better-sqlite3-multiple-ciphers).
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'buffer', 'child_process', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'tls',
  'url', 'util', 'worker_threads', 'zlib',
];
const nodeBuiltinPatterns = [{ group: ['node:*'], message: 'shared/ and renderer/ have no Node.' }];
const NATIVE = ['serialport', '@serialport/*', '@abandonware/noble', 'better-sqlite3', 'better-sqlite3-multiple-ciphers'];
const nativeMsg = 'Only native-adapters/ imports serialport, noble and better-sqlite3-multiple-ciphers.';

const restrict = (groups, paths = []) => ({
  'no-restricted-imports': ['error', { paths, patterns: groups }],
});
const folder = (name, msg) => ({ group: [`**/${name}/**`, `**/${name}`], message: msg });

export default tseslint.config(
  { ignores: ['build/**', 'dist/**', 'node_modules/**', 'test-artifacts/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [
        ...nodeBuiltinPatterns,
        folder('main', 'shared/ must not import main/.'),
        folder('native-adapters', 'shared/ must not import native-adapters/.'),
        folder('renderer', 'shared/ must not import renderer/.'),
        { group: [...NATIVE, 'react', 'react-dom', 'uplot', 'electron'], message: 'shared/ is pure TypeScript.' },
      ],
      NODE_BUILTINS.map((name) => ({ name, message: 'shared/ has no Node.' })),
    ),
  },
  {
    files: ['native-adapters/**/*.ts'],
    rules: restrict([
      folder('main', 'native-adapters/ must not import main/.'),
      folder('renderer', 'native-adapters/ must not import renderer/.'),
      { group: ['electron'], message: 'native-adapters/ runs in plain Node.' },
    ]),
  },
  {
    files: ['main/**/*.ts'],
    rules: restrict([
      folder('renderer', 'main/ must not import renderer/.'),
      { group: NATIVE, message: nativeMsg },
    ]),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict(
      [
        ...nodeBuiltinPatterns,
        folder('main', 'renderer/ talks to main only through the API contract in shared/ipc.'),
        folder('native-adapters', 'renderer/ must not import native-adapters/.'),
        { group: [...NATIVE, 'electron'], message: 'renderer/ is sandboxed.' },
      ],
      NODE_BUILTINS.map((name) => ({ name, message: 'renderer/ has no Node.' })),
    ),
  },
  {
    files: ['test/**/*.ts'],
    rules: restrict([{ group: NATIVE, message: nativeMsg + ' Tests use the adapters too.' }]),
  },
);
