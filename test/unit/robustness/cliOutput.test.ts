// The CLI's output through a pipe, as `k8s-dns-lens records --json | jq` reads it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { repoRoot } from './support';

test('regression: `records --json` through a pipe was cut at 64 kB (process.exit before stdout was written out)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-pipe-'));
  try {
    const svc = (i: number) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  selector:\n    app: a${i}\n  ports:\n    - name: http\n      port: 80\n`;
    fs.writeFileSync(path.join(dir, 'services.yaml'), Array.from({ length: 2000 }, (_, i) => svc(i)).join('---\n'));
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'records', '-w', dir, '--json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.length > 1024 * 1024, `${r.stdout.length} characters`);
    const zone = JSON.parse(r.stdout) as { name: string }[];
    assert.ok(zone.some((x) => x.name === 'svc-1999.default.svc.cluster.local.'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
