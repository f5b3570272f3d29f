/**
 * Imported first by every executable: stdout carries protocol lines only, but libraries (yjs,
 * through lib0's logging) print with console.log. Route the stdout console methods to stderr.
 */
const toStderr = console.error.bind(console);
console.log = toStderr;
console.info = toStderr;
console.debug = toStderr;
console.trace = toStderr;
console.dir = (item: unknown) => process.stderr.write(`${String(item)}\n`);
