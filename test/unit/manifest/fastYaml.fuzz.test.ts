// Property tests for the fast YAML scanner (fast-check): on mutated corpus files and on generated
// YAML, the fast scanner either declines or gives exactly the reference's documents, and never throws.
// Cost is bounded (a few seconds): FASTYAML_FUZZ_RUNS scales the run counts, FASTYAML_FUZZ_SEED
// replays a seed that fast-check reported.
import { test, describe } from 'node:test';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkAgainstReference, corpusDir, INSERTIONS, listFiles, mutate, readText, type Mutation } from './fastYamlSupport';

const SCALE = Number(process.env.FASTYAML_FUZZ_RUNS ?? '1') || 1;
const SEED = process.env.FASTYAML_FUZZ_SEED ? Number(process.env.FASTYAML_FUZZ_SEED) : undefined;
const params = (numRuns: number): fc.Parameters<unknown> => ({ numRuns: Math.round(numRuns * SCALE), ...(SEED === undefined ? {} : { seed: SEED }) });

/** Corpus files small enough to keep the reference's cost per case low. */
const seeds: string[] = ['real', 'negative']
  .flatMap((part) => listFiles(path.join(corpusDir, part), (name) => /\.(ya?ml|json)$/.test(name)))
  .map(readText)
  .filter((t) => t.length <= 6000);

const lineNo = fc.nat({ max: 400 });
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), line: lineNo }),
  fc.record({ op: fc.constant('duplicate' as const), line: lineNo }),
  fc.record({ op: fc.constant('indent' as const), line: lineNo, by: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('dedent' as const), line: lineNo }),
  fc.record({
    op: fc.constant('insert' as const),
    line: lineNo,
    at: fc.nat({ max: 200 }),
    text: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...INSERTIONS) }, { weight: 1, arbitrary: fc.string({ maxLength: 3 }) }),
  }),
  fc.record({ op: fc.constant('cut' as const), line: lineNo, at: fc.nat({ max: 200 }), len: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('swap' as const), line: lineNo, other: lineNo }),
);

// ---------------------------------------------------------------- generated YAML
// A random tree rendered in block style with varied indentation, compact forms, comments and flow
// parts: mostly valid YAML, so that the equality check (not just the decline) gets exercised.
type Gen = { k: 'atom'; v: string } | { k: 'map'; entries: [string, Gen][] } | { k: 'seq'; items: Gen[] } | { k: 'flow'; v: string };

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
}

function indentScalar(v: string, ind: number): string {
  return v.replace(/\n/g, '\n' + ' '.repeat(ind));
}

/** Renders `node` as the value after `key:` or `-` at indent `ind`. Returns text starting right after the indicator. */
function render(node: Gen, ind: number, st: Style, inSeq: boolean): string {
  const c = st.comments ? ' # c' : '';
  switch (node.k) {
    case 'atom':
      return ' ' + indentScalar(node.v, ind + st.step) + (node.v.includes('\n') && /^[|>]/.test(node.v) ? '' : c) + '\n';
    case 'flow':
      return ' ' + indentScalar(node.v, ind + st.step) + c + '\n';
    case 'map': {
      const ii = inSeq ? ind + 2 : ind + st.step;
      let out = inSeq ? ' ' : '\n';
      node.entries.forEach(([k, v], i) => {
        if (!(inSeq && i === 0)) out += ' '.repeat(ii);
        out += k + ':' + render(v, ii, st, false);
      });
      return out;
    }
    case 'seq': {
      const ii = inSeq ? ind + 2 : st.indentlessSeq ? Math.max(0, ind) : ind + st.step;
      let out = inSeq ? ' ' : '\n';
      node.items.forEach((v, i) => {
        if (!(inSeq && i === 0)) out += ' '.repeat(ii);
        out += '-' + render(v, ii, st, true);
      });
      return out;
    }
  }
}

const docArb = fc
  .record({
    root: genArb,
    style: fc.record({ step: fc.integer({ min: 1, max: 4 }), indentlessSeq: fc.boolean(), comments: fc.boolean(), crlf: fc.boolean() }),
    marker: fc.constantFrom('', '---\n', '--- # doc\n'),
    docs: fc.integer({ min: 1, max: 3 }),
  })
  .map(({ root, style, marker, docs }) => {
    let text = '';
    for (let d = 0; d < docs; d++) {
      text += d > 0 ? '---\n' : marker;
      text += root.k === 'map' || root.k === 'seq' ? render(root, -style.step, style, false).replace(/^\n/, '') : 'root:' + render(root, 0, style, false);
    }
    return style.crlf ? text.replace(/\n/g, '\r\n') : text;
  });

describe('fast YAML scanner: property tests', () => {
  test('mutated corpus files: fast declines or equals the reference', (t) => {
    let runs = 0;
    let accepted = 0;
    fc.assert(
      fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), fc.option(fc.nat(), { freq: 8 }), (fi, muts, cut) => {
        const text = mutate(seeds[fi], muts, cut ?? undefined);
        runs++;
        if (checkAgainstReference(text, 'a mutated corpus file').accepted) accepted++;
      }),
      params(2000),
    );
    t.diagnostic(`${runs} mutated files, ${accepted} accepted by the fast scanner and equal to the reference`);
  });

  test('generated YAML (block, flow, scalars, comments, CRLF): fast declines or equals the reference', (t) => {
    let runs = 0;
    let accepted = 0;
    fc.assert(
      fc.property(docArb, fc.array(mutationArb, { maxLength: 1 }), (text, muts) => {
        const input = muts.length ? mutate(text, muts) : text;
        runs++;
        if (checkAgainstReference(input, 'generated YAML').accepted) accepted++;
      }),
      params(1000),
    );
    t.diagnostic(`${runs} generated inputs, ${accepted} accepted by the fast scanner and equal to the reference`);
  });
});
