// Every editor feature, one line each. Adding a feature: one new file here and one line below.
import type { Feature } from './context';
import { clusterTreeFeature } from './clusterTree';
import { codeActions } from './codeActions';
import { codeLens } from './codeLens';
import { completion } from './completion';
import { definition } from './definition';
import { fqdnAtFeature } from './fqdnAt';
import { hover } from './hover';
import { nslookupFeature } from './nslookup';
import { references } from './references';
import { workspaceSymbols } from './workspaceSymbols';
import { zoneNamesFeature } from './zoneNames';

export const features: readonly Feature[] = [
  hover,
  definition,
  references,
  codeLens,
  workspaceSymbols,
  completion,
  codeActions,
  nslookupFeature,
  clusterTreeFeature,
  fqdnAtFeature,
  zoneNamesFeature,
];
