// Every command, one line each. Adding a command: one new file (or spec) and one line here, plus its
// contribution in package.json.
import { commands, type Disposable } from 'vscode';
import type { CommandContext, CommandSpec } from './context';
import { nslookup, nslookupName } from './nslookup';
import { copyFqdn, copyFqdnAtCursor } from './copyFqdn';
import { refreshClusterTree, restartServer, revealLocation, showOutput } from './simple';

export const allCommands: readonly CommandSpec[] = [nslookup, nslookupName, copyFqdnAtCursor, copyFqdn, restartServer, showOutput, refreshClusterTree, revealLocation];

export function registerCommands(ctx: CommandContext): Disposable[] {
  return allCommands.map((c) => commands.registerCommand(c.id, c.create(ctx)));
}
