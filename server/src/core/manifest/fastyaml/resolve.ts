// Plain-scalar resolution exactly as the reference reader does it: the `yaml` package's YAML 1.1
// schema with timestamps and sexagesimal (`TIME` format) numbers removed (see yamlReference.ts).
// The tests run in the same order as the reference schema's tags, and each value is computed the
// way that tag's `resolve` computes it (including its oddities: `0_` and `e5` are NaN, `-0` is -0).
import type { YScalarValue } from '../yast';

const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const TRUE_RE = /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/;
const FALSE_RE = /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/;
const INT_BIN_RE = /^[-+]?0b[0-1_]+$/;
const INT_OCT_RE = /^[-+]?0[0-7_]+$/;
const INT_RE = /^[-+]?[0-9][0-9_]*$/;
const INT_HEX_RE = /^[-+]?0x[0-9a-fA-F_]+$/;
const FLOAT_NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP_RE = /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/;

/** The words (letters only) that NULL_RE, TRUE_RE and FALSE_RE match, and what they resolve to. */
const WORDS = new Map<string, null | boolean>([
  ...['null', 'Null', 'NULL'].map((w) => [w, null] as const),
  ...['Y', 'y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((w) => [w, true] as const),
  ...['N', 'n', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((w) => [w, false] as const),
]);

/** The reference's `intResolve` (without bigint). */
function intResolve(str: string, offset: number, radix: number): number {
  const sign = str[0];
  if (sign === '-' || sign === '+') offset += 1;
  const digits = str.substring(offset).replace(/_/g, '');
  const n = parseInt(digits, radix);
  return sign === '-' ? -1 * n : n;
}

/** The value of a plain (unquoted) scalar whose folded text is `s` (never empty). */
export function resolvePlain(s: string): YScalarValue {
  const c = s.charCodeAt(0);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
    // A letter: only the null/boolean words (at most 5 letters) or, after e/E, an exponent float.
    if (c === 101 || c === 69) {
      const d = s.charCodeAt(1);
      if ((d >= 48 && d <= 57) || d === 43 || d === 45) return resolveTyped(s);
    }
    if (s.length > 5) return s;
    // the words NULL_RE, TRUE_RE and FALSE_RE match, looked up (three regular expressions ran on
    // every short word: `TCP`, `http`, `warn`): only those starting with n, y, t, f or o are any
    switch (c | 32) {
      case 110:
      case 121:
      case 116:
      case 102:
      case 111: {
        const w = WORDS.get(s);
        if (w !== undefined) return w;
      }
    }
    return s;
  }
  if (c >= 49 && c <= 57) {
    // Decimal digits without sign, `_` or leading zero: the int pattern, nothing before it, matches.
    const n = s.length;
    let i = 1;
    while (i < n) {
      const d = s.charCodeAt(i);
      if (d < 48 || d > 57) break;
      i++;
    }
    if (i === n) return parseInt(s, 10);
  }
  if ((c >= 48 && c <= 57) || c === 43 /* + */ || c === 45 /* - */ || c === 46 /* . */ || c === 126 /* ~ */) return resolveTyped(s);
  return s;
}

/** The reference's tag tests in schema order, for a scalar that may be typed. */
function resolveTyped(s: string): YScalarValue {
  if (NULL_RE.test(s)) return null;
  if (TRUE_RE.test(s)) return true;
  if (FALSE_RE.test(s)) return false;
  if (INT_BIN_RE.test(s)) return intResolve(s, 2, 2);
  if (INT_OCT_RE.test(s)) return intResolve(s, 1, 8);
  if (INT_RE.test(s)) return intResolve(s, 0, 10);
  if (INT_HEX_RE.test(s)) return intResolve(s, 2, 16);
  if (FLOAT_NAN_RE.test(s)) {
    return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (FLOAT_EXP_RE.test(s)) return parseFloat(s.replace(/_/g, ''));
  if (FLOAT_RE.test(s)) return parseFloat(s.replace(/_/g, ''));
  return s;
}
