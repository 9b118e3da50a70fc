import { api } from './client.ts';

/** The signed-in user as `/auth/me` describes them. */
export interface CurrentUser {
  id: string;
  username: string;
  displayName?: string;
  roles?: string[];
  permissions?: string[];
  locale?: string;
}

/**
 * `/auth/login` and `/auth/me` answer either with the user or with `{ user }`; `/auth/me` adds the
 * permissions the user's roles grant beside it.
 */
function unwrap(body: unknown): CurrentUser {
  const value = body as { user?: CurrentUser; permissions?: string[] } & CurrentUser;
  const user = value.user ?? value;
  return value.permissions ? { ...user, permissions: value.permissions } : user;
}

/** Signs in, then asks who that is: only `/auth/me` says what the user may do. */
export async function login(username: string, password: string): Promise<CurrentUser> {
  await api.post('/auth/login', { username, password });
  return currentUser();
}

/** Whether the signed-in user's roles grant this permission (e.g. `rm-tasks.work`). */
export function can(user: CurrentUser | null | undefined, permission: string): boolean {
  return user?.permissions?.includes(permission) ?? false;
}

export async function currentUser(): Promise<CurrentUser> {
  return unwrap(await api.get('/auth/me'));
}

export async function logout(): Promise<void> {
  await api.post('/auth/logout');
}
