/**
 * Masking of personal data for people whose role may not see it in clear. Masks keep just enough
 * to recognise a customer on the phone (surname, last digits) and never reveal the length of a
 * phone or ID number beyond what is usual for the format.
 */

/** `张三` → `张*`, `张小三` → `张*三`, `欧阳小明` → `欧**明`. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** `13812345678` → `138****5678`; short numbers keep only their last two digits. */
export function maskPhone(phone: string): string {
  const value = phone.trim();
  if (value.length >= 8) return `${value.slice(0, 3)}****${value.slice(-4)}`;
  if (value.length <= 2) return '*'.repeat(value.length);
  return `${'*'.repeat(value.length - 2)}${value.slice(-2)}`;
}

/** `110101199003071234` → `110101********1234`. */
export function maskIdNumber(idNumber: string): string {
  const value = idNumber.trim();
  if (value.length <= 10) return '*'.repeat(Math.max(0, value.length - 2)) + value.slice(-2);
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}
