// `k8s-dns-lens serve`: the simulated cluster DNS as a small DNS server over UDP and TCP, backed by the
// same Resolver as `nslookup` and `records`, for dig, nslookup and applications. What it answers, and
// why, is in core/dns/wire.ts; this file only has the sockets.
//
//  - loopback by default (127.0.0.1); any other address only when given with --address, and then with
//    a warning: the simulation would answer whoever can reach it;
//  - `--port 0` picks a free port (the same for UDP and TCP) and prints it;
//  - prints `listening on 127.0.0.1:5353 (udp, tcp)` on stdout when both sockets are bound, then which
//    zones it serves and that it never forwards;
//  - TCP: messages framed by a 2-byte length (RFC 1035 §4.2.2), several per connection, answered in
//    order; idle connections closed after IDLE_TIMEOUT_MS;
//  - stops cleanly on SIGINT/SIGTERM (exit 0);
//  - never crashes on input: every handler is wrapped; what cannot be answered is logged on stderr.
import * as dgram from 'node:dgram';
import * as net from 'node:net';
import { parseArgs, str, bool, UsageError } from './args';
import { loadFromFlags, workspaceFlags, USAGE, type Io } from './cli';
import { Resolver } from '../core/dns';
import { respond, MAX_UDP_SIZE, type Answerer, type Reply } from '../core/dns/wire';

export const DEFAULT_PORT = 5353;
export const DEFAULT_ADDRESS = '127.0.0.1';
export const IDLE_TIMEOUT_MS = 30_000;
/** TCP connections served at once; more are closed at once. */
export const MAX_TCP_CONNECTIONS = 256;

export interface DnsServerOptions {
  address: string;
  /** 0: a free port. */
  port: number;
  maxUdpSize?: number;
  idleTimeoutMs?: number;
  /** One line per event worth telling (errors; every query when `verbose`). */
  log?: (line: string) => void;
  verbose?: boolean;
}

export interface DnsServer {
  address: string;
  port: number;
  /** Queries answered, per transport. */
  stats: { udp: number; tcp: number; dropped: number; errors: number };
  close(): Promise<void>;
}

/** True for 127.0.0.0/8, ::1 and ::ffff:127.x.y.z. */
export function isLoopback(address: string): boolean {
  const loopback = new net.BlockList();
  loopback.addSubnet('127.0.0.0', 8, 'ipv4');
  loopback.addAddress('::1', 'ipv6');
  loopback.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
  const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : undefined;
  return !!family && loopback.check(address, family);
}

function hostPort(address: string, port: number): string {
  return net.isIPv6(address) ? `[${address}]:${port}` : `${address}:${port}`;
}

function bindUdp(address: string, port: number): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket({ type: net.isIPv6(address) ? 'udp6' : 'udp4', reuseAddr: false });
    const onError = (e: Error) => {
      s.close();
      reject(e);
    };
    s.once('error', onError);
    s.bind({ address, port, exclusive: true }, () => {
      s.off('error', onError);
      resolve(s);
    });
  });
}

