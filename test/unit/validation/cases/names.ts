import { CONTAINERS, deployment, indent, pod, service, type CaseTable } from '../harness';

const PORTS = 'ports:\n- port: 80';

function podMeta(meta: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n${indent(meta, 2)}\nspec:\n${indent(CONTAINERS, 2)}\n`;
}

function selectorDeployment(selector: string, labels = 'app: web'): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
${indent(selector, 4)}
  template:
    metadata:
      labels:
${indent(labels, 8)}
    spec:
${indent(CONTAINERS, 6)}
`;
}

const LONG_CRON = 'c'.repeat(53);

function cronJob(name: string): string {
  return `apiVersion: batch/v1
kind: CronJob
metadata:
  name: ${name}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
${indent(CONTAINERS, 10)}
`;
}

export const names: CaseTable = {
  refusals: [
    { name: 'Service name with an uppercase letter', yaml: service(PORTS, 'Web'), code: 'invalid-service-name', span: 'Web' },
    { name: 'Service name starting with a digit (DNS-1035)', yaml: service(PORTS, '1web'), code: 'invalid-service-name', span: '1web' },
    { name: 'Service name with a dot', yaml: service(PORTS, 'web.api'), code: 'invalid-service-name', span: 'web.api' },
    { name: 'Pod name with an underscore', yaml: pod(CONTAINERS, 'my_pod'), code: 'invalid-name', span: 'my_pod' },
    { name: 'Deployment name longer than 253', yaml: deployment(CONTAINERS, 'd'.repeat(254)), code: 'invalid-name', span: 'd'.repeat(254) },
    { name: 'metadata.namespace with an uppercase letter', yaml: podMeta('name: web\nnamespace: Prod'), code: 'invalid-namespace-name', span: 'Prod' },
    { name: 'Namespace name with a dot', yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team.a\n', code: 'invalid-namespace-name', span: 'team.a' },
    { name: 'no name and no generateName', yaml: podMeta('labels:\n  app: web'), code: 'missing-name', span: 'Pod' },
    { name: 'empty name', yaml: podMeta('name: ""'), code: 'missing-name', span: '""' },
    { name: 'generateName that cannot start a name', yaml: podMeta('generateName: Web-'), code: 'invalid-generate-name', span: 'Web-' },
    { name: 'Service generateName starting with a digit', yaml: `apiVersion: v1\nkind: Service\nmetadata:\n  generateName: 1web-\nspec:\n  ports:\n  - port: 80\n`, code: 'invalid-generate-name', span: '1web-' },
    { name: 'CronJob name of 53 characters', yaml: cronJob(LONG_CRON), code: 'cronjob-name-too-long', span: LONG_CRON },
    { name: 'label key with two slashes', yaml: podMeta('name: web\nlabels:\n  a/b/c: x'), code: 'invalid-label-key', span: 'a/b/c' },
    { name: 'label key with an uppercase prefix', yaml: podMeta('name: web\nlabels:\n  Example.com/app: x'), code: 'invalid-label-key', span: 'Example.com/app' },
    { name: 'label key starting with a dash', yaml: podMeta('name: web\nlabels:\n  -app: x'), code: 'invalid-label-key', span: '-app' },
    { name: 'label value with a space', yaml: podMeta('name: web\nlabels:\n  app: "my app"'), code: 'invalid-label-value', span: '"my app"' },
    { name: 'label value of 64 characters', yaml: podMeta(`name: web\nlabels:\n  app: ${'v'.repeat(64)}`), code: 'invalid-label-value', span: 'v'.repeat(64) },
    { name: 'label value ending with a dash', yaml: podMeta('name: web\nlabels:\n  app: web-'), code: 'invalid-label-value', span: 'web-' },
    { name: 'Service selector value with a slash', yaml: service('selector:\n  app: web/v1\nports:\n- port: 80'), code: 'invalid-label-value', span: 'web/v1' },
    {
      name: 'pod template label value with a colon',
      yaml: selectorDeployment('matchLabels:\n  app: web', 'app: web\nversion: "1:2"'),
      code: 'invalid-label-value',
      span: '"1:2"',
    },
    { name: 'matchLabels key with a space', yaml: selectorDeployment('matchLabels:\n  "my app": web', '"my app": web'), code: 'invalid-label-key', span: '"my app"', nth: 0 },
    {
      name: 'matchExpressions operator in lowercase',
      yaml: selectorDeployment('matchExpressions:\n- key: app\n  operator: in\n  values: [web]'),
      code: 'invalid-selector-operator',
      span: 'in',
    },
    {
      name: 'In without values',
      yaml: selectorDeployment('matchExpressions:\n- key: app\n  operator: In'),
      code: 'invalid-selector-values',
      span: 'In',
    },
    {
      name: 'Exists with values',
      yaml: selectorDeployment('matchExpressions:\n- key: app\n  operator: Exists\n  values: [web]'),
      code: 'invalid-selector-values',
      span: 'web',
    },
    {
      name: 'matchExpressions value that is not a label value',
      yaml: selectorDeployment('matchExpressions:\n- key: app\n  operator: NotIn\n  values: ["a b"]'),
      code: 'invalid-label-value',
      span: '"a b"',
    },
  ],
  accepted: [
    { name: 'Service name of 63 characters', yaml: service(PORTS, `w${'e'.repeat(62)}`) },
    { name: 'Pod name starting with a digit and holding dots', yaml: pod(CONTAINERS, '1web.v2') },
    { name: 'generateName ending with a dash', yaml: podMeta('generateName: web-') },
    { name: 'Service generateName ending with a dash', yaml: `apiVersion: v1\nkind: Service\nmetadata:\n  generateName: web-\nspec:\n  ports:\n  - port: 80\n` },
    { name: 'CronJob name of 52 characters', yaml: cronJob('c'.repeat(52)) },
    { name: 'prefixed label key with uppercase name and empty value', yaml: podMeta('name: web\nlabels:\n  example.com/App_Name.v1: ""\n  tier:') },
    { name: 'label value of 63 characters with _ and .', yaml: podMeta(`name: web\nlabels:\n  app: A_${'v'.repeat(59)}.1`) },
    { name: 'NotIn and DoesNotExist selectors', yaml: selectorDeployment('matchExpressions:\n- key: app\n  operator: NotIn\n  values: [db]\n- key: canary\n  operator: DoesNotExist') },
  ],
};
