import { USER_STORAGE_KEY } from '../sdk-standin/session';

/** Host preferences kept in localStorage, so a reload (and a Playwright test) can preset them. */
export const THEME_STORAGE_KEY = 'console-host/theme';
export type Theme = 'light' | 'dark';

export const HOST_USERS = [
  { id: '', label: 'cluster-admin' },
  { id: 'viewer', label: 'viewer' },
  { id: 'project-user', label: 'project-user' },
] as const;

export const getTheme = (): Theme => (localStorage.getItem(THEME_STORAGE_KEY) === 'dark' ? 'dark' : 'light');

/** PatternFly 6 switches every token to the dark palette from this class on <html>. */
export const applyTheme = (theme: Theme) => {
  localStorage.setItem(THEME_STORAGE_KEY, theme);
  document.documentElement.classList.toggle('pf-v6-theme-dark', theme === 'dark');
};

/** Switching user reloads: every watch and access review starts again as the new user, as in the console. */
export const switchUser = (user: string) => {
  if (user) {
    localStorage.setItem(USER_STORAGE_KEY, user);
  } else {
    localStorage.removeItem(USER_STORAGE_KEY);
  }
  window.location.reload();
};
