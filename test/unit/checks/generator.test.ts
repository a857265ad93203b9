// The synthetic workspace generator plants mistakes and records them in ground-truth.json: every one
// must be found (file + document index), and every other finding must be explained by one of them.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkFolder, repoRoot, type Found } from './helpers';

const generator = path.resolve(repoRoot, '..', 'shared', 'tools', 'gen-workspace.mjs');

interface Mistake {
  type: string;
  file: string;
  doc: number;
  kind: string;
  namespace: string;
  name: string;
  detail: string;
}

/** The rules that report each planted mistake type. */
const RULES: Record<string, string[]> = {
  'selector-matches-nothing': ['selector-matches-no-pod'],
  'subdomain-without-headless-service': ['subdomain-without-service', 'subdomain-service-not-headless'],
  'endpoints-without-service': ['endpoints-without-service'],
  'targetport-name-not-on-container': ['target-port-not-found'],
};

for (const [n, args] of [
  [300, []],
  [300, ['--seed', '3', '--mistake-rate', '0.1']],
] as [number, string[]][]) {
  test(`generated workspace (${n} files ${args.join(' ') || 'default seed'}): all planted mistakes found, nothing unexplained`, { skip: !fs.existsSync(generator) && 'no generator' }, (t) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-gen-'));
    try {
      const out = path.join(dir, 'ws');
      const r = spawnSync(process.execPath, [generator, String(n), out, ...args], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const truth = JSON.parse(fs.readFileSync(path.join(out, 'ground-truth.json'), 'utf8')) as { mistakeList: Mistake[] };
      const run = checkFolder(out);
      const docOf = (f: Found) => run.model.file(f.file)!.objects.find((o) => o.loc.start <= f.problem.span.start && f.problem.span.end <= o.loc.end)?.doc;
      const used = new Set<Found>();
      const missed: Mistake[] = [];
      for (const m of truth.mistakeList) {
        const hit = run.findings.find((f) => path.relative(out, f.file) === m.file && docOf(f) === m.doc && RULES[m.type].includes(f.problem.code));
        if (hit) used.add(hit);
        else missed.push(m);
      }
      t.diagnostic(`recall ${truth.mistakeList.length - missed.length}/${truth.mistakeList.length}`);
      assert.deepEqual(missed, [], 'every planted mistake is found at its file and document');

      // everything else must follow from a planted mistake
      const unexplained: string[] = [];
      for (const f of run.findings) {
        if (used.has(f)) continue;
        const why = explain(f, truth.mistakeList);
        const line = `${path.relative(out, f.file)}#${docOf(f)} ${f.problem.code}: ${f.problem.message}`;
        if (why) t.diagnostic(`${line}\n    ← ${why}`);
        else unexplained.push(line);
      }
      assert.deepEqual(unexplained, [], 'findings no planted mistake explains');
      // not a single warning or error outside the checks (YAML, API validation)
      assert.deepEqual(run.all.filter((f) => !run.findings.includes(f)).map((f) => `${f.file} ${f.problem.code}`), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

/** Which planted mistake a finding follows from, in words; undefined when none does. */
function explain(f: Found, mistakes: Mistake[]): string | undefined {
  const msg = f.problem.message;
  switch (f.problem.code) {
    case 'subdomain-without-service': {
      // the generator drops the headless Service of 2-4 bare Pods and records the first Pod only
      const m = mistakes.find((x) => x.type === 'subdomain-without-headless-service' && msg.includes(`sets subdomain "${x.detail.split(' ')[1]}"`) && msg.includes(`namespace "${x.namespace}"`));
      return m && `the other Pods of ${m.file}#${m.doc}'s group share the dropped Service's subdomain (${m.detail})`;
    }
    case 'statefulset-service-does-not-select-pods': {
      // a selector mistake planted on a StatefulSet's headless Service also cuts off its per-pod names
      const m = mistakes.find((x) => x.type === 'selector-matches-nothing' && msg.includes(`names serviceName "${x.name}"`));
      return m && `the governing Service ${m.namespace}/${m.name} got the planted selector (${m.detail})`;
    }
    default:
      return undefined;
  }
}
