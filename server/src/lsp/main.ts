// Entry point of dist/server.js. The transport (--node-ipc from the VS Code client, --stdio for
// other editors and tests) is chosen from the command line by vscode-languageserver.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);

// Log to the client, never to stdout (stdout may be the transport).
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));

process.on('uncaughtException', (e) => {
  console.error(`uncaught exception: ${e.stack ?? e.message}`);
});
process.on('unhandledRejection', (e) => {
  console.error(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`);
});

startServer(connection);
