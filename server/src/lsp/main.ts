// Entry point of dist/server.js. The transport (--node-ipc from the VS Code client, --stdio for
// other editors and tests) is chosen from the command line by vscode-languageserver.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { idleCollectOptions, startIdleCollection } from './idleCollect';

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

// when the client last sent something: idle-time work waits for it to pause (WorkspaceIndex)
let lastClientMessageAt = -Infinity;
startServer(connection, { lastClientMessageAt: () => lastClientMessageAt });

// memory back to the system once idle after work (see idleCollect.ts)
const idle = idleCollectOptions(process.env.K8S_DNS_LENS_IDLE_COLLECT);
const collector = idle ? startIdleCollection((m) => connection.console.log(m), idle) : undefined;
// the client's messages, seen beside the transport's own reader (stdio, or the IPC channel VS Code uses)
const onMessage = () => {
  lastClientMessageAt = performance.now();
  collector?.activity();
};
if (process.argv.includes('--stdio')) process.stdin.on('data', onMessage);
else if (process.argv.includes('--node-ipc')) process.on('message', onMessage);
