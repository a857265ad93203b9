// yamlContextAt (what completion reads while the user types) on text nobody formatted for it: a first
// line that is empty, CRLF and CR line breaks, and a differential property test against the plain
// line-by-line walk it replaced (kept below as the oracle), which reads every line above the cursor.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { yamlContextAt, type YamlContext } from '../../../server/src/core/features/yamlContext';
import { completionAt } from '../../../server/src/service/completion';
import { workspace } from '../service/fixture';

test('regression: completion hung forever in a file whose first line is empty', () => {
  const text = '\n# header\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  subdomain: x\n';
  for (let offset = 0; offset <= text.length; offset++) yamlContextAt(text, offset);
  const c = yamlContextAt(text, text.indexOf('subdomain: x') + 11);
  assert.deepEqual(c.path, ['spec']);
  assert.equal(c.key, 'subdomain');
  const t = workspace({ 'pod.yaml': text });
  for (let offset = 0; offset <= text.length; offset++) completionAt(t.ws, t.uri('pod.yaml'), offset);
});

test('regression: completion threw on a file with CRLF line breaks', () => {
  const text = 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: a\r\nspec:\r\n  containers:\r\n  - name: c\r\n    env:\r\n    - name: X\r\n      value: db\r\n';
  for (let offset = 0; offset <= text.length; offset++) yamlContextAt(text, offset);
  const c = yamlContextAt(text, text.indexOf('value: db') + 9);
  assert.deepEqual(c.path, ['spec', 'containers', '-', 'env', '-']);
  assert.equal(c.key, 'value');
  const t = workspace({ 'pod.yaml': text });
  for (let offset = 0; offset <= text.length; offset++) completionAt(t.ws, t.uri('pod.yaml'), offset);
});

test('yamlContext: CR-only line breaks and U+2028 do not throw', () => {
  for (const text of ['a:\r  b: c\r', 'a: x\u2028b: y\n', '\r\r\n\n---\r\n...\n', '- \r- a:\r']) {
    for (let offset = 0; offset <= text.length; offset++) yamlContextAt(text, offset);
  }
});

// ---------------------------------------------------------------- differential

const line = fc.tuple(
  fc.constantFrom('', ' ', '  ', '    ', '      ', '\t'),
  fc.constantFrom('', '- ', '- - ', '-'),
  fc.constantFrom('spec:', 'spec: x', 'name: web', 'env:', 'value: db.ns.svc', '"q": 1', "'s':", '# c', '---', '...', '--- x', 'kind: Pod', 'a', 'k: |', '', ':', 'x: y: z'),
  fc.constantFrom('\n', '\n', '\n', '\r\n', '\r', '\u2028', ' \n', '\f\n'),
).map(([i, d, c, e]) => i + d + c + e);
const textArb = fc.array(line, { maxLength: 30 }).map((ls) => ls.join(''));

test('yamlContext: equals the line-by-line walk on random block YAML', (t) => {
  let n = 0;
  fc.assert(
    fc.property(textArb, fc.nat(), (text, k) => {
      const offset = text.length === 0 ? 0 : k % (text.length + 1);
      n++;
      assert.deepEqual(yamlContextAt(text, offset), oracleContextAt(text, offset));
    }),
    { numRuns: 3000 },
  );
  t.diagnostic(`${n} texts and offsets`);
});

test('yamlContext: equals the line-by-line walk at every offset of the seed and CRLF copies', () => {
  const texts = [
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n---\nkind: Pod\nspec:\n  containers:\n  - name: c\n    args:\n    - --db=x\n...\n',
  ];
  texts.push(texts[0].replace(/\n/g, '\r\n'));
  for (const text of texts) for (let o = 0; o <= text.length; o++) assert.deepEqual(yamlContextAt(text, o), oracleContextAt(text, o), `offset ${o}`);
});

// ---------------------------------------------------------------- oracle: the line-by-line walk it replaced
// (server/src/core/features/yamlContext.ts before: it read every line above the cursor; with the two
// fixes above — a line start at offset 0, and a CR in a line)

interface LineInfo {
  /** Column of the first `- ` marker, when the line starts a sequence item. */
  dash?: number;
  /** Column where the content starts (after indentation and `- ` markers). */
  col: number;
  key?: string;
  /** Nothing after `key:` (a nested block follows). */
  open: boolean;
  blank: boolean;
  separator: boolean;
}

