// What the robustness corpus (../shared/corpus/negative) must yield, shared by the in-process suite
// (test/unit/robustness/negativeCorpus.test.ts) and the real server's (test/server/negative.test.ts).

/** Files that are not Kubernetes manifests: never a diagnostic. */
export const NOT_MANIFESTS = /^(ci|compose|adjacent)\/|^real-broken\/(prometheus-operator__kube-prometheus__examples__alertmanager-config-with-template\.yaml|kubernetes__examples___archived__scheduler-policy__scheduler-policy-config-with-extender\.json)$|^handmade\/(empty|whitespace-only|comments-only|document-markers-only)\.yaml$/;

/**
 * Every diagnostic of the corpus, reviewed: genuine YAML errors in files that look like manifests
 * (kubectl refuses them too: duplicate keys, an alias bomb — "excessive aliasing"), API refusals of
 * schema-invalid objects, one note per template or per document too deep to read. Nothing else.
 */
export const EXPECTED: [string, string][] = [
  ['handmade/bad-indentation.yaml', 'yaml-syntax yaml-syntax yaml-syntax'],
  ['handmade/billion-laughs.yaml', 'yaml-syntax'],
  ['handmade/deeply-nested-flow.yaml', 'document-too-deep'],
  ['handmade/duplicate-keys.yaml', 'yaml-syntax yaml-syntax yaml-syntax'],
  ['handmade/json-broken.json', 'yaml-syntax'],
  ['handmade/mapping-value-not-allowed.yaml', 'yaml-syntax'],
  ['handmade/multi-doc-one-broken.yaml', 'yaml-syntax'],
  ['handmade/sequence-mapping-mix.yaml', 'yaml-syntax yaml-syntax yaml-syntax'],
  ['handmade/tabs-indentation.yaml', 'yaml-syntax yaml-syntax yaml-syntax'],
  ['handmade/unclosed-quotes.yaml', 'yaml-syntax'],
  ['handmade/unterminated-flow.yaml', 'yaml-syntax yaml-syntax'],
  ['handmade/wrong-types.yaml', 'invalid-field-type invalid-field-type invalid-field-type invalid-field-type invalid-service-type invalid-cluster-ip invalid-port-number invalid-target-port'],
  ['helm/GoogleCloudPlatform__kubernetes-engine-samples__quickstarts__whereami__helm-chart__templates__deployment.yaml', 'templated-file'],
  ['helm/GoogleCloudPlatform__kubernetes-engine-samples__quickstarts__whereami__helm-chart__templates__ksa.yaml', 'templated-file'],
  ['helm/GoogleCloudPlatform__kubernetes-engine-samples__quickstarts__whereami__helm-chart__templates__service.yaml', 'templated-file'],
  ['helm/GoogleCloudPlatform__microservices-demo__helm-chart__templates__adservice.yaml', 'templated-file'],
  ['helm/GoogleCloudPlatform__microservices-demo__helm-chart__templates__common.yaml', 'templated-file'],
  ['helm/GoogleCloudPlatform__microservices-demo__helm-chart__templates__frontend.yaml', 'templated-file'],
  ['helm/istio__istio__manifests__charts__istio-control__istio-discovery__templates__remote-istiod-endpointslices.yaml', 'templated-file'],
  ['helm/istio__istio__manifests__charts__istio-control__istio-discovery__templates__remote-istiod-service.yaml', 'templated-file'],
  ['helm/istio__istio__samples__ambient-argo__tag-chart__templates__shimservice.yaml', 'templated-file'],
  ['helm/istio__istio__samples__ambient-argo__tag-chart__templates__validatingwebhook.yaml', 'templated-file'],
  // a plain (untemplated) file in a chart's templates/: a manifest like any other, two partial Deployments
  ['helm/zegl__kube-score__score__testdata__helm__app1__templates__deployment.yaml', 'missing-selector missing-containers missing-selector missing-containers'],
  ['real-broken/GoogleCloudPlatform__kubernetes-engine-samples__ai-ml__gke-model-armor__preparing-the-model__llm-service.yaml', 'yaml-syntax'],
  ['real-broken/GoogleCloudPlatform__kubernetes-engine-samples__ai-ml__infw-gw__examples__getting-started__vllm-llama3-8b-instruct.yaml', 'yaml-syntax yaml-syntax yaml-syntax'],
  ['schema-invalid/yannh__kubeconform__fixtures__duplicate_property.yaml', 'yaml-syntax'],
  // the template has no labels: the selector k8s-app=nginx-ds does not match it (refused)
  ['schema-invalid/yannh__kubeconform__fixtures__extra_property.yaml', 'selector-template-mismatch'],
  ['schema-invalid/yannh__kubeconform__fixtures__invalid.yaml', 'invalid-field-type'],
  ['schema-invalid/yannh__kubeconform__fixtures__list_invalid.yaml', 'invalid-field-type'],
  ['schema-invalid/yannh__kubeconform__fixtures__multi_invalid.yaml', 'invalid-field-type'],
  ['templated/GoogleCloudPlatform__kubernetes-engine-samples__ai-ml__llm-serving-llama__vllm__vllm-llama4-scout-17b-16e.yaml', 'templated-file'],
  ['templated/istio__istio__pilot__pkg__xds__testdata__benchmarks__externalname.yaml', 'templated-file'],
  ['templated/kubernetes__examples___archived__newrelic__newrelic-config-template.yaml', 'templated-file'],
  ['templated/kubernetes__examples___archived__storage__vitess__etcd-service-template.yaml', 'templated-file'],
  ['templated/kubernetes__examples___archived__storage__vitess__vttablet-pod-template.yaml', 'templated-file'],
];
