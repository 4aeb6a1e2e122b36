// A JSON object as parsed input holds it (a log record, an envelope, a request's parameters): the one
// test that a value is an object and not an array or null.
export type JsonObject = Record<string, unknown>;

export const isJsonObject = (x: unknown): x is JsonObject => typeof x === 'object' && x !== null && !Array.isArray(x);
