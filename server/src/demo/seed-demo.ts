import { type Db, schema } from '@waymark/db';
import type { PiiCipher } from '@waymark/db/crypto';
import { seedBankCustomers } from '@waymark/db/demo';
import { eq } from 'drizzle-orm';
import { createUser } from '../auth/users.ts';
import { seedDemoApproval } from './demo-approval.ts';
import { addMissingDemoConnectors, seedDemoContent } from './demo-content.ts';
import { demoProfile, giveDemoCustomersWeComIds } from './demo-customers.ts';
import { seedDemoRmTasks } from './demo-rm-tasks.ts';

/** The demo's people: one per role, all with the demo password. */
/** The demo relationship manager: customers of the Shanghai branch are theirs, as are the demo RM tasks. */
const demoRmUsername = 'rm.zhang' as const;

export const demoUsers = [
  { username: 'planner', displayName: '王策划 (Planner)', roles: ['planner'] },
  { username: 'approver', displayName: '李审批 (Approver)', roles: ['approver'] },
  { username: 'analyst', displayName: '赵分析 (Analyst)', roles: ['analyst'] },
  { username: 'channel', displayName: '陈渠道 (Channel operator)', roles: ['channel-operator'] },
  { username: demoRmUsername, displayName: '张经理 (Relationship manager)', roles: ['relationship-manager'] },
] as const;

export const DEMO_ADMIN = 'admin';

export interface SeedDemoOptions {
  csvPath: string;
  password: string;
  log: (line: string) => void;
}

/** True once a previous start finished seeding (the admin is created last, as the marker). */
export async function isDemoSeeded(db: Db): Promise<boolean> {
  const rows = await db.orm
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(eq(schema.users.username, DEMO_ADMIN));
  return rows.length > 0;
}

/**
 * Seeds the demo bank: the 45,211 real customers, a user per role, segments, templates and the
 * starter journeys. Safe to re-run after an interruption: customers are upserted and the admin,
 * created last, marks completion.
 */
export async function seedDemo(db: Db, cipher: PiiCipher, options: SeedDemoOptions): Promise<void> {
  const { log } = options;
  const users = new Map<string, string>();
  for (const u of demoUsers) {
    const [existing] = await db.orm
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(eq(schema.users.username, u.username));
    const id =
      existing?.id ?? (await createUser(db, { ...u, roles: [...u.roles], password: options.password })).id;
    users.set(u.username, id);
  }

  const started = Date.now();
  const count = await seedBankCustomers(db, cipher, {
    path: options.csvPath,
    enrich: demoProfile(users.get(demoRmUsername) ?? null),
    onProgress: (done) => log(`  customers: ${done.toLocaleString('en')} / 45,211`),
  });
  await giveDemoCustomersWeComIds(db, users.get(demoRmUsername) ?? null);
  log(`  ${count.toLocaleString('en')} customers in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // A seed interrupted after this point left partial content: start it again from empty.
  await db.orm.delete(schema.enrollments);
  await db.orm.delete(schema.journeyNodeCounts);
  await db.orm.delete(schema.journeyVersions);
  await db.orm.delete(schema.approvals);
  await db.orm.delete(schema.journeys);
  await db.orm.delete(schema.segments);
  await db.orm.delete(schema.templates);
  await seedDemoContent(db, users.get('planner') ?? null);
  await seedDemoApproval(db, users.get('planner') ?? null, new Date());
  const rmUserId = users.get(demoRmUsername);
  if (rmUserId)
    await seedDemoRmTasks(db, { rmUserId, createdBy: users.get('planner') ?? null, now: new Date() });

  await createUser(db, {
    username: DEMO_ADMIN,
    displayName: '管理员 (Admin)',
    roles: ['admin'],
    password: options.password,
  });
}

/**
 * Brings a demo database seeded by an earlier version up to this version's demo on start: adds
 * the demo connectors it lacks and gives the customers the WeCom identities they send to. Does
 * nothing (two small queries) once done, or in a database that was never seeded as a demo.
 */
export async function updateDemo(db: Db, log: (line: string) => void): Promise<void> {
  const added = await addMissingDemoConnectors(db);
  if (added.length === 0) return;
  const [rm] = await db.orm
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(eq(schema.users.username, demoRmUsername));
  await giveDemoCustomersWeComIds(db, rm?.id ?? null);
  log(`Added to the demo: ${added.join(', ')}`);
}
