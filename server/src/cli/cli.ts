// The command-line front end over the core. (Commands are filled in as the core grows.)
export async function runCli(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    process.stdout.write('usage: k8s-dns-lens <nslookup|records|check> ...\n');
    return argv.length === 0 ? 2 : 0;
  }
  process.stderr.write(`k8s-dns-lens: unknown command "${argv[0]}"\n`);
  return 2;
}
