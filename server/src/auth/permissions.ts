import type { schema } from '@waymark/db';

type Role = schema.Role;

/**
 * What a signed-in user may do. Routes name one permission each (`config.permission`); this file
 * is the only place that says which role holds which permission.
 */
export const permissions = [
  'customers.read',
  /** See names, phones and ID numbers of any customer in clear instead of masked. */
  'customers.read-pii',
  /** See them in clear for the customers one looks after (`customers.rm_user_id` is oneself). */
  'customers.read-own-pii',
  'customers.write',
  'events.write',
  'segments.read',
  'segments.write',
  'templates.read',
  'templates.write',
  'journeys.read',
  'journeys.write',
  'journeys.publish',
  'journeys.approve',
  /**
   * Withdraw someone else's waiting approval request (撤回), e.g. when its requester has left.
   * Requesters withdraw their own with `journeys.publish`; only administrators hold this.
   */
  'journeys.withdraw-any-approval',
  'connectors.read',
  'connectors.write',
  'reports.read',
  'users.manage',
  'audit.read',
  /** See one's own relationship-manager tasks (客户经理任务) and record their outcomes. */
  'rm-tasks.work',
  /** See every relationship manager's open tasks (supervision), not only one's own. */
  'rm-tasks.read-all',
] as const;

export type Permission = (typeof permissions)[number];

const readEverythingPlanned: Permission[] = [
  'journeys.read',
  'segments.read',
  'templates.read',
  'connectors.read',
];

/** Role → permissions. A user with several roles holds the union. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  admin: permissions,
  planner: [
    ...readEverythingPlanned,
    'journeys.write',
    'journeys.publish',
    'segments.write',
    'templates.write',
    'customers.read',
    'customers.write',
    'events.write',
    'reports.read',
  ],
  approver: [...readEverythingPlanned, 'journeys.approve', 'customers.read', 'reports.read', 'audit.read'],
  analyst: [...readEverythingPlanned, 'customers.read', 'reports.read'],
  'channel-operator': [...readEverythingPlanned, 'connectors.write', 'reports.read'],
  // Relationship managers call and visit their own customers, so they see those in clear.
  'relationship-manager': [
    'customers.read',
    'customers.read-own-pii',
    'journeys.read',
    'templates.read',
    'rm-tasks.work',
  ],
};

/** The permissions held by a user with these roles. */
export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const held = new Set<Permission>();
  for (const role of roles) for (const permission of rolePermissions[role] ?? []) held.add(permission);
  return held;
}
