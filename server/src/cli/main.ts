// Entry point of dist/cli.js (`k8s-dns-lens`).
import { runCli } from './cli';

/**
 * Exit once stdout and stderr are flushed: writes to a pipe are asynchronous, and process.exit() right
 * after a large report (`check --format json | jq`) would cut it off.
 */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

runCli(process.argv.slice(2)).then(
  (code) => exitAfterFlush(code),
  (e) => {
    process.stderr.write(`k8s-dns-lens: ${(e as Error).message}\n`);
    exitAfterFlush(2);
  },
);
