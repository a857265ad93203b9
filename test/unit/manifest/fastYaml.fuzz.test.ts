// Property tests for the fast YAML scanner (fast-check): on mutated corpus files and on generated
// YAML, the fast scanner either declines or gives exactly the reference's documents, and never throws.
// Cost is bounded (a few seconds): FASTYAML_FUZZ_RUNS scales the run counts, FASTYAML_FUZZ_SEED
// replays a seed that fast-check reported.
import { test, describe } from 'node:test';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkAgainstReference, corpusDir, INSERTIONS, listFiles, mutate, readText, type Mutation } from './fastYamlSupport';
import { docArb } from './fastYamlGen';

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

  test('scalar resolution: random plain scalars resolve as in the reference', (t) => {
    const chars = '0123456789abefnoxyABEFNOXY._+-~:lLsStTuUrR'.split('');
    const word = fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: 8 });
    let accepted = 0;
    fc.assert(
      fc.property(word, fc.constantFrom('v: %', '- %', '[%]', '{k: %}', '%: v'), (w, form) => {
        if (checkAgainstReference(form.replace('%', w), 'a plain scalar').accepted) accepted++;
      }),
      params(3000),
    );
    t.diagnostic(`${accepted} plain scalars accepted and resolved like the reference`);
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
