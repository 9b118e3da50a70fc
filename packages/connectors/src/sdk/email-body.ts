/**
 * E-mail scripts are rendered as HTML (the template engine escapes customer values for e-mail),
 * but every e-mail also carries a plain-text part: some clients and most screen readers show only
 * that, and spam filters distrust HTML-only mail. This turns one rendered script into both.
 */
export interface EmailBodies {
  text: string;
  html: string;
}

const tag = /<\/?[a-z][^>]*>/i;

/**
 * The plain-text and HTML bodies of a rendered e-mail script. A script with HTML tags is the HTML
 * body as written; a script without tags is plain prose, whose line breaks become `<br>`.
 */
export function emailBodies(rendered: string): EmailBodies {
  if (tag.test(rendered)) return { html: rendered, text: htmlToText(rendered) };
  const text = tidy(decodeEntities(rendered));
  const paragraphs = rendered
    .trim()
    .split(/\n\s*\n/)
    // Without tags, a `<` or `>` is prose ("利率 > 3%"); `&` may already start an escaped value.
    .map((p) => `<p>${p.trim().replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, '<br>\n')}</p>`);
  return { text, html: paragraphs.join('\n') };
}

/** A readable plain-text rendition of an HTML body: blocks on their own lines, links spelled out. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(head|style|script|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(
      /<a\b[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>([\s\S]*?)<\/a\s*>/gi,
      (_, _q, href: string, label: string) => {
        const shown = label.replace(/<[^>]*>/g, '').trim();
        const url = decodeEntities(href);
        return !shown || decodeEntities(shown) === url ? url : `${shown} (${url})`;
      },
    )
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n• ')
    .replace(/<\/(p|div|h[1-6]|ul|ol|table|blockquote|section|article|header|footer)\s*>/gi, '\n\n')
    .replace(/<\/tr\s*>/gi, '\n')
    .replace(/<\/t[dh]\s*>/gi, '\t')
    .replace(/<[^>]*>/g, '');
  return tidy(decodeEntities(text));
}

/** Trims each line, collapses runs of blanks and of empty lines. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const named: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  yen: '¥',
  copy: '©',
  reg: '®',
  middot: '·',
  hellip: '…',
  mdash: '—',
  ndash: '–',
};

/** Decodes the entities Handlebars writes (`&amp;`, `&#x27;`, `&#x3D;`) and the common named ones. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code =
        entity[1] === 'x' || entity[1] === 'X'
          ? Number.parseInt(entity.slice(2), 16)
          : Number(entity.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[entity.toLowerCase()] ?? whole;
  });
}
