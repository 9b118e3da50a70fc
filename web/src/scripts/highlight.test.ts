import { describe, expect, it } from 'vitest';
import { tokenizeScript } from './highlight.ts';

describe('script highlighting', () => {
  it('separates text, expressions, blocks and comments', () => {
    const tokens = tokenizeScript('您好{{name}}，{{#if vip}}尊享{{/if}}{{! note }}');
    expect(tokens.map((t) => [t.kind, t.text])).toEqual([
      ['text', '您好'],
      ['expression', '{{name}}'],
      ['text', '，'],
      ['block', '{{#if vip}}'],
      ['text', '尊享'],
      ['block', '{{/if}}'],
      ['comment', '{{! note }}'],
    ]);
  });

  it('marks an unclosed expression and keeps every character', () => {
    const source = 'Dear {{name}, welcome';
    const tokens = tokenizeScript(source);
    expect(tokens.at(-1)?.kind).toBe('unclosed');
    expect(tokens.map((t) => t.text).join('')).toBe(source);
  });

  it('handles triple-stash expressions', () => {
    expect(tokenizeScript('{{{raw}}}!').map((t) => t.text)).toEqual(['{{{raw}}}', '!']);
  });
});
