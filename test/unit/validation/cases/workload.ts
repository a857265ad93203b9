import { CONTAINERS, indent, type CaseTable } from '../harness';

interface W {
  apiVersion?: string;
  kind?: string;
  name?: string;
  /** Lines of `spec` before the template (selector, replicas, serviceName…). */
  spec?: string;
  labels?: string | null;
  podSpec?: string;
  template?: boolean;
}

function workload(w: W): string {
  const labels = w.labels === null ? '' : `    metadata:\n      labels:\n${indent(w.labels ?? 'app: web', 8)}\n`;
  const template = w.template === false ? '' : `  template:\n${labels}    spec:\n${indent(w.podSpec ?? CONTAINERS, 6)}\n`;
  const spec = w.spec === undefined ? 'selector:\n  matchLabels:\n    app: web' : w.spec;
  return `apiVersion: ${w.apiVersion ?? 'apps/v1'}\nkind: ${w.kind ?? 'Deployment'}\nmetadata:\n  name: ${w.name ?? 'web'}\nspec:\n${indent(spec, 2)}\n${template}`;
}

function job(spec: string, podSpec = `restartPolicy: Never\n${CONTAINERS}`, name = 'batch'): string {
  return `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: ${name}\nspec:\n${indent(spec, 2)}\n  template:\n    spec:\n${indent(podSpec, 6)}\n`;
}

const JOB61 = 'j'.repeat(61);

export const workloadCases: CaseTable = {
  refusals: [
    { name: 'apps/v1 Deployment without selector', yaml: workload({ spec: 'replicas: 2' }), code: 'missing-selector', span: 'spec' },
    { name: 'apps/v1beta2 DaemonSet without selector', yaml: workload({ apiVersion: 'apps/v1beta2', kind: 'DaemonSet', spec: 'minReadySeconds: 5' }), code: 'missing-selector', span: 'spec' },
    { name: 'empty selector', yaml: workload({ kind: 'StatefulSet', spec: 'selector: {}' }), code: 'missing-selector', span: '{}' },
    {
      name: 'extensions/v1beta1 Deployment defaulting from empty template labels',
      yaml: workload({ apiVersion: 'extensions/v1beta1', spec: 'replicas: 1', labels: '{}' }),
      code: 'missing-selector',
      span: '{}',
    },
    {
      name: 'ReplicationController without selector or template labels',
      yaml: workload({ apiVersion: 'v1', kind: 'ReplicationController', spec: 'replicas: 1', labels: null }),
      code: 'missing-selector',
      span: 'spec',
    },
    { name: 'selector not matching the template labels', yaml: workload({ labels: 'app: api' }), code: 'selector-template-mismatch', span: 'app: api' },
    { name: 'selector with template without labels', yaml: workload({ kind: 'ReplicaSet', labels: null }), code: 'selector-template-mismatch', span: 'template' },
    {
      name: 'matchExpressions not matching the template labels',
      yaml: workload({ spec: 'selector:\n  matchExpressions:\n  - key: tier\n    operator: Exists', labels: 'app: web' }),
      code: 'selector-template-mismatch',
      span: 'app: web',
    },
    {
      name: 'ReplicationController selector not matching',
      yaml: workload({ apiVersion: 'v1', kind: 'ReplicationController', spec: 'selector:\n  app: web\n  tier: db' }),
      code: 'selector-template-mismatch',
      span: 'app: web',
    },
    { name: 'negative replicas', yaml: workload({ spec: 'replicas: -1\nselector:\n  matchLabels:\n    app: web' }), code: 'invalid-replicas', span: '-1' },
    { name: 'negative Job parallelism', yaml: job('parallelism: -2'), code: 'invalid-replicas', span: '-2' },
    { name: 'completionMode in lowercase', yaml: job('completions: 3\ncompletionMode: indexed'), code: 'invalid-completion-mode', span: 'indexed' },
    { name: 'Indexed Job without completions', yaml: job('completionMode: Indexed\nparallelism: 3'), code: 'indexed-job-without-completions', span: 'Indexed' },
    {
      name: 'Indexed Job whose last hostname exceeds 63 characters',
      yaml: job('completionMode: Indexed\ncompletions: 100', undefined, JOB61),
      code: 'indexed-job-name-too-long',
      span: JOB61,
    },
    { name: 'Job without restartPolicy', yaml: job('completions: 1', CONTAINERS), code: 'invalid-restart-policy', span: 'spec', nth: 0 },
    { name: 'Job with restartPolicy Always', yaml: job('completions: 1', `restartPolicy: Always\n${CONTAINERS}`), code: 'invalid-restart-policy', span: 'Always' },
    {
      name: 'CronJob without restartPolicy',
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n${indent(CONTAINERS, 10)}\n`,
      code: 'invalid-restart-policy',
      span: 'spec',
    },
    { name: 'Deployment with restartPolicy Never', yaml: workload({ podSpec: `restartPolicy: Never\n${CONTAINERS}` }), code: 'invalid-restart-policy', span: 'Never' },
    {
      name: 'StatefulSet serviceName with a dot',
      yaml: workload({ kind: 'StatefulSet', spec: 'serviceName: db.headless\nselector:\n  matchLabels:\n    app: web' }),
      code: 'invalid-statefulset-service-name',
      span: 'db.headless',
    },
    { name: 'Deployment without template', yaml: workload({ template: false }), code: 'missing-containers', span: 'spec' },
  ],
  accepted: [
    { name: 'extensions/v1beta1 Deployment without selector', yaml: workload({ apiVersion: 'extensions/v1beta1', spec: 'replicas: 1' }) },
    { name: 'extensions/v1beta1 DaemonSet without selector', yaml: workload({ apiVersion: 'extensions/v1beta1', kind: 'DaemonSet', spec: 'minReadySeconds: 1' }) },
    { name: 'apps/v1beta1 StatefulSet without selector', yaml: workload({ apiVersion: 'apps/v1beta1', kind: 'StatefulSet', spec: 'serviceName: web' }) },
    { name: 'ReplicationController defaulting its selector', yaml: workload({ apiVersion: 'v1', kind: 'ReplicationController', spec: 'replicas: 2' }) },
    { name: 'selector a subset of the template labels', yaml: workload({ labels: 'app: web\ntier: frontend' }) },
    {
      name: 'matchExpressions In and DoesNotExist',
      yaml: workload({ spec: 'selector:\n  matchExpressions:\n  - key: app\n    operator: In\n    values: [web, api]\n  - key: canary\n    operator: DoesNotExist' }),
    },
    { name: 'replicas 0', yaml: workload({ spec: 'replicas: 0\nselector:\n  matchLabels:\n    app: web' }) },
    { name: 'StatefulSet without serviceName', yaml: workload({ kind: 'StatefulSet' }) },
    { name: 'StatefulSet serviceName starting with a digit', yaml: workload({ kind: 'StatefulSet', spec: 'serviceName: 0-web\nselector:\n  matchLabels:\n    app: web' }) },
    { name: 'Indexed Job whose last hostname is 63 characters', yaml: job('completionMode: Indexed\ncompletions: 10', undefined, 'j'.repeat(61)) },
    { name: 'Job with OnFailure and NonIndexed', yaml: job('completionMode: NonIndexed\nparallelism: 0\ncompletions: 0', `restartPolicy: OnFailure\n${CONTAINERS}`) },
    { name: 'Deployment with restartPolicy Always', yaml: workload({ podSpec: `restartPolicy: Always\n${CONTAINERS}` }) },
  ],
};
