// A small, strict argument parser: unknown flags and missing values are errors (exit 2), never guesses.

export class UsageError extends Error {}

export interface FlagSpec {
  /** Names, e.g. ['-w', '--workspace']. */
  names: string[];
  /** Takes a value (else boolean). */
  value?: boolean;
  /** Allowed values. */
  choices?: string[];
  /** May be given several times (values collected). */
  repeat?: boolean;
}

export interface Parsed {
  positional: string[];
  flags: Map<string, string | boolean | string[]>;
}

/** Parses `argv` against `specs`; flags are keyed by their last (long) name without dashes. */
export function parseArgs(argv: string[], specs: FlagSpec[]): Parsed {
  const byName = new Map<string, FlagSpec>();
  for (const s of specs) for (const n of s.names) byName.set(n, s);
  const key = (s: FlagSpec) => s.names[s.names.length - 1].replace(/^-+/, '');
  const out: Parsed = { positional: [], flags: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positional.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a !== '-') {
      let name = a;
      let inline: string | undefined;
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) {
        name = a.slice(0, eq);
        inline = a.slice(eq + 1);
      }
      const spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown option ${name}`);
      if (!spec.value) {
        if (inline !== undefined) throw new UsageError(`option ${name} takes no value`);
        out.flags.set(key(spec), true);
        continue;
      }
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('-') && v.length > 1)) throw new UsageError(`option ${name} needs a value`);
      if (spec.choices && !spec.choices.includes(v)) throw new UsageError(`option ${name} must be one of ${spec.choices.join(', ')} (got "${v}")`);
      if (spec.repeat) {
        const prev = out.flags.get(key(spec));
        out.flags.set(key(spec), [...(Array.isArray(prev) ? prev : []), v]);
      } else {
        out.flags.set(key(spec), v);
      }
      continue;
    }
    out.positional.push(a);
  }
  return out;
}

export function str(p: Parsed, name: string): string | undefined {
  const v = p.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function bool(p: Parsed, name: string): boolean {
  return p.flags.get(name) === true;
}

export function list(p: Parsed, name: string): string[] {
  const v = p.flags.get(name);
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}
