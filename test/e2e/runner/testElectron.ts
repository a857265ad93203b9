// The same extension-host suite in desktop VS Code via @vscode/test-electron, for machines that can
// download VS Code (CI here cannot: it uses extHostInCodeServer.ts).
//   npm run test:e2e:electron
import * as path from 'node:path';
import { prepareWorkspace, repoRoot, runRoot } from '../support/paths';

async function main(): Promise<void> {
  const { runTests } = await import('@vscode/test-electron');
  const ws = prepareWorkspace(path.join(runRoot, 'electron', 'ws'));
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'out', 'e2e', 'suite', 'index'),
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(runRoot, 'electron', 'user-data')],
  });
}

main().catch((e) => {
  console.error(`test-electron: ${(e as Error).message}`);
  process.exit(1);
});
