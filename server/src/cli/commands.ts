// Commands beyond `check`, one per file, registered here.
import type { CommandFn } from './cli';
import { runNslookup } from './nslookup';
import { runRecords } from './records';
import { runServe } from './serve';

export const commands: Record<string, CommandFn> = {
  nslookup: runNslookup,
  records: runRecords,
  serve: runServe,
};
