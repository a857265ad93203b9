// Text mutations of manifests, the way people and tools break them: a line deleted, duplicated (a
// duplicate key), moved, indented wrong; a value swapped for another type, a huge or negative number,
// unicode (RTL, emoji, line/paragraph separators, a BOM, NUL); a type swapped (`kind: Service` → `Pod`,
// `clusterIP: None` → an address); the file cut short.
import fc from 'fast-check';

export type TextMutation =
  | { op: 'delete'; line: number }
  | { op: 'duplicate'; line: number }
  | { op: 'swap'; line: number; other: number }
  | { op: 'indent'; line: number; by: number }
  | { op: 'dedent'; line: number }
  | { op: 'value'; line: number; value: string }
  | { op: 'insert'; at: number; text: string }
  | { op: 'replace'; from: string; to: string }
  | { op: 'truncate'; at: number };

const VALUES = ['[]', '{}', 'null', '~', 'true', '"80"', '80', '99999999999999999999', '-1', '1e400', '0x10', '.nan', '""', "'x: y'", '&a x', '*a', '!!binary aGk=', '|', '>-\n  a', 'None', '"None"', '10.96.0.1', '::1', 'é', '🙂', 'a\u202eb', '[{a: 1}', '"\\u0000"'];
const INSERTS = ['\u2028', '\u2029', '\uFEFF', '\u0000', '\t', '\r', '🙂', 'ä', '\u202e', '\n---\n', '\n...\n', ': ', '- ', '#', '{{ .Values.x }}', '${X}', '"', "'", '[', '{', '&x ', '*x', '<<: *x\n'];
const REPLACEMENTS: [string, string][] = [
  ['kind: Service', 'kind: Pod'],
  ['kind: Pod', 'kind: Service'],
  ['kind: Deployment', 'kind: StatefulSet'],
  ['kind: StatefulSet', 'kind: Deployment'],
  ['kind: Endpoints', 'kind: EndpointSlice'],
  ['clusterIP: None', 'clusterIP: 10.96.0.50'],
  ['type: ClusterIP', 'type: ExternalName'],
  ['addressType: IPv4', 'addressType: IPv6'],
  ['namespace: ', 'namespace: Prod'],
  ['name: ', 'name: UPPER-'],
  ['subdomain: ', 'subdomain: web.'],
  ['hostname: ', 'hostname: a.b-'],
  ['replicas: ', 'replicas: 2000000'],
  ['port: ', 'port: "'],
  ['selector:', 'selector: []\n  x:'],
  ['apiVersion: v1', 'apiVersion: v2'],
  ['apiVersion: apps/v1', 'apiVersion: extensions/v1beta1'],
];

export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('dedent' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('value' as const), line: fc.nat(), value: fc.constantFrom(...VALUES) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 3, unit: 'binary' })) }),
  fc.constantFrom(...REPLACEMENTS).map(([from, to]) => ({ op: 'replace' as const, from, to })),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

export function applyMutations(text: string, mutations: readonly TextMutation[]): string {
  for (const m of mutations) text = applyMutation(text, m);
  return text;
}

function applyMutation(text: string, m: TextMutation): string {
  const lines = text.split('\n');
  const li = (k: number) => k % Math.max(1, lines.length);
  switch (m.op) {
    case 'delete':
      lines.splice(li(m.line), 1);
      return lines.join('\n');
    case 'duplicate': {
      const i = li(m.line);
      lines.splice(i, 0, lines[i] ?? '');
      return lines.join('\n');
    }
    case 'swap': {
      const i = li(m.line);
      const j = li(m.other);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 'indent':
      lines[li(m.line)] = ' '.repeat(m.by) + (lines[li(m.line)] ?? '');
      return lines.join('\n');
    case 'dedent':
      lines[li(m.line)] = (lines[li(m.line)] ?? '').replace(/^ {1,2}/, '');
      return lines.join('\n');
    case 'value': {
      // the value after the first `: ` of a line, or the item after `- `
      const i = li(m.line);
      lines[i] = (lines[i] ?? '').replace(/^(\s*(?:- )?[^:#\s][^:#]*:\s)(.*)$|^(\s*- )(.*)$/, (_all, k, _v, d) => `${k ?? d}${m.value}`);
      return lines.join('\n');
    }
    case 'insert': {
      const at = text.length ? m.at % (text.length + 1) : 0;
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'replace': {
      const i = text.indexOf(m.from);
      return i < 0 ? text : text.slice(0, i) + m.to + text.slice(i + m.from.length);
    }
    case 'truncate':
      return text.slice(0, text.length ? m.at % (text.length + 1) : 0);
  }
}
