// `npm run try`: a real VS Code (code-server) on 127.0.0.1 with the packaged extension installed and a
// copy of a fixture workspace (default test/fixtures/seed) in a temp folder. Ctrl+C stops everything.
//   node out/e2e/runner/try.js [fixture] [--port N]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer } from '../support/codeServer';
import { prepareWorkspace, vsixPath } from '../support/paths';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portArg = args.indexOf('--port');
  const fixture = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--port') ?? 'seed';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-dns-lens-try-'));
  const folder = path.join(prepareWorkspace(path.join(dir, 'ws'), [fixture]), fixture);
  const server = await startCodeServer({
    dir,
    workspace: folder,
    vsix: vsixPath(),
    settings: { 'editor.hover.delay': 300 },
    port: portArg >= 0 ? Number(args[portArg + 1]) : undefined,
  });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping code-server…');
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  console.log(`\nK8s DNS Lens in VS Code: ${server.folderUrl(folder)}`);
  console.log(`workspace (a copy of test/fixtures/${fixture}): ${folder}`);
  console.log(`logs: ${path.join(server.userDataDir, 'logs')}   ·   Ctrl+C stops\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
