import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { describe, expect, it } from 'vitest';
import { permissionsOf, rolePermissions } from '../src/auth/permissions.ts';
import { authenticatePlugin } from '../src/plugins/authenticate.ts';

// The plugin depends on the context plugin by name; an empty one is enough here because routes
// are refused before any request could need the database.
const contextStandIn = fp(async () => {}, { name: 'waymark-context' });

async function appWithRoute(config: Record<string, unknown> | undefined) {
  const app = Fastify();
  await app.register(contextStandIn);
  await app.register(async (scope) => {
    await scope.register(authenticatePlugin);
    scope.get('/thing', { ...(config && { config }) }, async () => 'ok');
  });
  return app;
}

describe('route permissions', () => {
  it('refuses, at start-up, a route that does not say who may call it', async () => {
    await expect(async () => (await appWithRoute(undefined)).ready()).rejects.toThrow(
      /must declare exactly one/,
    );
  });

  it('refuses a route that declares two contradicting rules', async () => {
    await expect(async () =>
      (await appWithRoute({ public: true, permission: 'users.manage' })).ready(),
    ).rejects.toThrow(/must declare exactly one/);
  });

  it('accepts a route with a permission', async () => {
    const app = await appWithRoute({ permission: 'journeys.read' });
    await app.ready();
    await app.close();
  });

  it('gives admins every permission and keeps planners from administration and approval', () => {
    expect(permissionsOf(['admin']).size).toBe(rolePermissions.admin.length);
    const planner = permissionsOf(['planner']);
    expect(planner.has('journeys.write')).toBe(true);
    expect(planner.has('users.manage')).toBe(false);
    expect(planner.has('journeys.approve')).toBe(false);
    expect(planner.has('customers.read-pii')).toBe(false);
    expect(permissionsOf(['analyst']).has('journeys.write')).toBe(false);
    expect(permissionsOf(['channel-operator']).has('connectors.write')).toBe(true);
    expect(permissionsOf(['analyst', 'channel-operator']).has('connectors.write')).toBe(true);
  });

  it('splits maker and checker: planners publish but never approve, approvers approve but never publish', () => {
    const planner = permissionsOf(['planner']);
    const approver = permissionsOf(['approver']);
    expect([planner.has('journeys.publish'), planner.has('journeys.approve')]).toEqual([true, false]);
    expect([approver.has('journeys.approve'), approver.has('journeys.publish')]).toEqual([true, false]);
    expect(approver.has('journeys.write')).toBe(false);
  });

  it("lets only administrators withdraw someone else's approval request", () => {
    const holders = Object.entries(rolePermissions)
      .filter(([, held]) => held.includes('journeys.withdraw-any-approval'))
      .map(([role]) => role);
    expect(holders).toEqual(['admin']);
  });
});
