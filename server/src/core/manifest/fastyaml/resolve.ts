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

/** The reference's `intResolve` (without bigint). */
function intResolve(str: string, offset: number, radix: number): number {
  const sign = str[0];
  if (sign === '-' || sign === '+') offset += 1;
  const digits = str.substring(offset).replace(/_/g, '');
  const n = parseInt(digits, radix);
  return sign === '-' ? -1 * n : n;
}

/** Could `s` be anything but a string? A cheap first-character filter before the regular expressions. */
function maybeTyped(s: string): boolean {
  const c = s.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 43 /* + */ || c === 45 /* - */ || c === 46 /* . */ || c === 126 /* ~ */) return true;
  switch (c) {
    case 101: // e
    case 69: {
      // E: `e5`, `e-3` match the exponent-float pattern
      const d = s.charCodeAt(1);
      return (d >= 48 && d <= 57) || d === 43 || d === 45;
    }
    case 110: // n
    case 78: // N
    case 121: // y
    case 89: // Y
    case 116: // t
    case 84: // T
    case 102: // f
    case 70: // F
    case 111: // o
    case 79: // O
      return s.length <= 5;
    default:
      return false;
  }
}

/** The value of a plain (unquoted) scalar whose folded text is `s` (never empty). */
export function resolvePlain(s: string): YScalarValue {
  if (!maybeTyped(s)) return s;
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
