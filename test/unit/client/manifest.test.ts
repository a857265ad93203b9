// The extension manifest (package.json) against the code: settings, commands, menus, views, grammar.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETTING_KEYS, SECTION } from '../../../client/src/settingsKeys';
import { defaultSettings } from '../../../server/src/core/model/settings';
import { defaultInclude } from '../../../server/src/core/workspace/scan';
import { parseSettings } from '../../../server/src/lsp/settings';

const root = path.resolve(__dirname, '../../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const props: Record<string, any> = pkg.contributes.configuration.properties;

test('every setting is contributed with a description and a default, and nothing else is', () => {
  assert.deepEqual(Object.keys(props).sort(), SETTING_KEYS.map((k) => `${SECTION}.${k}`).sort());
  for (const [key, p] of Object.entries(props)) {
    assert.ok(p.markdownDescription || p.description, `${key} has a description`);
    assert.ok('default' in p, `${key} has a default`);
    assert.ok(p.type, `${key} has a type`);
    if (p.enum) assert.ok(p.enum.includes(p.default), `${key}: default among the enum`);
  }
});

test('setting defaults are the server\'s defaults', () => {
  const d = (k: string) => props[`${SECTION}.${k}`].default;
  assert.equal(d('clusterDomain'), defaultSettings.clusterDomain);
  assert.equal(d('defaultNamespace'), defaultSettings.defaultNamespace);
  assert.equal(d('dns.podRecords'), defaultSettings.podRecords);
  assert.equal(d('dns.endpointPodNames'), defaultSettings.endpointPodNames);
  assert.equal(d('simulation.podCIDR'), defaultSettings.podCIDR);
  assert.equal(d('simulation.serviceCIDR'), defaultSettings.serviceCIDR);
  assert.deepEqual(d('files.include'), defaultInclude);
  assert.deepEqual(d('files.exclude'), []);
  assert.deepEqual(d('diagnostics.severity'), {});
  assert.equal(d('trace.server'), 'off');
  // the contributed defaults, nested as the client sends them, parse without warnings
  const nested: Record<string, any> = {};
  for (const k of SETTING_KEYS) {
    const parts = k.split('.');
    let cur = nested;
    for (const p of parts.slice(0, -1)) cur = cur[p] ??= {};
    cur[parts[parts.length - 1]] = d(k);
  }
  const parsed = parseSettings(nested);
  assert.deepEqual(parsed.warnings, []);
  assert.equal(parsed.model.clusterDomain, 'cluster.local');
});

test('commands: titled, in the "K8s DNS" category, with icons, and registered by the client', () => {
  const sources = ['client/src/commands', 'server/src']
    .flatMap((d) => fs.readdirSync(path.join(root, d)).filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(path.join(root, d, f), 'utf8')))
    .join('\n');
  for (const c of pkg.contributes.commands) {
    assert.ok(c.title && c.category === 'K8s DNS' && /^\$\([a-z-]+\)$/.test(c.icon), `${c.command}: title, category, icon`);
    assert.ok(sources.includes(`'${c.command}'`), `${c.command} is registered in client/src/commands (or named in protocol.ts)`);
  }
  const ids = new Set(pkg.contributes.commands.map((c: any) => c.command));
  for (const [menu, items] of Object.entries<any[]>(pkg.contributes.menus)) {
    for (const item of items) assert.ok(ids.has(item.command), `${menu}: ${item.command} is contributed`);
  }
});

test('views, activation, workspace capabilities', () => {
  const containers = pkg.contributes.viewsContainers.activitybar;
  assert.equal(containers[0].id, 'k8sDnsLens');
  assert.ok(fs.existsSync(path.join(root, containers[0].icon)));
  assert.deepEqual(pkg.contributes.views.k8sDnsLens.map((v: any) => v.id), ['k8sDnsLens.clusterDns']);
  assert.ok(!pkg.activationEvents.includes('*'), 'no eager activation');
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, false);
  assert.ok(fs.existsSync(path.join(root, pkg.icon)));
  assert.equal(pkg.main, './dist/extension.js');
});

test('nslookup language and grammar: files exist, every pattern compiles', () => {
  const [lang] = pkg.contributes.languages;
  const [grammar] = pkg.contributes.grammars;
  assert.equal(lang.id, 'k8s-nslookup');
  assert.equal(grammar.language, 'k8s-nslookup');
  assert.ok(fs.existsSync(path.join(root, lang.configuration)));
  const g = JSON.parse(fs.readFileSync(path.join(root, grammar.path), 'utf8'));
  assert.equal(g.scopeName, grammar.scopeName);
  const regexes: Record<string, RegExp> = {};
  const walk = (node: any, at: string) => {
    if (!node || typeof node !== 'object') return;
    for (const key of ['match', 'begin', 'end']) if (typeof node[key] === 'string') regexes[`${at}.${key}`] = new RegExp(node[key]);
    for (const [k, v] of Object.entries(node)) walk(v, `${at}.${k}`);
  };
  walk(g, 'grammar');
  assert.ok(Object.keys(regexes).length >= 10);
  const find = (suffix: string) => Object.entries(regexes).find(([k]) => k.includes(suffix))![1];
  assert.match('10.96.0.10#53', find('values.patterns.3.match'));
  assert.ok(find('values.patterns.4.match').test('pod-a.headless1.default.svc.cluster.local'));
  assert.ok(find('fileRef.match').test('seed/Headless.yml:4'));
  assert.ok(find('rcode.patterns.0.match').test("** server can't find x: NXDOMAIN"));
});
