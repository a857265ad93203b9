// "Copy DNS Name Under Cursor" (editor) and "Copy FQDN" (Cluster DNS view items).
import { env, window } from 'vscode';
import type { CommandSpec } from './context';
import type { ClusterNode } from '../views/treeModel';
import { fqdnAtCursor } from './fqdnAt';

async function copy(fqdn: string): Promise<void> {
  await env.clipboard.writeText(fqdn);
  void window.setStatusBarMessage(`$(copy) Copied ${fqdn}`, 3000);
}

export const copyFqdnAtCursor: CommandSpec = {
  id: 'k8sDnsLens.copyFqdnAtCursor',
  create: (ctx) => async () => {
    let fqdn: string | undefined;
    try {
      fqdn = (await fqdnAtCursor(ctx.server))?.fqdn;
    } catch (e) {
      void window.showErrorMessage(`K8s DNS Lens: ${(e as Error).message}`);
      return;
    }
    if (fqdn) await copy(fqdn);
    else void window.showInformationMessage('K8s DNS Lens: no cluster DNS name under the cursor.');
  },
};

export const copyFqdn: CommandSpec = {
  id: 'k8sDnsLens.copyFqdn',
  create: () => async (node?: ClusterNode) => {
    if (node?.fqdn) await copy(node.fqdn);
  },
};
