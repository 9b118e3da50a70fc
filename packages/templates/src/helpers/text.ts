import { defineHelper, refuse } from './define-helper.ts';
import { required, toBoundedInteger, toText } from './values.ts';

type Segmenter = { segment(text: string): Iterable<{ segment: string }> };
const SegmenterClass = (Intl as unknown as { Segmenter?: new (locale: string, options: object) => Segmenter })
  .Segmenter;
const graphemeSegmenter =
  SegmenterClass === undefined ? undefined : new SegmenterClass('zh-CN', { granularity: 'grapheme' });

/**
 * The characters a reader sees: a Chinese character, an emoji with its modifiers or a letter with
 * its accents each count once (falls back to code points where Intl.Segmenter is missing).
 */
export function graphemes(text: string): string[] {
  if (graphemeSegmenter === undefined) return Array.from(text);
  const result: string[] = [];
  for (const { segment } of graphemeSegmenter.segment(text)) result.push(segment);
  return result;
}

const maxLength = 10_000;

/**
 * `{{truncate value length}}`: at most `length` characters including the ellipsis (default "…"),
 * counting each Chinese character or emoji as one, never cutting one in half.
 */
export const truncateHelper = defineHelper({
  name: 'truncate',
  minArgs: 2,
  maxArgs: 2,
  hashKeys: ['ellipsis'],
  summary: 'Shortens text to at most N characters, ending with … when cut.',
  example: '{{truncate event.merchant 10}}',
  run(args, hash) {
    const text = toText(required(args, 0));
    const length = toBoundedInteger(args[1], 'the length', 1, maxLength);
    const ellipsis = hash.ellipsis === undefined ? '…' : hash.ellipsis;
    if (typeof ellipsis !== 'string' || ellipsis.length > 10)
      refuse('needs ellipsis to be short text such as "…"');
    // Cheap exit: fewer code units than the limit means fewer characters too.
    if (text.length <= length) return text;
    const characters = graphemes(text);
    if (characters.length <= length) return text;
    const mark = graphemes(ellipsis);
    const keep = Math.max(0, length - mark.length);
    if (keep === 0) return characters.slice(0, length).join('');
    return characters.slice(0, keep).join('') + ellipsis;
  },
});

/** `{{upper value}}`: capital letters (Chinese text is unchanged). */
export const upperHelper = defineHelper({
  name: 'upper',
  minArgs: 1,
  maxArgs: 1,
  hashKeys: [],
  summary: 'Text in capital letters.',
  example: '{{upper customer.name}}',
  run(args, _hash, { locale }) {
    return toText(required(args, 0)).toLocaleUpperCase(locale);
  },
});

/** `{{lower value}}`: small letters (Chinese text is unchanged). */
export const lowerHelper = defineHelper({
  name: 'lower',
  minArgs: 1,
  maxArgs: 1,
  hashKeys: [],
  summary: 'Text in small letters.',
  example: '{{lower event.channel}}',
  run(args, _hash, { locale }) {
    return toText(required(args, 0)).toLocaleLowerCase(locale);
  },
});
