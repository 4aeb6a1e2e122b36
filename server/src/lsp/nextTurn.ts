// Runs a callback on the next macrotask, after the messages already queued: setImmediate in Node;
// a browser Web Worker has none, and a zero timeout is its next turn.
export const nextTurn: (run: () => void) => void = typeof setImmediate === 'function' ? (run) => setImmediate(run) : (run) => setTimeout(run, 0);
