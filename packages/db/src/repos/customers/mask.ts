import { normalizePhone } from '../../crypto/pii-cipher.ts';
import type { Customer } from './customer-types.ts';

/** `+86 138-0013-8000` → `138****8000`: enough to recognise a number, not to call it. */
export function maskPhone(stored: string | null): string | null {
  if (stored === null) return null;
  const phone = normalizePhone(stored);
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** `王秀英` → `王*英`, `李娜` → `李*`. */
export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** `110101199003071234` → `1101**********1234`. */
export function maskIdNumber(idNumber: string | null): string | null {
  if (idNumber === null) return null;
  if (idNumber.length <= 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 4)}${'*'.repeat(idNumber.length - 8)}${idNumber.slice(-4)}`;
}

/**
 * `wang.xiuying@example.cn` → `w***@example.cn`: the domain tells a planner which provider the
 * customer uses; the mailbox stays hidden, and the fixed `***` does not give away its length.
 */
export function maskEmail(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${[...email.slice(0, at)][0]}***${email.slice(at)}`;
}

/** The customer with name, phone, ID number and e-mail masked, for lists and roles that may not see PII. */
export function maskCustomer(customer: Customer): Customer {
  return {
    ...customer,
    name: maskName(customer.name),
    phone: maskPhone(customer.phone),
    idNumber: maskIdNumber(customer.idNumber),
    email: maskEmail(customer.email),
  };
}
