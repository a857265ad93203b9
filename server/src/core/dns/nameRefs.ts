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
  // one pass over the labels (a trailing dot ends the name): this runs for every candidate of every
  // string value of the workspace
  const end = name.length > 0 && name.charCodeAt(name.length - 1) === DOT ? name.length - 1 : name.length;
  let labels = 0;
  let from = 0;
  let digitsOnly = true;
  let letter = false;
  let underscore = false;
  let fqdn = false;
  for (let i = 0; i <= end; i++) {
    const c = i < end ? name.charCodeAt(i) : DOT;
    if (c === DOT) {
      const length = i - from;
      if (length === 0 || length > 63) return undefined;
      // a `svc` or `pod` label after the first
      if (labels > 0 && length === 3 && isSvcOrPod(name, from)) fqdn = true;
      labels++;
      from = i + 1;
      if (i < end) digitsOnly = true;
    } else {
      if (c < 48 || c > 57) digitsOnly = false;
      if (((c | 32) >= 97 && (c | 32) <= 122)) letter = true;
      else if (c === 95) underscore = true;
    }
  }
  // IP addresses, version numbers, plain numbers: not names
  if (digitsOnly) return undefined;
  if (!letter) return undefined;
  if (fqdn) return 'fqdn';
  // underscores belong to SRV names (`_http._tcp.web.ns.svc…`), never to short host names
  if (underscore) return undefined;
  return labels === 1 ? 'short' : 'qualified';
}

const DOT = 46;

/** `svc` or `pod` in any case at `at` (three characters). */
function isSvcOrPod(s: string, at: number): boolean {
  const a = s.charCodeAt(at) | 32;
  const b = s.charCodeAt(at + 1) | 32;
  const c = s.charCodeAt(at + 2) | 32;
  return (a === 115 && b === 118 && c === 99) || (a === 112 && b === 111 && c === 100);
}

/** Cluster DNS name candidates in `text`, in order of appearance, one per position. */
export function findNameRefs(text: string): NameRef[] {
  if (text.length === 0 || text.length > MAX_TEXT || !HAS_LETTER.test(text)) return [];
  const found = new Found();
  let m: RegExpExecArray | null;
  if (text.includes('://')) {
    URL_RE.lastIndex = 0;
    while ((m = URL_RE.exec(text))) found.add(m[1], m.index + m[0].indexOf(m[1], m[0].indexOf('://')), m[2], 'url');
  }
  if (HAS_PORT.test(text)) {
    HOSTPORT_RE.lastIndex = 0;
    while ((m = HOSTPORT_RE.exec(text))) found.add(m[1], m.index, m[2], 'hostport');
  }
  // a whole value that is one name: at most 253 characters plus surrounding blanks
  if (text.length <= 300) {
    const whole = WHOLE_RE.exec(text);
    if (whole) found.add(whole[1], whole.index + whole[0].indexOf(whole[1]), undefined, 'value');
  }
  if (HAS_SVC_OR_POD.test(text)) {
    TOKEN_RE.lastIndex = 0;
    while ((m = TOKEN_RE.exec(text))) found.add(m[1], m.index, undefined, 'token');
  }
  return found.list();
}

/** The candidates of one text, the first kept at each position. */
class Found {
  private refs: NameRef[] = [];
  private sorted = true;
  /** The positions taken, once there are more than a few (a 64 KB value may hold thousands). */
  private taken?: Set<number>;

  add(name: string, index: number, port: string | undefined, form: NameRef['form']): void {
    if (this.taken) {
      if (this.taken.has(index)) return;
    } else {
      for (const r of this.refs) if (r.index === index) return;
    }
    const p = port === undefined ? undefined : Number(port);
    if (p !== undefined && (p < 1 || p > 65535)) return;
    if (name.length === 9 && name.toLowerCase() === 'localhost') return;
    const strength = classifyName(name);
    if (!strength) return;
    if (form === 'token' && strength !== 'fqdn') return;
    const last = this.refs[this.refs.length - 1];
    if (last && last.index > index) this.sorted = false;
    this.refs.push({ name, index, port: p, strength, form });
    if (this.taken) this.taken.add(index);
    else if (this.refs.length > 8) this.taken = new Set(this.refs.map((r) => r.index));
  }

  list(): NameRef[] {
    return this.sorted ? this.refs : this.refs.sort((a, b) => a.index - b.index);
  }
}
