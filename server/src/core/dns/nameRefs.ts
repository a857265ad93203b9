// Finding cluster DNS names inside free text: env values, args, ConfigMap data, URLs.
//
// What counts as a candidate, by how it is written:
//  - the host of a URL (`http://headless1:8080/hostname`, `jdbc:postgresql://db.ns:5432/x`);
//  - a `host:port` token (`db.backend.svc.cluster.local:5432`, `redis:6379`);
//  - a whole value that is one DNS name (`DB_HOST: postgres`, `db.backend`);
//  - any token with a `svc` or `pod` label after its first (`web-0.nginx.default.svc`).
// Strength tells the checks how sure we are it was meant as a cluster name:
//  - `fqdn`: a `svc`/`pod` label after the first (`x.ns.svc`, `x.ns.svc.cluster.local`);
//  - `qualified`: two or more labels without one (`svc.ns` — or `github.com`, decided by the checks);
//  - `short`: one label (`headless1`).

export interface NameRef {
  /** The name as written, without scheme or port. */
  name: string;
  port?: number;
  /** Index of the name in the text. */
  index: number;
  strength: 'fqdn' | 'qualified' | 'short';
  /** How it was written. */
  form: 'url' | 'hostport' | 'value' | 'token';
}

const LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?';
const NAME = `${LABEL}(?:\\.${LABEL})*\\.?`;
const URL_RE = new RegExp(`\\b[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/\\s"'\`]*@)?(${NAME})(?::(\\d{1,5}))?(?=$|[/?#\\s"'\`,;)\\]}]|:(?!\\d))`, 'g');
const HOSTPORT_RE = new RegExp(`(?<![A-Za-z0-9_.:/@-])(${NAME}):(\\d{1,5})(?![A-Za-z0-9_.-]|:\\d)`, 'g');
const TOKEN_RE = new RegExp(`(?<![A-Za-z0-9_.:/@-])(${NAME})(?![A-Za-z0-9_-])`, 'g');
const WHOLE_RE = new RegExp(`^\\s*(${NAME})\\s*$`);

const MAX_TEXT = 64 * 1024;
const HAS_PORT = /:\d/;
const HAS_LETTER = /[A-Za-z]/;
const HAS_SVC_OR_POD = /\.(svc|pod)\b/i;

export function classifyName(name: string): NameRef['strength'] | undefined {
  const labels = name.replace(/\.$/, '').split('.');
  if (labels.some((l) => l.length === 0 || l.length > 63)) return undefined;
  // IP addresses, version numbers, plain numbers: not names
  if (/^\d+$/.test(labels[labels.length - 1])) return undefined;
  if (!/[A-Za-z]/.test(name)) return undefined;
  for (let i = 1; i < labels.length; i++) {
    const l = labels[i].toLowerCase();
    if (l === 'svc' || l === 'pod') return 'fqdn';
  }
  // underscores belong to SRV names (`_http._tcp.web.ns.svc…`), never to short host names
  if (name.includes('_')) return undefined;
  return labels.length === 1 ? 'short' : 'qualified';
}

/** Cluster DNS name candidates in `text`, in order of appearance, one per position. */
export function findNameRefs(text: string): NameRef[] {
  if (text.length === 0 || text.length > MAX_TEXT || !HAS_LETTER.test(text)) return [];
  let found: Map<number, NameRef> | undefined;
  const add = (name: string, index: number, port: string | undefined, form: NameRef['form']) => {
    if (found?.has(index)) return;
    const strength = classifyName(name);
    if (!strength) return;
    if (form === 'token' && strength !== 'fqdn') return;
    const p = port === undefined ? undefined : Number(port);
    if (p !== undefined && (p < 1 || p > 65535)) return;
    if (name.length === 9 && name.toLowerCase() === 'localhost') return;
    (found ??= new Map()).set(index, { name, index, port: p, strength, form });
  };
  if (text.includes('://')) {
    for (const m of text.matchAll(URL_RE)) add(m[1], m.index! + m[0].indexOf(m[1], m[0].indexOf('://')), m[2], 'url');
  }
  if (HAS_PORT.test(text)) {
    for (const m of text.matchAll(HOSTPORT_RE)) add(m[1], m.index!, m[2], 'hostport');
  }
  // a whole value that is one name: at most 253 characters plus surrounding blanks
  if (text.length <= 300) {
    const whole = WHOLE_RE.exec(text);
    if (whole) add(whole[1], whole.index + whole[0].indexOf(whole[1]), undefined, 'value');
  }
  if (HAS_SVC_OR_POD.test(text)) {
    for (const m of text.matchAll(TOKEN_RE)) add(m[1], m.index!, undefined, 'token');
  }
  if (!found) return [];
  return found.size === 1 ? [...found.values()] : [...found.values()].sort((a, b) => a.index - b.index);
}
