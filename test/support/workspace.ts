// Building models from inline YAML in tests.
import { readManifestText } from '../../server/src/core/manifest/readFile';
import { ClusterModel } from '../../server/src/core/model/cluster';
import type { ModelSettings } from '../../server/src/core/model/settings';

/** A model from `{ 'file.yaml': 'yaml text' }`, refreshed. */
export function modelOf(files: Record<string, string>, settings: Partial<ModelSettings> = {}): ClusterModel {
  const m = new ClusterModel(settings);
  for (const [name, text] of Object.entries(files)) m.setFile(readManifestText(name, text));
  m.refresh();
  return m;
}

/** Dedent a template literal (leading newline and common indentation removed). */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  let s = strings.reduce((acc, str, i) => acc + str + (i < values.length ? String(values[i]) : ''), '');
  s = s.replace(/^\n/, '');
  const indent = Math.min(...s.split('\n').filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return s
    .split('\n')
    .map((l) => l.slice(indent))
    .join('\n');
}
