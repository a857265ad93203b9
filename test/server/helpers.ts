// Helpers of the server tests: positions in fixture files, the seed workspace's paths and URIs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/lspClient';

export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');
export const seedDir = path.join(fixturesDir, 'seed');

export function seedUri(file: string): string {
  return pathToFileURL(path.join(seedDir, file)).href;
}

export function seedText(file: string): string {
  return fs.readFileSync(path.join(seedDir, file), 'utf8');
}

/** LSP position of `needle` (its `n`th occurrence) in `text`, moved by `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, n = 0): { line: number; character: number } {
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`${needle} not found`);
  }
  const offset = i + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** `file:line:character` (1-based line) of a location, for compact assertions. */
export function short(l: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }): string {
  return `${l.uri.split('/').pop()}:${l.range.start.line + 1}:${l.range.start.character}-${l.range.end.character}`;
}
