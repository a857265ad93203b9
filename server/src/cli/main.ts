// Entry point of dist/cli.js (`k8s-dns-lens`).
import { runCli } from './cli';

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`k8s-dns-lens: ${(e as Error).message}\n`);
    process.exit(2);
  },
);
