// Tests that wait for a server feature being built elsewhere: skipped, with the missing request in
// their title. Once the request has landed, turn `pendingOn(` into `it(`. To try them before that,
// run with E2E_RUN_PENDING=1 (npm run test:e2e -- --run-pending).
export function pendingOn(request: string, title: string, fn: (this: Mocha.Context) => Promise<void>): void {
  if (process.env.E2E_RUN_PENDING === '1') it(`${title} [was pending on ${request}]`, fn);
  else it.skip(`${title} [pending: server request ${request}]`, fn);
}
