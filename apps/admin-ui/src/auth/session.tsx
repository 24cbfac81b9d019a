import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { api, getToken, setToken, setUnauthorizedHandler } from '../api/client';
import type { LoginResponse, Me, Role } from '../api/types';

interface Session {
  user: Me | null;
  roles: Role[];
  /** Why the user is at the login page, e.g. `expired`: shown there as a message. */
  reason: string | null;
  login(username: string, password: string): Promise<void>;
  logout(reason?: string): void;
  loading: boolean;
}

const SessionContext = createContext<Session | null>(null);
const USER_KEY = 'rop.user';

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [user, setUser] = useState<Me | null>(() => {
    const raw = getToken() ? sessionStorage.getItem(USER_KEY) : null;
    return raw ? (JSON.parse(raw) as Me) : null;
  });
  const [reason, setReason] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const logout = useCallback(
    (why?: string) => {
      setToken(null);
      sessionStorage.removeItem(USER_KEY);
      // Nothing of the previous user's case files may stay in memory for the next one.
      queryClient.clear();
      setUser(null);
      setReason(why ?? null);
    },
    [queryClient],
  );

  useEffect(() => {
    setUnauthorizedHandler(() => logout('expired'));
    return () => setUnauthorizedHandler(null);
  }, [logout]);

  // The token's own lifetime: log out when it runs out, even if the user makes no request.
  useEffect(() => {
    const expiresAt = sessionStorage.getItem('rop.expiresAt');
    if (!user || !expiresAt) return;
    const ms = new Date(expiresAt).getTime() - Date.now();
    const timer = setTimeout(() => logout('expired'), Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [user, logout]);

  const login = useCallback(async (username: string, password: string) => {
    setLoading(true);
    try {
      const res = await api<LoginResponse>('/api/v1/auth/login', { method: 'POST', body: { username, password } });
      setToken(res.accessToken);
      sessionStorage.setItem(USER_KEY, JSON.stringify(res.user));
      sessionStorage.setItem('rop.expiresAt', res.expiresAt);
      setReason(null);
      setUser(res.user);
    } finally {
      setLoading(false);
    }
  }, []);

  const value = useMemo<Session>(
    () => ({ user, roles: [...new Set((user?.grants ?? []).map((g) => g.role))], reason, login, logout, loading }),
    [user, reason, login, logout, loading],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Roles that may issue case commands. */
export const canCommand = (roles: Role[]) => roles.includes('case_worker') || roles.includes('team_lead');
export const canSupervise = (roles: Role[]) => roles.includes('supervisor') || roles.includes('team_lead');
export const canAudit = (roles: Role[]) => roles.includes('auditor');
export const canAdminister = (roles: Role[]) => roles.includes('admin');
