// Entry point of a reading worker thread (bundled as dist/readWorker.js): reads batches of files into
// FileResults and sends them back packed (plainCodec), the packet's arrays transferred, not copied.
import { parentPort } from 'node:worker_threads';
import { setInterning } from '../util/intern';
import { PlainWriter } from '../util/plainCodec';
import { readJob, type ReadJob } from './readFiles';

export interface ReadRequest {
  id: number;
  jobs: ReadJob[];
}

if (parentPort) {
  const port = parentPort;
  setInterning(false);
  port.on('message', (req: ReadRequest) => {
    const w = new PlainWriter();
    w.write(req.jobs.map(readJob));
    const packet = w.finish();
    port.postMessage({ id: req.id, packet }, [packet.ints.buffer as ArrayBuffer, packet.doubles.buffer as ArrayBuffer]);
  });
}
