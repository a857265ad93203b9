// Results of a suite as run.mjs reads them: test-results/e2e/<suite>.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { resultsDir } from './paths';

export interface SuiteResult {
  suite: string;
  passed: number;
  failed: number;
  pending: number;
  ms: number;
  /** Set when the suite could not run to its end (setup failed, timeout). */
  error?: string;
}

export function writeResult(r: SuiteResult): void {
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, `${r.suite}.json`), JSON.stringify(r, null, 2) + '\n');
}
