// Tests that wait for a server feature being built elsewhere: skipped, with the missing request in
// their title. Once the request has landed, turn `pendingOn(` into `it(`.
export function pendingOn(request: string, title: string, fn: (this: Mocha.Context) => Promise<void>): void {
  it.skip(`${title} [pending: server request ${request}]`, fn);
}
