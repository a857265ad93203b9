// Small commands: restart the server, show the output, refresh the view, reveal a manifest.
import { Range, Uri, window } from 'vscode';
import type { ProtoLocation } from '../../../server/src/protocol';
import { RevealLocationCommandId } from '../../../server/src/protocol';
import type { CommandSpec } from './context';

export const restartServer: CommandSpec = {
  id: 'k8sDnsLens.restartServer',
  create: (ctx) => async () => {
    try {
      await ctx.server.restart();
      void window.setStatusBarMessage('$(check) K8s DNS Lens: language server restarted', 3000);
    } catch (e) {
      void window.showErrorMessage(`K8s DNS Lens: the language server did not start: ${(e as Error).message}`, 'Show Output').then((c) => {
        if (c) ctx.output.show(true);
      });
    }
  },
};

export const showOutput: CommandSpec = {
  id: 'k8sDnsLens.showOutput',
  create: (ctx) => () => ctx.output.show(true),
};

export const refreshClusterTree: CommandSpec = {
  id: 'k8sDnsLens.refreshClusterTree',
  create: (ctx) => () => ctx.tree.refresh(),
};

export const revealLocation: CommandSpec = {
  id: RevealLocationCommandId,
  create: () => async (arg?: ProtoLocation | { location?: ProtoLocation }) => {
    const loc = arg && 'uri' in arg ? arg : arg?.location;
    if (!loc) return;
    const { start, end } = loc.range;
    await window.showTextDocument(Uri.parse(loc.uri), { selection: new Range(start.line, start.character, end.line, end.character), preview: true });
  },
};
