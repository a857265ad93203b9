// Entry of the extension-host suite: VS Code calls run() inside the extension host (code-server's, or
// the desktop one of @vscode/test-electron). Mocha comes from .tools/; its output goes through
// console.log, which both hosts hand back to the runner. The last line is machine-readable:
//   E2E-RESULT {"passed":n,"failed":n,"pending":n}
import * as path from 'node:path';
import { requireTool } from '../support/paths';

export function run(): Promise<void> {
  const Mocha = requireTool<typeof import('mocha')>('mocha');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, slow: 5_000 });
  if (process.env.E2E_GREP) mocha.grep(process.env.E2E_GREP);
  mocha.addFile(path.join(__dirname, 'tests.js'));
  console.log('E2E-BEGIN extension-host suite');
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const s = runner.stats ?? { passes: 0, failures, pending: 0 };
      console.log(`E2E-RESULT ${JSON.stringify({ passed: s.passes, failed: s.failures, pending: s.pending })}`);
      if (failures) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}
