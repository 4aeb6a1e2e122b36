// The UTF-8 byte-order mark some editors and exporters write first: not part of the text.
export const hasByteOrderMark = (b: Uint8Array): boolean => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
