// Every editor feature, one line each. Adding a feature: one new file here and one line below.
import type { Feature } from './context';
import { codeActions } from './codeActions';
import { codeLens } from './codeLens';
import { completion } from './completion';
import { definition } from './definition';
import { hover } from './hover';
import { references } from './references';
import { workspaceSymbols } from './workspaceSymbols';

export const features: readonly Feature[] = [hover, definition, references, codeLens, workspaceSymbols, completion, codeActions];
