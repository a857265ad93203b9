// One file's text → the Kubernetes objects in it, with every problem found on the way.
// Pure: no I/O. The same function serves open documents and files on disk.
import type { Problem } from '../types';
import { extractDocument, type ExtractOptions, defaultExtractOptions } from './extract';
import type { FileResult, K8sObject } from './objects';
import { parseYaml } from './parse';
import { validateObject } from './validate';
import { dropValidationOnly } from './validationOnly';
import { findTemplateMarker } from './templates';
import { computeLineStarts } from '../util/lines';
import { fit } from '../util/fit';
import type { YNode } from './yast';

export interface ReadOptions extends ExtractOptions {
  /** Files larger than this are skipped with one note. */
  maxFileBytes: number;
}

export const defaultReadOptions: ReadOptions = { ...defaultExtractOptions, maxFileBytes: 16 * 1024 * 1024 };

/** A manifest-looking document has `apiVersion:` and `kind:` keys written at the start of a line. */
const MANIFEST_HINT_API = /^[ \t]*["']?apiVersion["']?[ \t]*:/m;
const MANIFEST_HINT_KIND = /^[ \t]*["']?kind["']?[ \t]*:/m;

export function looksLikeManifest(text: string): boolean {
  return MANIFEST_HINT_API.test(text) && MANIFEST_HINT_KIND.test(text);
}

export function readManifestText(file: string, text: string, opts: ReadOptions = defaultReadOptions): FileResult {
  const result: FileResult = {
    file,
    lineStarts: computeLineStarts(text),
    length: text.length,
    objects: [],
    problems: [],
    documents: 0,
    templated: false,
    slowPath: false,
  };
  if (text.length > opts.maxFileBytes) {
    if (looksLikeManifest(text.slice(0, 64 * 1024))) {
      result.problems.push({
        code: 'file-too-large',
        severity: 'information',
        message: `File skipped: ${(text.length / 1048576).toFixed(1)} MB is more than the ${(opts.maxFileBytes / 1048576).toFixed(0)} MB K8s DNS Lens reads`,
        span: { file, start: 0, end: 0 },
      });
    }
    return result;
  }
  // Binary or NUL-laden text is not a manifest.
  if (text.includes('\u0000')) return result;

  // Lone CR line breaks (classic Mac) are line breaks to YAML and to editors, not to the readers:
  // read a copy with LF in their place (same length, so every offset holds).
  // (`includes` first: it is ten times cheaper than the regular expression on a file without CR)
  if (text.includes('\r') && /\r(?!\n)/.test(text)) text = text.replace(/\r(?!\n)/g, '\n');
  const { docs, slow } = parseYaml(text);
  result.slowPath = slow;
  result.documents = docs.length;

  // A file that YAML cannot read, or reads into shapes no manifest has (`name: {{ x }}` is a flow
  // mapping used as a key), is a template when `{{` stands where YAML structure starts.
  // (The fast scanner reports no errors and builds no complex keys: only the reference's trees are looked at.)
  if (slow && docs.some((d) => d.errors.length > 0 || hasComplexKey(d.contents, 0))) {
    const template = findTemplateMarker(text);
    if (template !== undefined) {
      result.templated = true;
      result.documents = 0;
      if (looksLikeManifest(text)) {
        result.problems.push({
          code: 'templated-file',
          severity: 'information',
          message: 'Template file (`{{ … }}`): skipped — K8s DNS Lens reads rendered manifests (e.g. the output of `helm template`)',
          span: { file, start: template, end: Math.min(text.length, template + 2) },
        });
      }
      return result;
    }
  }
  const manifestLike = looksLikeManifest(text);
  const objects: K8sObject[] = [];
  docs.forEach((doc, i) => {
    if (doc.errors.length > 0) {
      if (manifestLike) {
        const tooDeep = doc.errors.find((e) => e.code === 'NESTING_LIMIT');
        if (tooDeep) result.problems.push(tooDeepProblem(file, tooDeep.start, tooDeep.end));
        else for (const e of doc.errors.slice(0, 3)) if (result.problems.length < MAX_SYNTAX_PROBLEMS) result.problems.push(syntaxProblem(file, e.start, e.end, e.message));
      }
      return;
    }
    for (const o of extractDocument(file, text, i, doc.contents, opts)) {
      validateObject(o);
      dropValidationOnly(o);
      o.problems = fit(o.problems);
      objects.push(o);
    }
  });
  // `name: vttablet-{{uid}}`: a template whose placeholders sit inside values, not where YAML structure
  // starts. Its names and labels are refused only because they are placeholders: skipped as a template.
  const placeholder = placeholderProblem(objects, text);
  if (placeholder) {
    result.templated = true;
    result.problems.push({
      code: 'templated-file',
      severity: 'information',
      message: `Template placeholders (\`${placeholder.text}\`) in names or labels: skipped — K8s DNS Lens reads rendered manifests`,
      span: { file, start: placeholder.start, end: placeholder.end },
    });
    return result;
  }
  result.objects = fit(objects);
  result.problems = fit(result.problems);
  return result;
}

/** Reading errors shown for one file at most (a broken stream of many documents would cascade). */
const MAX_SYNTAX_PROBLEMS = 30;

const PLACEHOLDER = /\{\{[^{}\n]{0,200}\}\}|\$\{[A-Za-z_][A-Za-z0-9_]*\}/;

/** The first problem of an object about a value that holds a template placeholder (`{{x}}`, `${X}`). */
function placeholderProblem(objects: readonly K8sObject[], text: string): { start: number; end: number; text: string } | undefined {
  if (!text.includes('{{') && !text.includes('${')) return undefined;
  for (const o of objects) {
    for (const p of o.problems) {
      const m = PLACEHOLDER.exec(text.slice(p.span.start, Math.min(p.span.end, p.span.start + 1024)));
      if (m) return { start: p.span.start + m.index, end: p.span.start + m.index + m[0].length, text: m[0].length > 60 ? `${m[0].slice(0, 57)}…` : m[0] };
    }
  }
  return undefined;
}

function tooDeepProblem(file: string, start: number, end: number): Problem {
  return {
    code: 'document-too-deep',
    severity: 'information',
    message: 'Document skipped: nested too deeply for K8s DNS Lens to read (nothing in it takes part in DNS)',
    span: { file, start, end },
  };
}

function syntaxProblem(file: string, start: number, end: number, message: string): Problem {
  return { code: 'yaml-syntax', severity: 'error', message: `YAML: ${message}`, span: { file, start, end } };
}

/** A mapping key that is itself a collection: never in a manifest, typical of `{{ … }}` placeholders. */
function hasComplexKey(n: YNode | null, depth: number): boolean {
  if (!n || n.t === 'scalar' || depth > 64) return false;
  if (n.t === 'seq') return n.items.some((i) => hasComplexKey(i, depth + 1));
  for (const p of n.pairs) {
    if (p.key && p.key.t !== 'scalar') return true;
    if (hasComplexKey(p.value, depth + 1)) return true;
  }
  return false;
}
