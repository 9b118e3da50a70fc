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

/** `/auth/login` and `/auth/me` answer either with the user or with `{ user }`. */
function unwrap(body: unknown): CurrentUser {
  const value = body as { user?: CurrentUser } & CurrentUser;
  return value.user ?? value;
}

export async function login(username: string, password: string): Promise<CurrentUser> {
  return unwrap(await api.post('/auth/login', { username, password }));
}

export async function currentUser(): Promise<CurrentUser> {
  return unwrap(await api.get('/auth/me'));
}

export async function logout(): Promise<void> {
  await api.post('/auth/logout');
}