function listenTcp(server: net.Server, address: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen({ host: address, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** Starts the server on `address`:`port` (UDP and TCP, the same port). Rejects when it cannot bind. */
export async function startDnsServer(answerer: Answerer, options: DnsServerOptions): Promise<DnsServer> {
  const log = options.log ?? (() => undefined);
  const idle = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
  const maxUdpSize = options.maxUdpSize ?? MAX_UDP_SIZE;
  const stats = { udp: 0, tcp: 0, dropped: 0, errors: 0 };
  const note = (transport: string, peer: string, r: Reply) => {
    if (r.rcode === 'dropped') stats.dropped++;
    if (options.verbose || r.rcode === 'SERVFAIL') {
      log(`${transport} ${peer} ${r.question ?? '-'} ${r.rcode}${r.truncated ? ' TC' : ''}${r.note ? ` (${r.note})` : ''}`);
    }
  };
  const answer = (msg: Buffer, transport: 'udp' | 'tcp', peer: string): Buffer | undefined => {
    try {
      const r = respond(answerer, msg, { transport, maxUdpSize });
      stats[transport]++;
      note(transport, peer, r);
      return r.response;
    } catch (e) {
      // respond() does not throw; if it ever does, the query is dropped and the server goes on
      stats.errors++;
      log(`${transport} ${peer}: internal error: ${(e as Error).message}`);
      return undefined;
    }
  };

  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((sock) => {
    try {
      if (sockets.size >= MAX_TCP_CONNECTIONS) {
        sock.destroy();
        return;
      }
      sockets.add(sock);
      const peer = hostPort(sock.remoteAddress ?? '?', sock.remotePort ?? 0);
      sock.setNoDelay(true);
      sock.setTimeout(idle);
      sock.on('timeout', () => sock.destroy());
      sock.on('error', () => sock.destroy());
      sock.on('close', () => sockets.delete(sock));
      let pending: Buffer = Buffer.alloc(0);
      sock.on('data', (chunk: Buffer) => {
        try {
          pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
          // RFC 1035 §4.2.2: each message is preceded by its length, two bytes in network order
          while (pending.length >= 2) {
            const len = pending.readUInt16BE(0);
            if (pending.length < 2 + len) break;
            const msg = Buffer.from(pending.subarray(2, 2 + len));
            pending = pending.subarray(2 + len);
            const out = answer(msg, 'tcp', peer);
            if (out && !sock.destroyed) {
              const frame = Buffer.alloc(2 + out.length);
              frame.writeUInt16BE(out.length, 0);
              out.copy(frame, 2);
              sock.write(frame);
            }
          }
        } catch (e) {
          stats.errors++;
          log(`tcp ${peer}: internal error: ${(e as Error).message}`);
          sock.destroy();
        }
      });
    } catch (e) {
      stats.errors++;
      log(`tcp: internal error: ${(e as Error).message}`);
      sock.destroy();
    }
  });
  tcp.on('error', (e) => log(`tcp: ${e.message}`));

  // bind UDP first (port 0: the system picks), then TCP on the same port; retry when TCP's is taken
  let udp: dgram.Socket | undefined;
  for (let attempt = 0; ; attempt++) {
    udp = await bindUdp(options.address, options.port);
    const port = udp.address().port;
    try {
      await listenTcp(tcp, options.address, port);
      break;
    } catch (e) {
      udp.close();
      if (options.port !== 0 || attempt >= 20 || (e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    }
  }
  const u = udp;
  u.on('error', (e) => log(`udp: ${e.message}`));
  u.on('message', (msg, rinfo) => {
    try {
      const out = answer(msg, 'udp', hostPort(rinfo.address, rinfo.port));
      if (out) u.send(out, rinfo.port, rinfo.address, (err) => err && log(`udp: cannot answer ${rinfo.address}: ${err.message}`));
    } catch (e) {
      stats.errors++;
      log(`udp: internal error: ${(e as Error).message}`);
    }
  });
  const port = u.address().port;
  let closed: Promise<void> | undefined;
  return {
    address: options.address,
    port,
    stats,
    close() {
      closed ??= new Promise<void>((resolve) => {
        let left = 2;
        const done = () => --left === 0 && resolve();
        try {
          u.close(done);
        } catch {
          done();
        }
        for (const s of sockets) s.destroy();
        tcp.close(() => done());
      });
      return closed;
    },
  };
}

export const SERVE_HELP = `usage: k8s-dns-lens serve [--port ${DEFAULT_PORT}] [--address ${DEFAULT_ADDRESS}] [--verbose] [-w DIR] [workspace options]

Serves the simulated cluster DNS over UDP and TCP, for dig, nslookup and applications:
  dig @127.0.0.1 -p ${DEFAULT_PORT} headless1.default.svc.cluster.local

  --port N        port for UDP and TCP (default ${DEFAULT_PORT}; 0 picks a free one, printed on start)
  --address IP    address to listen on (default ${DEFAULT_ADDRESS}). Only loopback unless given here.
  --verbose       log every query on stderr

Answers: the cluster zones (cluster domain, in-addr.arpa, ip6.arpa) as CoreDNS's kubernetes plugin
would, authoritative (AA). Nothing is forwarded: names CoreDNS would send upstream (outside the cluster
zones, and reverse names it has no record for) are answered REFUSED, as an authoritative-only server
does; zone transfers are REFUSED (kubeadm's Corefile has no transfer plugin). UDP answers over 512
bytes (over the EDNS size, at most ${MAX_UDP_SIZE}) are truncated: the client retries over TCP.
The workspace is read once, at start. Stop with Ctrl-C (SIGINT) or SIGTERM.
`;

export async function runServe(argv: string[], io: Io): Promise<number> {
  const p = parseArgs(argv, [...workspaceFlags, { names: ['--port'], value: true }, { names: ['--address'], value: true }, { names: ['--verbose'] }]);
  if (bool(p, 'help')) {
    io.out(`${SERVE_HELP}\n${USAGE.slice(USAGE.indexOf('Workspace options'))}`);
    return 0;
  }
  if (p.positional.length) throw new UsageError(`serve takes no arguments (got "${p.positional[0]}")`);
  const portArg = str(p, 'port');
  if (portArg !== undefined && (!/^[0-9]{1,5}$/.test(portArg) || Number(portArg) > 65535)) throw new UsageError(`--port "${portArg}" is not a port (0-65535)`);
  const port = portArg === undefined ? DEFAULT_PORT : Number(portArg);
  const addressArg = str(p, 'address');
  const address = addressArg ?? DEFAULT_ADDRESS;
  if (!net.isIP(address)) throw new UsageError(`--address "${address}" is not an IP address`);
  // a non-loopback address is only ever the one given explicitly
  if (!isLoopback(address) && addressArg === undefined) throw new UsageError(`refusing to listen on ${address} without an explicit --address`);
  const { model } = loadFromFlags(p, io);
  const resolver = new Resolver(model);
  const zones = resolver.zones();
  const records = resolver.records().length;
  let server: DnsServer;
  try {
    server = await startDnsServer(resolver, { address, port, log: (l) => io.err(`${l}\n`), verbose: bool(p, 'verbose') });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EADDRINUSE' ? 'the port is in use' : err.code === 'EACCES' ? 'permission denied' : err.code === 'EADDRNOTAVAIL' ? 'no such local address' : err.message;
    throw new UsageError(`cannot listen on ${hostPort(address, port)}: ${why}${err.code ? ` (${err.code})` : ''}`);
  }
  if (!isLoopback(address)) io.err(`warning: listening on ${address}, not a loopback address: anyone who can reach it gets the simulated answers\n`);
  io.out(`listening on ${hostPort(address, server.port)} (udp, tcp)\n`);
  io.out(`authoritative for ${zones.join(', ')} (${records} records); other names, and reverse names without a record, are answered REFUSED: nothing is forwarded\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
