// The renderer's UI catalogues (renderer/app/strings.{nl,en}.ts) for tests: the renderer is not
// compiled by tsc for Node, so they are bundled here with esbuild, as the renderer bundle does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { repoRoot } from './paths.js';

export type UiCatalogue = Record<string, string>;

/** `{ nl, en }` as the renderer has them. */
export async function loadUiCatalogues(): Promise<{ nl: UiCatalogue; en: UiCatalogue }> {
  const dir = mkdtempSync(join(tmpdir(), 'cadans-strings-'));
  try {
    const out = join(dir, 'strings.mjs');
    buildSync({
      stdin: { contents: "export { nl } from './renderer/app/strings.nl.ts'; export { en } from './renderer/app/strings.en.ts';", resolveDir: repoRoot, loader: 'ts' },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      outfile: out,
      logLevel: 'silent',
    });
    return (await import(pathToFileURL(out).href)) as { nl: UiCatalogue; en: UiCatalogue };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
