import type { Loc, Severity } from '../../types';
import type { K8sObject, WorkloadObject } from '../objects';
import type { ValidationCode } from './codes';

/** Record that the API server would refuse `obj`, and why. */
export function reject(obj: K8sObject, code: ValidationCode, message: string, at: Loc): void {
  obj.problems.push({ code, severity: 'error', message, span: { file: obj.file, start: at.start, end: at.end } });
  obj.rejected = true;
}

/** Record a problem that does not stop the object from being accepted. */
export function warn(obj: K8sObject, code: ValidationCode, message: string, at: Loc, severity: Severity = 'warning'): void {
  obj.problems.push({ code, severity, message, span: { file: obj.file, start: at.start, end: at.end } });
}

/** The field path of a workload's job/pod spec: `spec` or, for a CronJob, `spec.jobTemplate.spec`. */
export function workloadSpecPath(w: WorkloadObject): string {
  return w.workload === 'CronJob' ? 'spec.jobTemplate.spec' : 'spec';
}

/** A value for messages: quoted, shortened when long. */
export function show(v: string | number): string {
  if (typeof v === 'number') return String(v);
  const s = v.length > 80 ? `${v.slice(0, 77)}…` : v;
  return JSON.stringify(s);
}
