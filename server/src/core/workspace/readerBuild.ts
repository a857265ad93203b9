// Fingerprints of the code, set by esbuild.mjs: a hash of the code that turns text into FileResults
// (server/src/core/manifest, util and dns/nameRefs.ts) and one of the whole core. The persisted index
// records the first, so a cache written by other reading code is not used even when the version number
// did not change; the persisted check results (workspace/diagnosticsSnapshot.ts) record the second,
// as other model or check code may find other problems in the same files.
declare const __K8S_DNS_LENS_READER__: string | undefined;
declare const __K8S_DNS_LENS_CORE__: string | undefined;

export const READER_BUILD: string = typeof __K8S_DNS_LENS_READER__ === 'string' ? __K8S_DNS_LENS_READER__ : 'dev';
export const CORE_BUILD: string = typeof __K8S_DNS_LENS_CORE__ === 'string' ? __K8S_DNS_LENS_CORE__ : 'dev';
