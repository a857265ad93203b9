// A fingerprint of the code that turns text into FileResults, set by esbuild.mjs (a hash of
// server/src/core/manifest, util and dns/nameRefs.ts): the persisted index records it, so a cache
// written by other reading code is not used even when the version number did not change.
declare const __K8S_DNS_LENS_READER__: string | undefined;

export const READER_BUILD: string = typeof __K8S_DNS_LENS_READER__ === 'string' ? __K8S_DNS_LENS_READER__ : 'dev';
