import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { statusText } from '../../../client/src/status/statusText';
import { CrashPolicy } from '../../../client/src/crashPolicy';

const stats = { services: 12, pods: 20, problems: 3, files: 9, indexing: false };

test('status bar: services and problems', () => {
  assert.equal(statusText('running', stats).text, 'K8s DNS: 12 services · 3 problems');
  assert.equal(statusText('running', { ...stats, services: 1, problems: 1 }).text, 'K8s DNS: 1 service · 1 problem');
  assert.equal(statusText('running', { ...stats, services: 0, problems: 0 }).text, 'K8s DNS: 0 services · 0 problems');
  assert.match(statusText('running', stats).tooltip, /20 pods in 9 manifest files/);
});

test('status bar: starting, indexing, stopped', () => {
  assert.equal(statusText('starting', undefined).text, '$(loading~spin) K8s DNS');
  assert.equal(statusText('running', undefined).text, '$(loading~spin) K8s DNS');
  assert.equal(statusText('running', { ...stats, indexing: true }).text, '$(sync~spin) K8s DNS: indexing…');
  const stopped = statusText('stopped', stats);
  assert.equal(stopped.text, '$(error) K8s DNS: server stopped');
  assert.equal(stopped.background, 'statusBarItem.errorBackground');
});

test('crash policy: restarts 4 times in 3 minutes, then stops; old crashes are forgotten', () => {
  const p = new CrashPolicy(4, 180_000);
  const t0 = 1_000_000;
  assert.deepEqual([1, 2, 3, 4].map((i) => p.onCrash(t0 + i * 1000).restart), [true, true, true, true]);
  assert.deepEqual(p.onCrash(t0 + 5000), { restart: false, recent: 5, notify: false });
  // 3 minutes after the first crashes, they no longer count
  assert.deepEqual(p.onCrash(t0 + 5000 + 180_000), { restart: true, recent: 1, notify: false });
});

test('crash policy: the user is told once that the server was restarted; again after a user restart', () => {
  const p = new CrashPolicy(4, 180_000);
  assert.deepEqual([0, 1, 2].map((t) => p.onCrash(t).notify), [true, false, false]);
  assert.equal(p.onCrash(10 * 180_000).notify, false, 'not again once the window has passed');
  p.reset();
  assert.equal(p.onCrash(20 * 180_000).notify, true);
});

test('crash policy: a user restart resets the count', () => {
  const p = new CrashPolicy(1, 60_000);
  assert.equal(p.onCrash(0).restart, true);
  assert.equal(p.onCrash(1).restart, false);
  p.reset();
  assert.equal(p.onCrash(2).restart, true);
});
