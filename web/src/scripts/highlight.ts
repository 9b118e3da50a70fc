/** A run of script text, marked as Handlebars when it is inside `{{ … }}`. */
export interface ScriptToken {
  text: string;
  kind: 'text' | 'expression' | 'block' | 'comment' | 'unclosed';
}

/**
 * Splits a Handlebars script into plain text and `{{…}}` expressions for highlighting. Blocks
 * (`{{#if}}`, `{{/if}}`, `{{else}}`) and comments are told apart; an opening `{{` with no close
 * is marked so the planner sees where the script breaks. Never throws: any text tokenizes.
 */
export function tokenizeScript(source: string): ScriptToken[] {
  const tokens: ScriptToken[] = [];
  let index = 0;
  while (index < source.length) {
    const open = source.indexOf('{{', index);
    if (open === -1) {
      tokens.push({ text: source.slice(index), kind: 'text' });
      break;
    }
    if (open > index) tokens.push({ text: source.slice(index, open), kind: 'text' });
    const close = source.indexOf('}}', open + 2);
    if (close === -1) {
      tokens.push({ text: source.slice(open), kind: 'unclosed' });
      break;
    }
    // Triple-stash `{{{x}}}` ends with a third brace.
    const end = source[close + 2] === '}' ? close + 3 : close + 2;
    const text = source.slice(open, end);
    const inner = text.replace(/^\{\{\{?~?\s*/, '');
    const kind = inner.startsWith('!') ? 'comment' : /^[#/^]|^else\b/.test(inner) ? 'block' : 'expression';
    tokens.push({ text, kind });
    index = end;
  }
  return tokens;
}
