// Commands beyond `check`, one per file, registered here.
import type { CommandFn } from './cli';

export const commands: Record<string, CommandFn> = {};
