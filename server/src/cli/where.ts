// file:line of a span, relative to the workspace root: how the CLI points back at YAML.
import type { ClusterModel } from '../core/model/cluster';
import type { Span } from '../core/types';
import { positionAt } from '../core/util/lines';
import { rel } from './checkReport';

export function spanWhere(model: ClusterModel, root: string): (span: Span) => string {
  return (span) => {
    if (!span.file) return '(built in)';
    const res = model.file(span.file);
    const line = res ? positionAt(res.lineStarts, span.start).line + 1 : 1;
    return `${rel(root, span.file)}:${line}`;
  };
}
