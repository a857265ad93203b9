// Completion: `subdomain` and StatefulSet `serviceName` values offer the namespace's headless Services;
// selectors offer the labels pods of the namespace carry (keys at a key, that key's values at a value);
// DNS names in env values, args, command and ConfigMap data complete from the zone (short names in the
// same namespace, `svc.ns` for other namespaces, FQDNs, per-pod names of headless Services).
import { CompletionItemKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import { namespaceOf, objectAt } from '../core/features/locate';
import { serviceFqdn } from '../core/features/names';
import { yamlContextAt, type YamlContext } from '../core/features/yamlContext';
import type { K8sObject } from '../core/manifest/objects';
import type { ClusterModel } from '../core/model/cluster';
import { toOffset, toRange } from '../lsp/convert';
import { answerText } from './codeLens';
import type { Feature, Workspace } from './context';
import { derived } from './derived';
import { plural } from './present';

export const MAX_ITEMS = 300;

/** Labels the controllers add to the pods they make: never what a selector is written with. */
const CONTROLLER_LABELS = /^(pod-template-hash|controller-revision-hash|statefulset\.kubernetes\.io\/pod-name|apps\.kubernetes\.io\/pod-index|job-name|controller-uid|batch\.kubernetes\.io\/.*)$/;

type Slot = 'subdomain' | 'serviceName' | 'selectorKey' | 'selectorValue' | 'dnsName';

interface Where {
  slot: Slot;
  ctx: YamlContext;
  namespace: string;
  object?: K8sObject;
}

export function completionAt(ws: Workspace, uri: string, offset: number): CompletionList | null {
  const file = ws.file(uri);
  const text = ws.text(uri);
  if (!file || text === undefined || text.length !== file.length) return null;
  const where = slotAt(ws.model, file.objects, text, offset);
  if (!where) return null;
  const { ctx } = where;
  const range = toRange(file, ctx.wordStart, Math.max(offset, ctx.wordEnd));
  const lead = ctx.before === ':' ? ' ' : '';
  const items: CompletionItem[] = [];
  let incomplete = false;
  const add = (label: string, kind: CompletionItemKind, detail: string, extra: Partial<CompletionItem> = {}) => {
    const { insertText, ...rest } = extra;
    items.push({ label, kind, detail, textEdit: { range, newText: lead + (insertText ?? label) }, ...rest });
  };
  switch (where.slot) {
    case 'subdomain':
    case 'serviceName':
      for (const svc of ws.model.services(where.namespace)) {
        if (!svc.headless || svc.builtin) continue;
        add(svc.name, CompletionItemKind.Interface, `headless Service · ${answerText(svc).replace(/^headless · /, '')}`, { documentation: serviceFqdn(ws.model, svc.namespace, svc.name) });
      }
      break;
    case 'selectorKey': {
      const present = new Set(selectorKeys(where.object));
      for (const [k, values] of labelsOf(ws.model, where.namespace)) {
        if (present.has(k) && k !== ctx.word) continue;
        add(k, CompletionItemKind.Property, `label · ${plural(values.size, 'value')}`, {
          insertText: `${k}: `,
          filterText: k,
          command: { title: 'values', command: 'editor.action.triggerSuggest' },
        });
      }
      break;
    }
    case 'selectorValue': {
      const values = labelsOf(ws.model, where.namespace).get(ctx.key ?? '');
      for (const [v, n] of values ?? []) add(v, CompletionItemKind.Value, `${ctx.key}=${v} · ${plural(n, 'pod')}`);
      break;
    }
    case 'dnsName': {
      const word = ctx.word.toLowerCase();
      for (const c of dnsNames(ws, where.namespace)) {
        if (word && !matches(c.label, word)) continue;
        if (items.length >= MAX_ITEMS) {
          incomplete = true;
          break;
        }
        add(c.label, c.kind, c.detail, { sortText: `${c.rank}${c.label}`, filterText: c.label, documentation: c.fqdn });
      }
      incomplete = true; // the list depends on what is typed: ask again
      break;
    }
  }
  return { isIncomplete: incomplete, items };
}

/** What is being completed at `offset`, or undefined. */
export function slotAt(model: ClusterModel, objects: readonly K8sObject[], text: string, offset: number): Where | undefined {
  const ctx = yamlContextAt(text, offset);
  // the object under the cursor; past its last value (a key being typed), the object of the document
  const object = objectAt({ objects }, offset) ?? objects.find((o) => o.loc.start >= ctx.docStart && o.loc.start < ctx.docEnd && o.item === undefined);
  const doc = text.slice(ctx.docStart, ctx.docEnd);
  const kind = object?.kind ?? /^kind:\s*["']?([A-Za-z]+)/m.exec(doc)?.[1];
  const namespace = object ? namespaceOf(object, model.settings.defaultNamespace) : (/\bnamespace:\s*["']?([a-z0-9-]+)/.exec(doc)?.[1] ?? model.settings.defaultNamespace);
  const p = ctx.path;
  const last = p[p.length - 1];
  const prev = p[p.length - 2];
  const where = (slot: Slot): Where => ({ slot, ctx, namespace, object });
  if (ctx.inValue && ctx.key === 'subdomain' && last === 'spec') return where('subdomain');
  if (ctx.inValue && ctx.key === 'serviceName' && kind === 'StatefulSet' && p.length === 1 && last === 'spec') return where('serviceName');
  const serviceSelector = kind === 'Service' && p.length === 2 && p[0] === 'spec' && last === 'selector';
  const labelSelector = kind !== 'Service' && last === 'matchLabels' && prev === 'selector';
  if (serviceSelector || labelSelector) return where(ctx.inValue && ctx.key !== undefined ? 'selectorValue' : 'selectorKey');
  const envValue = ctx.key === 'value' && last === '-' && prev === 'env';
  // `- value` items of args/command, or a flow sequence after the key (`args: ["--x", "db:5432"]`)
  const argItem = (ctx.key === undefined && ctx.inValue && last === '-' && (prev === 'args' || prev === 'command')) || ((ctx.key === 'args' || ctx.key === 'command') && /^\s*\[/.test(ctx.value ?? ''));
  const configData = kind === 'ConfigMap' && p.length === 1 && last === 'data' && ctx.key !== undefined;
  if (ctx.inValue && (envValue || argItem || configData)) return where('dnsName');
  return undefined;
}

function selectorKeys(o: K8sObject | undefined): string[] {
  if (o?.type === 'Service') return (o.spec.selector ?? []).map((l) => l.key);
  if (o?.type === 'Workload') return (o.spec.selector?.matchLabels ?? []).map((l) => l.key);
  return [];
}

/** Label key → value → number of pods, for the pods of a namespace (controller labels left out). */
export function labelsOf(model: ClusterModel, namespace: string): Map<string, Map<string, number>> {
  return derived(model, `labels\u0000${namespace}`, () => {
    const out = new Map<string, Map<string, number>>();
    for (const p of model.pods(namespace)) {
      for (const [k, v] of p.labels) {
        if (CONTROLLER_LABELS.test(k)) continue;
        let m = out.get(k);
        if (!m) out.set(k, (m = new Map()));
        m.set(v, (m.get(v) ?? 0) + 1);
      }
    }
    const byName = <T>(a: [string, T], b: [string, T]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    return new Map([...out].sort(byName).map(([k, m]) => [k, new Map([...m].sort(byName))]));
  });
}

interface NameCandidate {
  label: string;
  fqdn: string;
  detail: string;
  kind: CompletionItemKind;
  /** Sort group: same namespace first, then other namespaces, then FQDNs. */
  rank: number;
}

/** Every name a pod of `namespace` may write, shortest forms first. */
function dnsNames(ws: Workspace, namespace: string): NameCandidate[] {
  const model = ws.model;
  return derived(model, `dnsNames\u0000${namespace}`, () => {
    const out: NameCandidate[] = [];
    const fqdns: NameCandidate[] = [];
    const resolver = ws.engine.resolver;
    for (const ns of model.namespaces()) {
      for (const svc of model.services(ns)) {
        const fq = serviceFqdn(model, svc.namespace, svc.name);
        const detail = `${svc.namespace === namespace ? '' : `${svc.namespace} · `}${answerText(svc)}`;
        if (ns === namespace) out.push({ label: svc.name, fqdn: fq, detail, kind: CompletionItemKind.Interface, rank: 0 });
        else out.push({ label: `${svc.name}.${svc.namespace}`, fqdn: fq, detail, kind: CompletionItemKind.Interface, rank: 1 });
        fqdns.push({ label: fq, fqdn: fq, detail, kind: CompletionItemKind.Interface, rank: 2 });
        if (!svc.headless) continue;
        const hosts = new Set<string>();
        for (const e of svc.endpoints) if (e.ready && e.hostname) hosts.add(resolver.endpointHostname(e).toLowerCase());
        for (const h of hosts) {
          const efq = `${h}.${fq}`;
          const d = `endpoint of ${svc.namespace}/${svc.name}`;
          out.push({ label: ns === namespace ? `${h}.${svc.name}` : `${h}.${svc.name}.${svc.namespace}`, fqdn: efq, detail: d, kind: CompletionItemKind.Field, rank: ns === namespace ? 0 : 1 });
          fqdns.push({ label: efq, fqdn: efq, detail: d, kind: CompletionItemKind.Field, rank: 2 });
        }
      }
    }
    return [...out, ...fqdns];
  });
}

/** The typed word's characters appear in order in the label, the first at the start of a label part. */
function matches(label: string, word: string): boolean {
  const first = word[0];
  let start = -1;
  for (let i = 0; i < label.length; i++) {
    if (label[i] === first && (i === 0 || label[i - 1] === '.' || label[i - 1] === '-')) {
      start = i;
      break;
    }
  }
  if (start < 0) return false;
  let j = 1;
  for (let i = start + 1; i < label.length && j < word.length; i++) if (label[i] === word[j]) j++;
  return j === word.length;
}

export const completion: Feature = {
  capabilities(caps) {
    caps.completionProvider = { triggerCharacters: [':', '.', '/'], resolveProvider: false };
  },
  register({ index, connection }) {
    connection.onCompletion((p) => {
      const f = index.file(p.textDocument.uri);
      if (!f) return null;
      return completionAt(index, p.textDocument.uri, toOffset(f, p.position));
    });
  },
};
