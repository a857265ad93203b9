// A generator of random YAML documents for the fast-scanner property tests: a random tree rendered in
// block style with varied indentation, compact forms, indentation-less sequences, values on their own
// line after blank or comment lines, comments, flow parts, quoted and block scalars, CRLF.
// Mostly valid YAML, so that the equality with the reference (not just the decline) gets exercised.
import fc from 'fast-check';

export type Gen = { k: 'atom'; v: string } | { k: 'map'; entries: [string, Gen][] } | { k: 'seq'; items: Gen[] } | { k: 'flow'; v: string };

const ATOMS = [
  'a', 'b c', 'yes', 'No', 'on', '0o7', '012', '0x1F', '1_0', '-1', '+.inf', '.NaN', '~', 'null', '1.5', '1e5', 'e5', '.', '0_',
  '2001-01-01', '1:2', 'http://x:80/p', 'a:b', '-x', '--', '::1', '?x', 'a b  c', '"q\\"x"', "'s''t'", '"x\\ty"', '"a b"',
  "''", '""', '"\\u00e9"', "'multi\n  line'", '"fold\n\n  ed"', 'plain\n  cont', '|\n  lit\n  x', '>-\n  fold\n  ed\n\n  p',
  '|+\n  k\n\n', '|2\n   x\n  y', '>\n  a\n    more\n  b', '|-\n  t',
];
const FLOWS = ['[]', '{}', '[a, b]', '[1, [2, 3],]', '{a: 1, b: [x, y]}', '{"k":"v", "n": 1}', '[\n  a,\n  b\n  ]', '{ a: 1,\n  b: 2 }', "['x', \"y\"]"];
const KEYS = ['a', 'b', 'key', 'a b', '"q k"', "'s: k'", '1', 'yes', 'x:y', '-k', 'http'];

const genArb: fc.Arbitrary<Gen> = fc.letrec<{ node: Gen }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...ATOMS).map((v): Gen => ({ k: 'atom', v })),
    fc.constantFrom(...FLOWS).map((v): Gen => ({ k: 'flow', v })),
    fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), tie('node')), { minLength: 1, maxLength: 4, selector: (e) => e[0] }).map((entries): Gen => ({ k: 'map', entries })),
    fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((items): Gen => ({ k: 'seq', items })),
  ),
})).node;

interface Style {
  step: number;
  indentlessSeq: boolean;
  comments: boolean;
  crlf: boolean;
  /** A stream of small random numbers the renderer consumes for its local choices. */
  choices: number[];
}

class Renderer {
  private i = 0;
  constructor(private readonly st: Style) {}

  private choice(): number {
    const c = this.st.choices;
    return c.length ? c[this.i++ % c.length] : 0;
  }

  /** Sometimes blank or comment lines (at odd indentation, with and without a space after '#'). */
  private filler(ind: number): string {
    switch (this.choice()) {
      case 1:
        return '\n';
      case 2:
        return '#c\n';
      case 3:
        return '\n# c\n';
      case 4:
        return ' '.repeat(Math.max(0, ind)) + '# c\n';
      case 5:
        return ' '.repeat(Math.max(0, ind + 3)) + '#c\n';
      default:
        return '';
    }
  }

  private indentScalar(v: string, ind: number): string {
    return v.replace(/\n/g, '\n' + ' '.repeat(ind));
  }

  /** Renders `node` as the value after `key:` or `-` at indent `ind`; the text starts right after the indicator. */
  render(node: Gen, ind: number, inSeq: boolean): string {
    const st = this.st;
    const c = st.comments && this.choice() < 5 ? ' # c' : '';
    switch (node.k) {
      case 'atom':
      case 'flow': {
        const block = node.k === 'atom' && /^[|>]/.test(node.v);
        if (!block && this.choice() >= 8) {
          // the value on its own line, more indented, maybe after blank or comment lines
          const ii = ind + st.step;
          return c + '\n' + this.filler(ind) + ' '.repeat(ii) + this.indentScalar(node.v, ii) + '\n';
        }
        return ' ' + this.indentScalar(node.v, ind + st.step) + (block ? '' : c) + '\n';
      }
      case 'map': {
        const ii = inSeq ? ind + 2 : ind + st.step;
        let out = inSeq ? ' ' : c + '\n' + this.filler(ind);
        node.entries.forEach(([k, v], i) => {
          if (!(inSeq && i === 0)) out += ' '.repeat(ii);
          out += k + ':' + this.render(v, ii, false);
        });
        return out;
      }
      case 'seq': {
        const ii = inSeq ? ind + 2 : st.indentlessSeq ? Math.max(0, ind) : ind + st.step;
        let out = inSeq ? ' ' : c + '\n' + this.filler(ind);
        node.items.forEach((v, i) => {
          if (!(inSeq && i === 0)) out += ' '.repeat(ii);
          out += '-' + this.render(v, ii, true);
        });
        return out;
      }
    }
  }
}

export const docArb: fc.Arbitrary<string> = fc
  .record({
    root: genArb,
    style: fc.record({
      step: fc.integer({ min: 1, max: 4 }),
      indentlessSeq: fc.boolean(),
      comments: fc.boolean(),
      crlf: fc.boolean(),
      choices: fc.array(fc.nat({ max: 9 }), { maxLength: 16 }),
    }),
    marker: fc.constantFrom('', '---\n', '--- # doc\n'),
    docs: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ root, style, marker, docs }) => {
    let text = '';
    for (let d = 0; d < docs; d++) {
      const r = new Renderer(style);
      text += d > 0 ? '---\n' : marker;
      text += root.k === 'map' || root.k === 'seq' ? r.render(root, -style.step, false).replace(/^( # c)?\n/, '') : 'root:' + r.render(root, 0, false);
    }
    return style.crlf ? text.replace(/\n/g, '\r\n') : text;
  });
