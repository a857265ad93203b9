// Every check, one line each. Adding a rule: one new file under rules/ and one line here.
import type { Check } from './types';
import { selectorMatchesNoPod } from './rules/selectorMatchesNoPod';

export const checks: readonly Check[] = [selectorMatchesNoPod];
