// The robustness corpus through the real bundled server: indexed from disk as a workspace folder, then
// every file opened as a document (decoded as an editor would), its diagnostics awaited, and hovers,
// definitions, completions asked at a few offsets. The server answers every request, publishes the
// reviewed diagnostics (none on what is not a manifest), and stays within a memory bound.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, repoRoot } from '../support/lspClient';
import { EXPECTED, NOT_MANIFESTS } from '../support/negativeCorpus';

const root = path.resolve(repoRoot, '..', 'shared', 'corpus', 'negative');
/** Resident memory of the server after the whole corpus, where /proc tells it (Linux). */
const RSS_BOUND_MB = 600;

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else if (/\.(ya?ml|json)$/.test(e.name)) out.push(r);
  }
  return out;
}

/** Bytes → text as an editor opens them: UTF-16 by its BOM, else UTF-8 (a UTF-8 BOM dropped). */
function editorText(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder('utf-16be').decode(buf.subarray(2));
  return new TextDecoder('utf-8').decode(buf);
}

function rssMb(pid: number | undefined): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

test('server: every negative-corpus file opened as a document gets its diagnostics and answers hovers', { skip: !fs.existsSync(root) && 'no corpus' }, async (t) => {
  const c = new LspClient();
  try {
    let started = Date.now();
    await c.start([root]);
    const indexMs = Date.now() - started;
    started = Date.now();
    const files = listFiles(root);
    const got: [string, string][] = [];
    let requests = 0;
    let hovers = 0;
    for (const f of files) {
      const uri = pathToFileURL(path.join(root, f)).href;
      const text = editorText(fs.readFileSync(path.join(root, f)));
      const mark = c.notifications.length;
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId: f.endsWith('.json') ? 'json' : 'yaml', version: 1, text } });
      const n = await c.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri, 30000, mark);
      const codes = (n.params.diagnostics as { code: string }[]).map((d) => d.code).join(' ');
      if (codes) got.push([f, codes]);
      // a few positions (at most 40 per file): the start, the end, inside names and values of
      // `name:`/`app:`/`subdomain:`/`serviceName:` lines, and every 7th line's 3rd character
      const lines = text.split(/\r\n|\r|\n/);
      const positions = [{ line: 0, character: 0 }, { line: lines.length - 1, character: lines[lines.length - 1].length }];
      lines.forEach((l, i) => {
        const m = /^(\s*(?:- )?(?:name|app|subdomain|serviceName|hostname):\s*["']?)\S/.exec(l);
        if (m && positions.length < 30) positions.push({ line: i, character: m[1].length + 1 });
      });
      for (let l = 0; l < lines.length && positions.length < 40; l += 7) positions.push({ line: l, character: Math.min(2, lines[l].length) });
      for (const position of positions) {
        const params = { textDocument: { uri }, position };
        const [h] = await Promise.all([
          c.request('textDocument/hover', params),
          c.request('textDocument/definition', params),
          c.request('textDocument/completion', params),
        ]);
        requests += 3;
        if (h) hovers++;
      }
      c.notify('textDocument/didClose', { textDocument: { uri } });
    }
    const rss = rssMb(c.pid);
    t.diagnostic(`indexed in ${indexMs} ms; ${files.length} documents opened, ${requests} requests (${hovers} hovers) in ${Date.now() - started} ms; server RSS ${rss?.toFixed(0) ?? '?'} MB (bound ${RSS_BOUND_MB} MB)`);
    assert.deepEqual(got.filter(([f]) => NOT_MANIFESTS.test(f)), []);
    assert.deepEqual(got, EXPECTED);
    if (rss !== undefined) assert.ok(rss < RSS_BOUND_MB, `${rss} MB`);
    // CR-only line breaks: ranges on the lines the editor shows
    const cr = pathToFileURL(path.join(root, 'handmade/cr-only-line-endings.yaml')).href;
    c.notify('textDocument/didOpen', { textDocument: { uri: cr, languageId: 'yaml', version: 1, text: fs.readFileSync(path.join(root, 'handmade/cr-only-line-endings.yaml'), 'utf8') } });
    const h = await c.request('textDocument/hover', { textDocument: { uri: cr }, position: { line: 3, character: 9 } });
    assert.ok(h, 'a hover on the Service name of a CR-only file');
    assert.deepEqual(h.range, { start: { line: 3, character: 8 }, end: { line: 3, character: 11 } });
    assert.equal(c.stderr, '', 'nothing on stderr');
  } finally {
    await c.stop();
  }
});
