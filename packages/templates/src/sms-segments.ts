/** How an SMS is encoded and how many billable parts it is sent as. */
export interface SmsSegments {
  /** GSM-7 when every character is in the GSM 03.38 alphabet, otherwise UCS-2 (any Chinese text). */
  encoding: 'GSM-7' | 'UCS-2';
  /** Characters as a reader counts them (Unicode code points). */
  characters: number;
  /** Encoded units: 7-bit septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  /** Parts the message is sent (and billed) as; 0 for an empty message. */
  segments: number;
  /** Units one part holds: 160 / 70 alone, 153 / 67 when the message is split (the rest is the join header). */
  unitsPerSegment: number;
}

// GSM 03.38 basic alphabet (without the escape character) and its extension table, whose
// characters take two septets (escape + character).
const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const gsmExtension = new Set('\f^{}\\[~]|€');

/** Splits unit sizes into parts of `perPart`, never splitting one character across two parts. */
function countParts(unitSizes: readonly number[], perPart: number): number {
  let parts = 1;
  let used = 0;
  for (const size of unitSizes) {
    if (used + size > perPart) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return parts;
}

/**
 * Counts the parts an SMS is sent as, for cost estimates: GSM-7 fits 160 characters in one part
 * (153 per part when split); any character outside GSM-7, such as Chinese, switches the whole
 * message to UCS-2 with 70 (67 per part). Characters outside the BMP (emoji) take two UCS-2 units
 * and are never split across parts; neither are GSM extension characters (two septets).
 */
export function smsSegments(text: string): SmsSegments {
  const characters = Array.from(text);
  const isGsm = characters.every((character) => gsmBasic.has(character) || gsmExtension.has(character));
  const sizes = isGsm
    ? characters.map((character) => (gsmExtension.has(character) ? 2 : 1))
    : characters.map((character) => character.length);
  const units = sizes.reduce((sum, size) => sum + size, 0);
  const single = isGsm ? 160 : 70;
  const split = isGsm ? 153 : 67;
  const encoding = isGsm ? 'GSM-7' : 'UCS-2';
  if (units === 0) return { encoding, characters: 0, units: 0, segments: 0, unitsPerSegment: single };
  if (units <= single)
    return { encoding, characters: characters.length, units, segments: 1, unitsPerSegment: single };
  return {
    encoding,
    characters: characters.length,
    units,
    segments: countParts(sizes, split),
    unitsPerSegment: split,
  };
}
