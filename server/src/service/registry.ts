// Every editor feature, one line each. Adding a feature: one new file here and one line below.
import type { Feature } from './context';
import { definition } from './definition';
import { hover } from './hover';
import { references } from './references';

export const features: readonly Feature[] = [hover, definition, references];
