// Shared helpers of the DNS tests: fixture workspaces and their expected answers.
//
// A fixture is a folder of manifests under test/fixtures/<scenario>/ with an `expected.json` beside
// them: groups of questions (each under the model settings it needs) with the exact answer expected,
// tagged with the section of the Kubernetes DNS specification (or the topic) that covers it:
//   [{ "settings": {…}, "queries": [{ "q": "<name> <TYPE>", "section": "2.4", "rcode": "NOERROR",
//      "answers": ["<name> <ttl> IN <TYPE> <data>", …], "additional": […], "authority": […],
//      "upstream": true, "explain": ["substring of the explanation", …] }] }]
// Answer lists are compared sorted; order-sensitive checks are written out in the tests.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { ClusterModel } from '../../../server/src/core/model/cluster';
import type { ModelSettings } from '../../../server/src/core/model/settings';
import { loadFolder } from '../../../server/src/core/workspace/load';
import { defaultExclude, defaultInclude } from '../../../server/src/core/workspace/scan';
import { Resolver, recordText } from '../../../server/src/core/dns/resolver';
import type { DnsAnswer, DnsRecord, QType, Rcode } from '../../../server/src/core/dns/types';
import type { Span } from '../../../server/src/core/types';

/** The repository root (compiled tests live in out/test/unit/dns). */
export const ROOT = path.resolve(__dirname, '../../../..');

export function fixtureDir(name: string): string {
  return path.join(ROOT, 'test', 'fixtures', name);
}

const cache = new Map<string, ClusterModel>();

/** The model of a fixture workspace (expected.json is not a manifest). Cached per settings. */
export function load(name: string, settings: Partial<ModelSettings> = {}): ClusterModel {
  const key = `${name}\u0000${JSON.stringify(settings)}`;
  let m = cache.get(key);
  if (!m) {
    m = loadFolder(fixtureDir(name), { settings, scan: { include: defaultInclude, exclude: [...defaultExclude, '**/expected.json'] } }).model;
    cache.set(key, m);
  }
  return m;
}

/** Records as `dig` prints them, sorted. */
export function texts(rs: readonly DnsRecord[]): string[] {
  return rs.map(recordText).sort();
}

export function ask(r: Resolver, q: string): DnsAnswer {
  const [name, type] = q.trim().split(/\s+/);
  return r.query(name, (type ?? 'A') as QType);
}

/** `file:line` of a span, with the file relative to the fixture folder. */
export function spanFormatter(model: ClusterModel): (s: Span) => string {
  return (s) => {
    const f = model.file(s.file);
    let line = 1;
    if (f) for (let i = 0; i < f.lineStarts.length && f.lineStarts[i] <= s.start; i++) line = i + 1;
    return `${path.basename(s.file)}:${line}`;
  };
}

export interface ExpectedQuery {
  q: string;
  section: string;
  rcode: Rcode;
  answers?: string[];
  additional?: string[];
  authority?: string[];
  upstream?: boolean;
  explain?: string[];
}

export interface ExpectedGroup {
  settings?: Partial<ModelSettings>;
  queries: ExpectedQuery[];
}

export function readExpected(name: string): ExpectedGroup[] {
  return JSON.parse(fs.readFileSync(path.join(fixtureDir(name), 'expected.json'), 'utf8')) as ExpectedGroup[];
}

/** Every section an expected.json may use (a test file per section runs them). */
export const SECTIONS = ['2.2', '2.3', '2.4', '2.5', 'pods', 'negative'];

/** Compare one answer with its expectation. */
export function assertAnswer(a: DnsAnswer, e: ExpectedQuery): void {
  assert.equal(a.rcode, e.rcode, `rcode of ${e.q}: ${a.explanation.join(' | ')}`);
  assert.deepEqual(texts(a.answers), [...(e.answers ?? [])].sort(), `answers of ${e.q}`);
  if (e.additional) assert.deepEqual(texts(a.additional), [...e.additional].sort(), `additional of ${e.q}`);
  if (e.authority) assert.deepEqual(texts(a.authority), [...e.authority].sort(), `authority of ${e.q}`);
  assert.equal(a.upstream, e.upstream ?? false, `upstream of ${e.q}`);
  for (const x of e.explain ?? []) {
    assert.ok(
      a.explanation.some((l) => l.includes(x)),
      `explanation of ${e.q} should mention ${JSON.stringify(x)}:\n  ${a.explanation.join('\n  ')}`,
    );
  }
  // every record says where it came from
  for (const r of [...a.answers, ...a.additional]) assert.ok(r.origin && r.origin.summary, `origin of ${recordText(r)}`);
  assert.ok(a.explanation.length > 0, `explanation of ${e.q}`);
}

/** One test per expected question of `section` in fixture `name`. */
export function runExpected(name: string, section: string): void {
  for (const g of readExpected(name)) {
    const queries = g.queries.filter((q) => q.section === section);
    if (!queries.length) continue;
    const label = g.settings && Object.keys(g.settings).length ? ` ${JSON.stringify(g.settings)}` : '';
    const r = new Resolver(load(name, g.settings));
    for (const e of queries) {
      test(`${name}${label}: ${e.q} → ${e.rcode}`, () => assertAnswer(ask(r, e.q), e));
    }
  }
}
