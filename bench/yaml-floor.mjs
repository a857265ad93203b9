#!/usr/bin/env node
// The `yaml` package's floor for a workspace: read every *.yaml/*.yml file and parseAllDocuments it,
// keeping every Document (what an editor that holds parsed documents pays). Prints one JSON line:
// { files, bytes, ms, rssMB, peakMB }.  Run by bench/run.mjs in its own process.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '..', '..');
const require = createRequire(join(root, 'package.json'));
const { parseAllDocuments } = require('yaml');

function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.ya?ml$/i.test(name)) out.push(p);
  }
  return out;
}

const dir = process.argv[2];
const t0 = performance.now();
const files = walk(dir);
const kept = [];
let bytes = 0;
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  bytes += text.length;
  kept.push(parseAllDocuments(text));
}
const ms = performance.now() - t0;
const rssMB = process.memoryUsage().rss / 1048576;
const peakMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ files: files.length, bytes, docs: kept.reduce((a, d) => a + (Array.isArray(d) ? d.length : 1), 0), ms, rssMB, peakMB }) + '\n');
