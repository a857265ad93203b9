// The machine's floor for request latency (bench/run.mjs): a JSON-RPC server over stdio that does
// nothing — vscode-jsonrpc, as the real server uses it, with no handler but initialize and shutdown —
// so an unknown request gets its "method not found" reply at once. What a round trip costs it is what
// two processes exchanging a message cost on this machine, with no server behind it at all.
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const connection = createMessageConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
connection.onRequest('initialize', () => ({ capabilities: {} }));
connection.onRequest('shutdown', () => null);
connection.onNotification('exit', () => process.exit(0));
connection.listen();
