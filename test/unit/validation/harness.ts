// Shared harness of the validation tests: a case table is small inline YAML and what the API server
// would say about it.
import assert from 'node:assert/strict';
import { readManifestText } from '../../../server/src/core/manifest/readFile';
import type { K8sObject } from '../../../server/src/core/manifest/objects';
import type { Problem } from '../../../server/src/core/types';
import { codeInfo, type ValidationCode } from '../../../server/src/core/manifest/validation/codes';

/** YAML the API server refuses (or warns about): the finding and where it points. */
export interface Refusal {
  name: string;
  yaml: string;
  code: ValidationCode;
  /** The exact text of the span. */
  span: string;
  /** Which of several findings of `code` to check (by order); default 0. */
  nth?: number;
  /** Other codes the same YAML legitimately reports too; anything else fails the case. */
  also?: ValidationCode[];
  /** Part of the message. */
  message?: RegExp;
}

/** A near miss: YAML that looks like a refusal but is accepted, without any finding. */
export interface Accepted {
  name: string;
  yaml: string;
}

export interface CaseTable {
  refusals: Refusal[];
  accepted: Accepted[];
}

export interface Read {
  text: string;
  objects: K8sObject[];
  problems: Problem[];
}

export function read(yaml: string): Read {
  const text = yaml.replace(/^\n/, '');
  const res = readManifestText('/test/case.yaml', text);
  assert.equal(res.problems.length, 0, `file-level problems: ${JSON.stringify(res.problems)}`);
  return { text, objects: res.objects, problems: res.objects.flatMap((o) => o.problems) };
}

export function spanText(r: Read, p: Problem): string {
  return r.text.slice(p.span.start, p.span.end);
}

export function checkRefusal(c: Refusal): void {
  const r = read(c.yaml);
  const found = r.problems.filter((p) => p.code === c.code);
  const all = r.problems.map((p) => `${p.code} ${JSON.stringify(spanText(r, p))}: ${p.message}`).join('\n  ');
  assert.ok(found.length > (c.nth ?? 0), `expected ${c.code}, got:\n  ${all}`);
  const p = found[c.nth ?? 0];
  assert.equal(spanText(r, p), c.span, `span of ${c.code}: ${p.message}`);
  const info = codeInfo(c.code);
  assert.equal(p.severity, info.severity);
  if (c.message) assert.match(p.message, c.message);
  const allowed = new Set<string>([c.code, ...(c.also ?? [])]);
  const others = r.problems.filter((q) => !allowed.has(q.code));
  assert.deepEqual(others.map((q) => `${q.code} ${spanText(r, q)}`), [], `unexpected findings besides ${c.code}`);
  const owner = r.objects.find((o) => o.problems.includes(p))!;
  const refused = owner.problems.some((q) => q.severity === 'error');
  assert.equal(owner.rejected, refused, 'rejected follows the errors');
  assert.equal(owner.rejected, info.severity === 'error' || (c.also ?? []).some((a) => codeInfo(a).severity === 'error'));
}

export function checkAccepted(c: Accepted): void {
  const r = read(c.yaml);
  assert.ok(r.objects.length > 0, 'no object read');
  assert.deepEqual(
    r.problems.map((p) => `${p.code} ${JSON.stringify(spanText(r, p))}: ${p.message}`),
    [],
  );
  for (const o of r.objects) assert.equal(o.rejected, false);
}

/** Indent every line of a block by `n` spaces. */
export function indent(block: string, n: number): string {
  const pad = ' '.repeat(n);
  return block
    .replace(/^\n/, '')
    .split('\n')
    .map((l) => (l.trim() ? pad + l : l))
    .join('\n');
}

/** A Service with the given spec lines. */
export function service(spec: string, name = 'web'): string {
  return `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${indent(spec, 2)}\n`;
}

/** A Pod with the given spec lines. */
export function pod(spec: string, name = 'web'): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${indent(spec, 2)}\n`;
}

/** An apps/v1 Deployment selecting app=web with the given pod spec lines. */
export function deployment(podSpec: string, name = 'web'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
${indent(podSpec, 6)}
`;
}

/** A minimal valid container list. */
export const CONTAINERS = `containers:
- name: app
  image: nginx`;
