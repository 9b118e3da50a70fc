/**
 * @waymark/server: the HTTP API. `buildApp(deps)` returns a ready-to-listen Fastify app; the start
 * command and tests own listening and shutdown.
 */
export { type App, buildApp } from './app.ts';
export { type Permission, permissions, permissionsOf, rolePermissions } from './auth/permissions.ts';
export type { Principal } from './auth/principal.ts';
export { createUser, type NewUser, type UserView } from './auth/users.ts';
export {
  type AppDeps,
  type Clock,
  type JourneyLifecycleChange,
  type ServerConfig,
  systemClock,
} from './deps.ts';
export { engineHandoff } from './engine-handoff.ts';
export { AppError } from './errors/app-error.ts';
export { type ErrorCode, errorCatalog } from './errors/catalog.ts';
export type { Problem } from './errors/problem.ts';
export { defaultLimits, type ServerLimits } from './limits.ts';