const KEY_RE = /^(?:"([^"]*)"|'([^']*)'|([^\s#'"][^:#]*?))\s*:(?:\s|$)/;
const WORD_CHAR = /[A-Za-z0-9_.\-/]/;

function lineInfo(raw: string): LineInfo {
  const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (/^(---|\.\.\.)(\s|$)/.test(line)) return { col: 0, open: false, blank: false, separator: true };
  const m = /^(\s*)((?:-(?:\s+|$))*)(.*)$/s.exec(line)!;
  const indent = m[1].length;
  const dashes = m[2];
  const rest = m[3];
  const col = indent + dashes.length;
  if (!dashes && (rest === '' || rest.startsWith('#'))) return { col, open: false, blank: true, separator: false };
  const km = KEY_RE.exec(rest);
  const key = km ? (km[1] ?? km[2] ?? km[3]) : undefined;
  const after = km ? rest.slice(km[0].length).trim() : '';
  return { dash: dashes ? indent : undefined, col, key, open: !!km && (after === '' || after.startsWith('#')), blank: false, separator: false };
}

function oracleContextAt(text: string, offset: number): YamlContext {
  const lineStart = (offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1);
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const prefix = text.slice(lineStart, offset);
  const cur = lineInfo(prefix);
  // the word under the cursor
  let ws = offset;
  while (ws > lineStart && WORD_CHAR.test(text[ws - 1])) ws--;
  // a URL's scheme is not part of a host name
  const slash = text.slice(ws, offset).lastIndexOf('/');
  if (slash >= 0) ws += slash + 1;
  let we = offset;
  while (we < lineEnd && /[A-Za-z0-9_.-]/.test(text[we])) we++;
  const path: string[] = [];
  const m = /^(\s*)((?:-(?:\s+|$))*)(.*)$/s.exec(prefix)!;
  const rest = m[3];
  const km = KEY_RE.exec(rest);
  let key: string | undefined;
  let inValue = false;
  let value: string | undefined;
  if (km) {
    key = km[1] ?? km[2] ?? km[3];
    inValue = true;
    value = rest.slice(km[0].length);
  } else if (cur.dash !== undefined) {
    inValue = true;
    value = rest;
  }
  let col = cur.col;
  let seq = false;
  if (cur.dash !== undefined) {
    path.push('-');
    col = cur.dash;
    seq = true;
  }
  // walk up to the document start
  let docStart = 0;
  let pos = lineStart;
  while (pos > 0) {
    const prevEnd = pos - 1;
    const prevStart = (prevEnd <= 0 ? 0 : text.lastIndexOf('\n', prevEnd - 1) + 1);
    const L = lineInfo(text.slice(prevStart, prevEnd));
    pos = prevStart;
    if (L.separator) {
      docStart = prevEnd + 1;
      break;
    }
    if (L.blank) continue;
    const parent = L.key !== undefined && L.open && (seq ? L.col <= col : L.col < col);
    if (parent) {
      path.push(L.key!);
      if (L.dash !== undefined) {
        path.push('-');
        col = L.dash;
        seq = true;
      } else {
        col = L.col;
        seq = false;
      }
      continue;
    }
    // a sibling key of the sequence item we are in: `- name: x` above `  value: y`
    if (!seq && L.dash !== undefined && L.dash < col && L.col <= col) {
      path.push('-');
      col = L.dash;
      seq = true;
    }
  }
  const sep = /^(---|\.\.\.)(\s|$)/m;
  const tail = text.slice(lineEnd);
  const next = sep.exec(tail);
  const docEnd = next ? lineEnd + next.index : text.length;
  return {
    path: path.reverse(),
    key,
    inValue,
    value,
    word: text.slice(ws, offset),
    wordStart: ws,
    wordEnd: we,
    before: ws > lineStart ? text[ws - 1] : '',
    docStart,
    docEnd,
  };
}

test('regression: completion took 30–60 ms per request in a ConfigMap whose value is one 1 MB line (the word scan had no end)', () => {
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: long\ndata:\n  blob: ${'abcdefghij'.repeat(100_000)}\n`;
  const started = Date.now();
  let n = 0;
  for (let offset = text.indexOf('blob: ') + 6; offset < text.length; offset += 9973, n++) {
    const c = yamlContextAt(text, offset);
    assert.ok(c.word.length <= 1024);
    assert.deepEqual(c.path, ['data']);
  }
  const perCall = (Date.now() - started) / n;
  assert.ok(perCall < 15, `${perCall} ms per call`);
});
