// How many bytes an event would take under a new level, from what was recorded. Lowering a level
// removes bodies we measured; raising it would add bodies the log never had, so the result is then
// marked unknown instead of invented (and counts the recorded size, a lower bound).
import { UNKNOWN_CODE } from './replayIndex.ts';

/** Level codes are indices into LEVELS: 0 None, 1 Metadata, 2 Request, 3 RequestResponse. */
const REQUEST = 2;
const REQUEST_RESPONSE = 3;

export interface ByteEstimate {
  readonly bytes: number;
  /** The new level is higher than the recorded one (or none was recorded): bytes is a lower bound. */
  readonly unknown: boolean;
}

export function estimateBytes(
  recordedLevel: number,
  newLevel: number,
  kept: boolean,
  bytes: number,
  requestBodyBytes: number,
  responseBodyBytes: number,
): ByteEstimate {
  if (!kept) return { bytes: 0, unknown: false };
  if (recordedLevel === UNKNOWN_CODE || newLevel > recordedLevel) return { bytes, unknown: true };
  let after = bytes;
  if (newLevel < REQUEST_RESPONSE) after -= responseBodyBytes;
  if (newLevel < REQUEST) after -= requestBodyBytes;
  return { bytes: Math.max(0, after), unknown: false };
}
