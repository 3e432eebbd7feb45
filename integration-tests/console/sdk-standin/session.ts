/**
 * Who the browser acts as, shared by every request the stand-in makes. The console keeps this in redux
 * (`state.UI.impersonate`); the dev host keeps it in localStorage so a reload (which the user switcher
 * does) starts every watch afresh as the new user.
 */
export const USER_STORAGE_KEY = 'console-host/impersonate-user';

/** Users of the simulator's demo seed; `null` means no impersonation (cluster-admin). */
export const getImpersonatedUser = (): string | null => {
  try {
    return window.localStorage.getItem(USER_STORAGE_KEY) || null;
  } catch {
    return null; // storage disabled: act as cluster-admin
  }
};

const base64url = (value: string): string =>
  btoa(String.fromCharCode(...new TextEncoder().encode(value)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export const impersonationHeaders = (): Record<string, string> => {
  const user = getImpersonatedUser();
  return user ? { 'Impersonate-User': user } : {};
};

/** WebSockets cannot carry headers: the console sends impersonation as subprotocols. */
export const impersonationSubprotocols = (): string[] => {
  const user = getImpersonatedUser();
  return user ? [`Impersonate-User.${base64url(user)}`] : [];
};

export const getCsrfToken = (): string | undefined =>
  document.cookie
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith('csrf-token='))
    ?.slice('csrf-token='.length);

/** `${SERVER_FLAGS.basePath}api/kubernetes`, as the SDK's `k8sBasePath`. */
export const k8sBasePath = '/api/kubernetes';
