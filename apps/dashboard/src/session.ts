/**
 * The signed-in reader's access token, when the api requires a login for the dashboard
 * (DASHBOARD_REQUIRE_LOGIN). Kept in sessionStorage: it lives as long as the tab.
 */
const TOKEN_KEY = 'jipp.dashboard.token';
const listeners = new Set<() => void>();

export function accessToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setAccessToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage off: the token is lost on the next reload, nothing worse
  }
  for (const listener of listeners) listener();
}

/** Called whenever the reader signs in or out. */
export function onSessionChange(listener: () => void): void {
  listeners.add(listener);
}
