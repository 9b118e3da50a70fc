/**
 * One mailbox: an ASCII local part and a domain that may be internationalised (中文域名). The same
 * rule as the e-mail channel's `emailAddressSchema` in @waymark/connectors, so an address the
 * customer store accepts is one the channel can send to.
 */
const emailAddress =
  /^(?!\.)(?!.*\.\.)[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}(?<!\.)@(?=.{1,253}$)(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u;

/**
 * The address as stored: trimmed and lower-cased (mail providers treat addresses
 * case-insensitively, and one spelling keeps imports from flip-flopping), or null when the text is
 * not an address.
 */
export function normalizeEmail(text: string): string | null {
  const email = text.trim().toLowerCase();
  return email.length <= 254 && emailAddress.test(email) ? email : null;
}
