import type { CustomerInput, Db } from '@waymark/db';
import type { BankCustomer } from '@waymark/db/demo';

const branches = ['上海分行', '北京分行', '深圳分行', '杭州分行', '成都分行', '广州分行'];

/**
 * Profile extras the data set lacks but a bank has: tags planners segment on, a home branch, and a
 * few opt-outs so consent handling is visible in the demo, and an e-mail address for two in three
 * (the data set has none; `c000001@example.cn` style). All derived from the row, so stable.
 * The demo relationship manager looks after the Shanghai branch's customers.
 */
export function demoProfile(rmUserId: string | null) {
  return (c: BankCustomer, row: number): Omit<CustomerInput, 'id'> => {
    const a = c.attributes;
    const tags: string[] = [];
    if (a.balance >= 10_000) tags.push('vip');
    if (a.housing) tags.push('homeowner');
    if (a.loan) tags.push('has-loan');
    if (a.y) tags.push('term-deposit');
    if (row % 3 === 0) tags.push('credit-card');
    const branch = branches[row % branches.length] ?? null;
    return {
      tags,
      consent: { sms: row % 23 !== 0, wecom: row % 7 !== 0, email: true, push: row % 5 !== 0, rm: true },
      branch,
      rmUserId: branch === '上海分行' ? rmUserId : null,
      locale: 'zh-CN',
      email: row % 3 === 2 ? null : `${c.id.toLowerCase()}@example.cn`,
    };
  };
}

/** The demo relationship manager's (rm.zhang's) user id in the bank's WeCom. */
export const demoRmWecomUserId = 'ZhangWei';

/**
 * WeCom identities, derived from the customer number since the bank data set has no such column.
 * Three in four demo customers have joined the bank's WeCom, so their profile holds the user id
 * the wecom connector sends to (attribute `wecomUserId`, e.g. `wm_c000001`). Every customer of
 * the demo relationship manager (`rmUserId`) is their WeCom external contact, so the
 * wecom-contact connector can ask the RM to send to them (`wecomExternalUserId`, e.g.
 * `wm_ext_c000006`, and `rmWecomUserId`). Other attributes are kept; re-running sets the same values.
 */
export async function giveDemoCustomersWeComIds(db: Db, rmUserId: string | null): Promise<void> {
  await db.query(
    `UPDATE customers
        SET attributes = attributes || jsonb_build_object('wecomUserId', 'wm_' || lower(id))
      WHERE id ~ '^C[0-9]+$' AND substring(id from 2)::int % 4 <> 0`,
  );
  if (!rmUserId) return;
  await db.query(
    `UPDATE customers
        SET attributes = attributes || jsonb_build_object(
              'wecomExternalUserId', 'wm_ext_' || lower(id), 'rmWecomUserId', $2::text)
      WHERE id ~ '^C[0-9]+$' AND rm_user_id = $1`,
    [rmUserId, demoRmWecomUserId],
  );
}
