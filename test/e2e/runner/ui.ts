// Runs the UI suite (out/e2e/ui/tests.js) with mocha from .tools/ and records its result.
//   node out/e2e/runner/ui.js          (after scripts/e2e/build.mjs and npm run package)
import * as path from 'node:path';
import { requireTool } from '../support/paths';
import { writeResult } from '../support/results';

const started = Date.now();
const Mocha = requireTool<typeof import('mocha')>('mocha');
const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: !!process.stdout.isTTY, timeout: 60_000, slow: 5_000 });
if (process.env.E2E_GREP) mocha.grep(process.env.E2E_GREP);
mocha.addFile(path.join(__dirname, '..', 'ui', 'tests.js'));
const runner = mocha.run((failures) => {
  const s = runner.stats!;
  writeResult({ suite: 'ui', passed: s.passes, failed: s.failures, pending: s.pending, ms: Date.now() - started });
  process.exit(failures ? 1 : 0);
});
