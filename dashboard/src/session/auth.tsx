import { PlatformClient, MeDocument, type SessionTokens, type UserSummaryFragment } from '@platform/client';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { screensFor, type Screens } from './roles';

const STORAGE_KEY = 'reward-dashboard.session';

/** The session survives a reload of the tab, not the browser: sessionStorage, never a cookie. */
function storedTokens(): SessionTokens | null {
  try {
    const text = window.sessionStorage.getItem(STORAGE_KEY);
    return text ? (JSON.parse(text) as SessionTokens) : null;
  } catch {
    return null;
  }
}

function storeTokens(tokens: SessionTokens | null) {
  if (tokens) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
  else window.sessionStorage.removeItem(STORAGE_KEY);
}

export interface Auth {
  client: PlatformClient;
  user: UserSummaryFragment | null;
  screens: Screens;
  /** True while a stored session is being checked. */
  restoring: boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [user, setUser] = useState<UserSummaryFragment | null>(null);
  const [restoring, setRestoring] = useState(() => storedTokens() !== null);
  const client = useMemo(() => {
    const tokens = storedTokens();
    return new PlatformClient({
      url: new URL('/graphql', window.location.origin).toString(),
      deviceId: 'dashboard',
      accessToken: tokens?.accessToken ?? null,
      refreshToken: tokens?.refreshToken ?? null,
      // Rotated tokens (automatic refresh) are kept; a refused refresh signs the person out.
      onTokens: (next) => {
        storeTokens(next);
        if (!next) setUser(null);
      },
    });
  }, []);

  useEffect(() => {
    if (!client.isSignedIn) return;
    client
      .execute(MeDocument)
      .then(({ me }) => setUser(me))
      .catch(() => {
        client.setTokens(null);
        storeTokens(null);
      })
      .finally(() => setRestoring(false));
  }, [client]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const payload = await client.logIn({ username, password });
      setUser(payload.user);
    },
    [client],
  );

  const signOut = useCallback(async () => {
    try {
      await client.logOut();
    } catch {
      // The tokens are forgotten locally whatever the server says.
    }
    setUser(null);
    queryClient.clear();
  }, [client, queryClient]);

  const value = useMemo<Auth>(
    () => ({ client, user, screens: screensFor(user?.roles ?? []), restoring, signIn, signOut }),
    [client, user, restoring, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
