// Quick fixes: Problem.fix → Diagnostic.data.fix → WorkspaceEdit with ranges in each target file.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver';
import { workspace } from './fixture';
import { codeActionsFor, fixOf } from '../../../server/src/service/codeActions';
import { DiagnosticsEngine } from '../../../server/src/core/checks/engine';
import type { Check } from '../../../server/src/core/checks/types';
import { toDiagnostic } from '../../../server/src/lsp/convert';

const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]';

/** A rule that offers one fix per Service, built by `fix(file, length)`. */
function withFix(make: (file: string, length: number) => Check['run'] extends (...a: never[]) => void ? Parameters<Parameters<Check['run']>[2]>[0]['fix'] : never) {
  const t = workspace({ 'svc.yaml': svc, 'other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' });
  const check: Check = {
    code: 'test-fix',
    title: 't',
    help: 'h',
    severity: 'warning',
    run(ctx, ns, report) {
      for (const s of ns.services.values()) {
        if (!s.object) continue;
        const f = ctx.model.file(s.object.file)!;
        report({ file: s.object.file, at: s.object.meta.name!, message: 'm', fix: make(s.object.file, f.length) });
      }
    },
  };
  t.ws.engine = new DiagnosticsEngine(t.ws.model, [check]);
  t.ws.engine.checkAll();
  const uri = t.uri('svc.yaml');
  const file = t.ws.file(uri)!;
  const diags = t.ws.engine.problemsFor(uri).filter((p) => p.code === 'test-fix').map((p) => toDiagnostic(t.ws, file, p));
  const range = diags[0].range;
  return { t, uri, diags, actions: codeActionsFor(t.ws, { textDocument: { uri }, range, context: { diagnostics: diags } }) };
}

test('codeActions: an edit at the end of the file (no final newline handled) and one in another file', () => {
  const { t, uri, actions, diags } = withFix((file, length) => ({
    title: 'Add a label',
    edits: [
      { file, start: length, end: length, newText: '\n  type: ClusterIP\n' },
      { file: 'file:///ws/other.yaml', start: 0, end: 0, newText: '# touched\n' },
    ],
  }));
  assert.equal(actions.length, 1);
  const a = actions[0];
  assert.equal(a.title, 'Add a label');
  assert.equal(a.kind, 'quickfix');
  assert.deepEqual(a.diagnostics, diags);
  const changes = a.edit!.changes!;
  assert.deepEqual(changes[uri], [{ range: { start: { line: 5, character: 21 }, end: { line: 5, character: 21 } }, newText: '\n  type: ClusterIP\n' }]);
  assert.deepEqual(changes[t.uri('other.yaml')][0].range.start, { line: 0, character: 0 });
});

test('codeActions: a fix that creates a file uses documentChanges', () => {
  const { actions } = withFix(() => ({
    title: 'Create a Service file',
    createsFile: true,
    edits: [{ file: 'file:///ws/new-service.yaml', start: 0, end: 0, newText: 'apiVersion: v1\n' }],
  }));
  const dc = actions[0].edit!.documentChanges!;
  assert.deepEqual(dc[0], { kind: 'create', uri: 'file:///ws/new-service.yaml', options: { ignoreIfExists: true } });
  assert.deepEqual(dc[1], { textDocument: { uri: 'file:///ws/new-service.yaml', version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'apiVersion: v1\n' }] });
});

test('codeActions: the diagnostic\'s own data when no current problem matches; bad data gives nothing', () => {
  const t = workspace({ 'svc.yaml': svc });
  const uri = t.uri('svc.yaml');
  const d: Diagnostic = {
    range: { start: { line: 2, character: 17 }, end: { line: 2, character: 20 } },
    message: 'm',
    code: 'elsewhere',
    data: { fix: { title: 'Rename', edits: [{ file: uri, start: 46, end: 49, newText: 'www' }] } },
  };
  const [a] = codeActionsFor(t.ws, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  assert.deepEqual(a.edit?.changes?.[uri], [{ range: d.range, newText: 'www' }]);
  assert.equal(fixOf({ ...d, data: { fix: { title: 'x', edits: [{ file: uri, start: 5, end: 2, newText: '' }] } } }), undefined);
  assert.deepEqual(codeActionsFor(t.ws, { textDocument: { uri }, range: d.range, context: { diagnostics: [{ ...d, data: undefined }] } }), []);
  assert.deepEqual(codeActionsFor(t.ws, { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['refactor'] } }), []);
});
