// Bundles with esbuild (run by scripts/build.mjs after tsc):
//  - renderer/main.tsx  → build/renderer/app.js + app.css (+ index.html copied), for the browser;
//  - main/preload/preload.ts → build/main/preload.cjs, CommonJS for Electron's sandboxed preload
//    (only `electron` stays external: a sandboxed preload cannot require anything else).
// Usage: node scripts/bundle.mjs [--dev]   (--dev: no minification, inline source maps)
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';

const dev = process.argv.includes('--dev');
mkdirSync('build/renderer', { recursive: true });
mkdirSync('build/main', { recursive: true });

await build({
  entryPoints: ['renderer/main.tsx'],
  outfile: 'build/renderer/app.js',
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome120'],
  jsx: 'automatic',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': dev ? '"development"' : '"production"' },
  logLevel: 'warning',
});
copyFileSync('renderer/index.html', 'build/renderer/index.html');

await build({
  entryPoints: ['main/preload/preload.ts'],
  outfile: 'build/main/preload.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: ['node20'],
  external: ['electron'],
  minify: false,
  logLevel: 'warning',
});
