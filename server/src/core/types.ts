// Shared vocabulary of the pure core. Nothing in core/ imports an editor API.

/** Offsets [start, end) into the text of one file. The file is carried by the owner of the range. */
export interface Loc {
  start: number;
  end: number;
}

/** A file plus offsets: what every answer of the core points back at. */
export interface Span extends Loc {
  /** Opaque file id: an absolute path in the CLI, a URI string in the language server. */
  file: string;
}

/** A value read from YAML together with where it was written. */
export interface Val<T> extends Loc {
  value: T;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Something wrong found while reading or checking a manifest. */
export interface Problem {
  /** Stable rule code, e.g. `yaml-syntax`, `invalid-service-name`. */
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  related?: RelatedInfo[];
  /** Data a quick fix needs; shape is owned by the rule that produced it. */
  fix?: FixData;
}

export interface RelatedInfo {
  span: Span;
  message: string;
}

/** A text edit expressed in offsets of one file; `file` may name a file that does not exist yet. */
export interface TextEditSpec {
  file: string;
  start: number;
  end: number;
  newText: string;
}

export interface FixData {
  title: string;
  edits: TextEditSpec[];
  /** True when the edit creates `file`. */
  createsFile?: boolean;
}

export function span(file: string, loc: Loc): Span {
  return { file, start: loc.start, end: loc.end };
}
