// The DNS layer of the core, for the CLI and the language server: the simulated cluster DNS server
// (resolver.ts), a pod's stub resolver (search.ts), nslookup's output and the CLI's JSON
// (nslookupText.ts), the zones as master files (zoneFile.ts), DNS messages on the wire (wire.ts).
// Pure: Node and core only (and dns-packet for the wire format).
export type { DnsAnswer, DnsRecord, Query, QType, Rcode, RecordOrigin, RRType } from './types';
export { QTYPES, parseQType } from './types';
export {
  CACHE_MAX_TTL,
  CACHE_MIN_TTL,
  DNS_SCHEMA_TTL,
  DNS_SCHEMA_VERSION,
  Resolver,
  SOA_EXPIRE,
  SOA_REFRESH,
  SOA_RETRY,
  SOA_SERIAL,
  compareNames,
  compareRecords,
  describeRecord,
  fqdn,
  invalidName,
  isSubDomain,
  recordText,
  type ResolverOptions,
} from './resolver';
export { dashedIP, extractAddressFromReverse, formatIP, isReverse, isV4, normalizeIP, parseIP, reverseName } from './ip';
export { publicDnsUpstream, type UpstreamAnswer, type UpstreamModel } from './upstream';
export {
  MAX_NAMESERVERS,
  MAX_SEARCH_CHARS,
  MAX_SEARCH_DOMAIN_LENGTH,
  MAX_SEARCH_PATHS,
  NODE_NAMESERVER,
  NSLOOKUP_MAX_SEARCH,
  askServer,
  candidates,
  lookup,
  resolvConf,
  searchRule,
  type DnsPolicy,
  type LookupFrom,
  type LookupOptions,
  type LookupResult,
  type LookupStep,
  type ResolvConf,
  type StubResolver,
} from './search';
export {
  nslookup,
  nslookupExplanation,
  nslookupJson,
  nslookupOutput,
  nslookupText,
  reverseArgument,
  type JsonRecord,
  type NslookupJson,
  type NslookupOptions,
  type NslookupRun,
  type SpanFormatter,
} from './nslookupText';
export { classifyName, findNameRefs, type NameRef } from './nameRefs';
export { RdataError, canonicalData, nameText, parseName, parseRdata, parseTxt, rdataText, txtString, type Labels, type Rdata } from './rdata';
export { ZoneFileError, checkZone, zoneContents, zoneFileName, zoneFileText, type ZoneContents, type ZoneFileOptions } from './zoneFile';
export {
  CLASSIC_UDP_SIZE,
  MAX_TCP_SIZE,
  MAX_UDP_SIZE,
  buildQuery,
  packetToRecord,
  readResponse,
  recordToPacket,
  respond,
  wireRcode,
  type Answerer,
  type Reply,
  type RespondOptions,
  type WireAnswer,
} from './wire';
