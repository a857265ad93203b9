// Recognising template files (Helm / Go templates, mustache placeholders): they are not manifests until
// rendered, so they are skipped instead of producing a cascade of YAML errors.
//
// A template marker is `{{` where YAML structure starts: at the start of a line, or at the start of an
// unquoted value (`key: {{ … }}`, `- {{ … }}`). `{{` inside quoted strings, block scalars, comments or the
// middle of a plain value is ordinary text (Prometheus rules, Grafana dashboards) and does not count.

const BLOCK_HEADER = /(?:^|[:\-]\s+|^\s*-\s*)[|>][0-9+-]*\s*(?:#.*)?$/;

/** Offset of the first template marker, or undefined when the text is plain YAML. */
export function findTemplateMarker(text: string): number | undefined {
  if (!text.includes('{{')) return undefined;
  let blockIndent = -1; // > -1 while inside a block scalar whose parent line had this indentation
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    const indent = line.length - line.trimStart().length;
    const blank = line.trim().length === 0;
    if (blockIndent >= 0) {
      if (blank || indent > blockIndent) {
        lineStart = lineEnd + 1;
        continue;
      }
      blockIndent = -1;
    }
    const at = markerInLine(line);
    if (at >= 0) return lineStart + at;
    if (BLOCK_HEADER.test(line)) blockIndent = indent;
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** Index of a `{{` at a structural position of one line, or -1. */
function markerInLine(line: string): number {
  let i = 0;
  const n = line.length;
  // skip indentation and sequence dashes
  for (;;) {
    while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
    if (line[i] === '-' && (line[i + 1] === ' ' || line[i + 1] === undefined)) {
      i++;
      continue;
    }
    break;
  }
  if (line.startsWith('{{', i)) return i;
  if (line[i] === '#') return -1;
  // find the key/value separator outside quotes, then look at the value start
  let quote = '';
  for (; i < n; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    if (c === '#' && (i === 0 || line[i - 1] === ' ')) return -1;
    if (c === ':' && (line[i + 1] === ' ' || line[i + 1] === '\t')) {
      let j = i + 1;
      while (j < n && (line[j] === ' ' || line[j] === '\t')) j++;
      if (line.startsWith('{{', j)) return j;
      return -1;
    }
  }
  return -1;
}
