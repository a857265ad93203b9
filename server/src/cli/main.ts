// Entry point of dist/cli.js (`k8s-dns-lens`).
import { runCli } from './cli';

/**
 * Exit once everything written has reached the OS: on a pipe (`k8s-dns-lens records --json | jq`) Node
 * writes asynchronously, and process.exit() right after a large write cut the output at 64 kB.
 */
function exitAfterOutput(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

runCli(process.argv.slice(2)).then(exitAfterOutput, (e) => {
  process.stderr.write(`k8s-dns-lens: ${(e as Error).message}\n`);
  exitAfterOutput(2);
});
