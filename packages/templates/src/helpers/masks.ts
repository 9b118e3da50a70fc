import { defineHelper } from './define-helper.ts';
import { graphemes } from './text.ts';
import { required, toText } from './values.ts';

// A mainland mobile number, optionally with the country code: +86 138 1234 5678, 8613812345678…
const chineseMobile = /^(\+?86[\s-]?)?(1\d{2})[\s-]?(\d{4})[\s-]?(\d{4})$/;

/** How many leading / trailing digits stay visible: never more than about half of them. */
function visibleDigits(count: number): { head: number; tail: number } {
  if (count >= 11) return { head: 3, tail: 4 };
  if (count >= 7) return { head: 2, tail: 2 };
  if (count >= 3) return { head: 0, tail: 1 };
  return { head: 0, tail: 0 };
}

/** Masks the middle digits of a phone number: 13812345678 → 138****5678. */
export function maskPhoneNumber(phone: string): string {
  const mobile = chineseMobile.exec(phone.trim());
  if (mobile !== null) {
    const [, country, prefix, , last] = mobile;
    return `${country ?? ''}${prefix}****${last}`;
  }
  const digitCount = phone.replace(/\D/g, '').length;
  const { head, tail } = visibleDigits(digitCount);
  let seen = 0;
  return phone.replace(/\d/g, (digit) => {
    const position = seen++;
    return position < head || position >= digitCount - tail ? digit : '*';
  });
}

const cjk = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;

/**
 * Masks a name: Chinese names keep the first and last character (张三丰 → 张*丰, 欧阳娜娜 → 欧**娜,
 * 张三 → 张*); other names keep the first letter of each word (John Smith → J*** S****).
 */
export function maskPersonName(name: string): string {
  const trimmed = name.trim();
  if (cjk.test(trimmed)) {
    const characters = graphemes(trimmed.replace(/\s+/g, ''));
    if (characters.length <= 1) return '*';
    if (characters.length === 2) return `${characters[0]}*`;
    return `${characters[0]}${'*'.repeat(characters.length - 2)}${characters[characters.length - 1]}`;
  }
  return trimmed
    .split(/(\s+)/)
    .map((word) => {
      if (/^\s*$/.test(word)) return word;
      const letters = graphemes(word);
      return letters.length <= 1 ? '*' : `${letters[0]}${'*'.repeat(letters.length - 1)}`;
    })
    .join('');
}

/** `{{maskPhone value}}`: 13812345678 → 138****5678. */
export const maskPhoneHelper = defineHelper({
  name: 'maskPhone',
  minArgs: 1,
  maxArgs: 1,
  hashKeys: [],
  summary: 'A phone number with the middle hidden: 138****5678.',
  example: '{{maskPhone customer.phone}}',
  run(args) {
    return maskPhoneNumber(toText(required(args, 0)));
  },
});

/** `{{maskName value}}`: 张三丰 → 张*丰. */
export const maskNameHelper = defineHelper({
  name: 'maskName',
  minArgs: 1,
  maxArgs: 1,
  hashKeys: [],
  summary: 'A name with the middle hidden: 张*丰, J*** S****.',
  example: '{{maskName customer.name}}',
  run(args) {
    return maskPersonName(toText(required(args, 0)));
  },
});
