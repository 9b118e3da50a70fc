/** Deepest nesting of blocks, {{else}} chains and sub-expressions a source may have. */
export const maxNestingScanned = 60;
/** Most `{{ }}` tags a source may have. */
export const maxTags = 1_000;

/** Why a source is refused before parsing, and where. */
export interface PrescanRefusal {
  message: string;
  offset: number;
}

/** Nesting added by one tag's sub-expressions: its deepest run of open parentheses. */
function parenthesisDepth(tag: string): number {
  let depth = 0;
  let deepest = 0;
  for (const character of tag) {
    if (character === '(') deepest = Math.max(deepest, ++depth);
    else if (character === ')') depth -= 1;
  }
  return deepest;
}

/**
 * Reads the tags of a source without parsing it and refuses sources whose size would make
 * Handlebars slow: its parser slows sharply with nesting (about 0.2 s at 1,000 levels, then a
 * stack overflow) and its compiler spends roughly 0.1–0.3 ms per tag. The nesting counted is an
 * upper bound (every {{else}} counts as a level, as `{{else if}}` chains do nest), so a source
 * passing here always parses quickly. Comments are skipped.
 */
export function prescan(source: string): PrescanRefusal | undefined {
  const elseCounts: number[] = [];
  let depth = 0;
  let tags = 0;
  let index = source.indexOf('{{');
  while (index !== -1) {
    if (source.startsWith('{{!', index)) {
      const end = source.startsWith('{{!--', index)
        ? source.indexOf('--}}', index)
        : source.indexOf('}}', index);
      if (end === -1) return undefined;
      index = source.indexOf('{{', end);
      continue;
    }
    tags += 1;
    if (tags > maxTags) {
      return {
        message: `The script has more than ${maxTags.toLocaleString('en')} {{ }} tags.`,
        offset: index,
      };
    }
    const close = source.indexOf('}}', index);
    const tag = source.slice(index + 2, close === -1 ? source.length : close).replace(/^~?\s*/, '');
    if (tag.startsWith('#') || (tag.startsWith('^') && tag.slice(1).trim() !== '')) {
      elseCounts.push(0);
      depth += 1;
    } else if (tag.startsWith('else') || tag.startsWith('^')) {
      if (elseCounts.length > 0) elseCounts[elseCounts.length - 1] = (elseCounts.at(-1) ?? 0) + 1;
      depth += 1;
    } else if (tag.startsWith('/')) {
      depth = Math.max(0, depth - 1 - (elseCounts.pop() ?? 0));
    }
    if (depth + parenthesisDepth(tag) > maxNestingScanned) {
      return {
        message: `The script nests blocks or helpers more than ${maxNestingScanned} deep.`,
        offset: index,
      };
    }
    if (close === -1) return undefined;
    index = source.indexOf('{{', close);
  }
  return undefined;
}
