import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { isApiError } from '../api/api-error.ts';
import { type CurrentUser, currentUser, login as loginCall, logout as logoutCall } from '../api/auth.ts';
import { onUnauthenticated } from '../api/client.ts';

interface AuthState {
  /** undefined while we ask the server, null when nobody is signed in. */
  user: CurrentUser | null | undefined;
  /** Set when asking who is signed in failed for another reason than "nobody" (server down). */
  loadError: unknown;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  retry: () => void;
}

const AuthContext = createContext<AuthState | undefined>(undefined);

/** Holds the session: who is signed in, sign in, sign out, and "the session expired". */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<CurrentUser | null | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is bumped to run the load again on retry.
  useEffect(() => {
    let cancelled = false;
    setLoadError(undefined);
    currentUser()
      .then((me) => !cancelled && setUser(me))
      .catch((error: unknown) => {
        if (cancelled) return;
        if (isApiError(error) && error.status === 401) setUser(null);
        else setLoadError(error);
      });
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  useEffect(() => onUnauthenticated(() => setUser(null)), []);

  const signIn = useCallback(async (username: string, password: string) => {
    setUser(await loginCall(username, password));
  }, []);
  const signOut = useCallback(async () => {
    try {
      await logoutCall();
    } finally {
      setUser(null);
    }
  }, []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const value = useMemo(
    () => ({ user, loadError, signIn, signOut, retry }),
    [user, loadError, signIn, signOut, retry],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The session, from any component under AuthProvider. */
export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth needs an AuthProvider above it');
  return value;
}
