import type { schema } from '@waymark/db';

type Role = schema.Role;

import type { Permission } from './permissions.ts';

/** Who is calling, resolved from a session cookie or an API token. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  /** How the caller signed in; `tokenId` is set for API tokens. */
  via: 'session' | 'token';
  tokenId?: string;
}

/** Name of the session cookie. */
export const sessionCookieName = 'wm_session';
