// "K8s DNS: Simulate nslookup…": from the palette it asks for the name (offering the simulated zone's
// names), the query type and where to ask from (the active manifest's namespace first); from a code lens
// or a tree item (`NslookupCommandArgs`, or a Cluster DNS node) it runs at once.
import { window, workspace, type QuickPick, type QuickPickItem } from 'vscode';
import {
  ZoneNamesRequestMethod,
  NslookupCommandId,
  type NslookupCommandArgs,
  type NslookupParams,
  type ZoneNamesResult,
} from '../../../server/src/protocol';
import type { CommandContext, CommandSpec } from './context';
import { fromItems, nameItems, ptrName, typeItems, type PickItem } from '../nslookup/pickModel';
import { fqdnAtCursor } from './fqdnAt';
import { SECTION } from '../settingsKeys';
import type { ClusterNode } from '../views/treeModel';

const TITLE = 'Simulate nslookup';

/** One quick-pick step; resolves undefined when dismissed. `update` re-computes items as the user types. */
function pickStep<T extends PickItem>(
  step: number,
  placeholder: string,
  items: T[] | ((value: string) => T[]),
  init?: (qp: QuickPick<T & QuickPickItem>) => void,
): Promise<T | undefined> {
  return new Promise((resolve) => {
    const qp = window.createQuickPick<T & QuickPickItem>();
    qp.title = TITLE;
    qp.step = step;
    qp.totalSteps = 3;
    qp.placeholder = placeholder;
    qp.matchOnDescription = true;
    qp.ignoreFocusOut = false;
    const compute = () => {
      if (typeof items === 'function') qp.items = items(qp.value) as (T & QuickPickItem)[];
    };
    if (typeof items === 'function') qp.onDidChangeValue(compute);
    else qp.items = items as (T & QuickPickItem)[];
    init?.(qp);
    compute();
    let done = false;
    qp.onDidAccept(() => {
      const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
      if (!chosen) return;
      done = true;
      resolve(chosen);
      qp.hide();
    });
    qp.onDidHide(() => {
      if (!done) resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

function isNode(arg: unknown): arg is ClusterNode {
  return !!arg && typeof arg === 'object' && 'kind' in arg && 'children' in arg;
}

async function defaultNamespace(ctx: CommandContext): Promise<{ ns: string; reason: string; fqdn?: string }> {
  const setting = workspace.getConfiguration(SECTION).get<string>('defaultNamespace') || 'default';
  try {
    const at = await fqdnAtCursor(ctx.server);
    if (at?.namespace) return { ns: at.namespace, reason: 'namespace of the active manifest', fqdn: at.fqdn };
    return { ns: setting, reason: 'k8sDnsLens.defaultNamespace', fqdn: at?.fqdn };
  } catch {
    return { ns: setting, reason: 'k8sDnsLens.defaultNamespace' };
  }
}

async function ask(ctx: CommandContext): Promise<NslookupParams | undefined> {
  const zoneRequest = ctx.server.request<object, ZoneNamesResult>(ZoneNamesRequestMethod, {}).catch((e: Error) => {
    ctx.server.log(`${ZoneNamesRequestMethod}: ${e.message} (the name step offers no names)`);
    return undefined;
  });
  const defaults = defaultNamespace(ctx);
  let zone: ZoneNamesResult | undefined;
  const named = await pickStep(1, 'Name to look up, e.g. my-svc, my-svc.my-ns, pod-a.headless.my-ns.svc.cluster.local', (v) => nameItems(zone, v), (qp) => {
    qp.busy = true;
    void Promise.all([zoneRequest, defaults]).then(([z, d]) => {
      zone = z;
      qp.busy = false;
      if (!qp.value && d.fqdn) qp.value = d.fqdn;
      qp.items = nameItems(zone, qp.value);
    });
  });
  if (!named) return undefined;
  const typed = await pickStep(2, `Query type for ${named.name}`, typeItems());
  if (!typed) return undefined;
  const d = await defaults;
  const from = await pickStep(3, `Ask as a pod in…`, fromItems(zone ?? (await zoneRequest), d.ns, d.reason));
  if (!from) return undefined;
  return { name: ptrName(named.name, typed.type), type: typed.type, ...from.from };
}

export const nslookup: CommandSpec = {
  id: NslookupCommandId,
  create: (ctx) => async (arg?: NslookupCommandArgs | ClusterNode) => {
    let params: NslookupParams | undefined;
    if (isNode(arg)) {
      if (!arg.fqdn) return;
      params = { name: arg.fqdn, type: 'A', fromNamespace: arg.namespace };
    } else if (arg && typeof arg === 'object' && typeof arg.name === 'string') {
      params = { type: 'A', ...arg };
      if (!params.fromNamespace && !params.fromPod) params.fromNamespace = (await defaultNamespace(ctx)).ns;
    } else {
      params = await ask(ctx);
    }
    if (!params) return;
    try {
      await ctx.nslookup.show(params);
    } catch (e) {
      void window.showErrorMessage(`K8s DNS Lens: nslookup ${params.name} failed: ${(e as Error).message}`);
    }
  },
};

/** The same, for items of the Cluster DNS view ("nslookup This Name": runs at once). */
export const nslookupName: CommandSpec = { id: 'k8sDnsLens.nslookupName', create: nslookup.create };
