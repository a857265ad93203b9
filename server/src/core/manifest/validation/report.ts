import type { Loc, Severity } from '../../types';
import type { K8sObject } from '../objects';

/** Record that the API server would refuse `obj`, and why. */
export function reject(obj: K8sObject, code: string, message: string, at: Loc): void {
  obj.problems.push({ code, severity: 'error', message, span: { file: obj.file, start: at.start, end: at.end } });
  obj.rejected = true;
}

/** Record a problem that does not stop the object from being accepted. */
export function warn(obj: K8sObject, code: string, message: string, at: Loc, severity: Severity = 'warning'): void {
  obj.problems.push({ code, severity, message, span: { file: obj.file, start: at.start, end: at.end } });
}
