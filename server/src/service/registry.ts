// Every editor feature, one line each. Adding a feature: one new file here and one line below.
import type { Feature } from './context';

export const features: readonly Feature[] = [];
