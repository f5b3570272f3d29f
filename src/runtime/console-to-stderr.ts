/**
 * Executables run as a process route the stdout console methods to stderr: stdout carries
 * protocol lines only, but libraries (yjs, through lib0's logging) print with console.log.
 * Not a side effect of importing, so an in-process run that imports an executable keeps its own
 * console.
 */
export function routeConsoleToStderr(): void {
  const toStderr = console.error.bind(console);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  console.trace = toStderr;
  console.dir = (item: unknown) => process.stderr.write(`${String(item)}\n`);
}
