import type { Principal } from './principal.ts';

/**
 * Whether `principal` may see this customer's name, phone, ID number and e-mail in clear: with
 * `customers.read-pii` for anyone, with `customers.read-own-pii` for the customers they manage.
 */
export function maySeePii(principal: Principal, customer: { rmUserId: string | null }): boolean {
  if (principal.permissions.has('customers.read-pii')) return true;
  return principal.permissions.has('customers.read-own-pii') && customer.rmUserId === principal.userId;
}
