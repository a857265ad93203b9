// Reading manifest files from disk into FileResults, in batches: what the language server's worker
// threads run (readWorker.ts) and, when no worker can be had, the server itself. Pure Node: no editor API.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import type { FileResult } from '../manifest/objects';
import { readManifestText, defaultReadOptions } from '../manifest/readFile';
import { decodeText } from './load';

export interface ReadJob {
  /** The file id the results carry (a URI in the language server). */
  uri: string;
  path: string;
  /** Content hash of the cached result: when the file still hashes to it, it is not read again. */
  knownHash?: string;
}

export interface ReadOutcome {
  uri: string;
  path: string;
  /** Size and modification time before the file was read (so that a later change is always seen). */
  size: number;
  mtimeMs: number;
  /** sha1 of the bytes read (hex). */
  hash: string;
  /** Undefined when the file could not be read (gone, a folder, no permission), or when it hashed to knownHash. */
  result?: FileResult;
  /** The file hashed to the job's knownHash: the cached result stands. */
  unchanged?: boolean;
  error?: string;
}

export function hashBytes(buf: Uint8Array): string {
  return crypto.createHash('sha1').update(buf).digest('hex');
}

export function readJob(job: ReadJob): ReadOutcome {
  let size = 0;
  let mtimeMs = 0;
  try {
    const st = fs.statSync(job.path);
    size = st.size;
    mtimeMs = st.mtimeMs;
    const buf = fs.readFileSync(job.path);
    const hash = hashBytes(buf);
    if (job.knownHash !== undefined && hash === job.knownHash) return { uri: job.uri, path: job.path, size, mtimeMs, hash, unchanged: true };
    const result = readManifestText(job.uri, decodeText(buf), defaultReadOptions);
    return { uri: job.uri, path: job.path, size, mtimeMs, hash, result };
  } catch (e) {
    return { uri: job.uri, path: job.path, size, mtimeMs, hash: '', error: (e as Error).message };
  }
}
