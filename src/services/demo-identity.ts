/**
 * H5 only: the demo identity sent as `X-Demo-OpenId` to the local server. Kept in localStorage so a reload keeps
 * the chosen demo user. Imported only by *.h5 files, so it never reaches the mini-program build.
 */
const STORAGE_KEY = 'demoOpenId';
/** Used when localStorage is unavailable (private mode): the identity then lasts until the page reloads. */
let memory = '';

export interface DemoUser {
  openid: string;
  name: string;
  roles: string[];
  label: string;
}

export function getDemoOpenId(): string {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? memory;
  } catch {
    return memory;
  }
}

export function setDemoOpenId(openId: string): void {
  memory = openId;
  try {
    if (openId) window.localStorage.setItem(STORAGE_KEY, openId);
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage refused: `memory` keeps it.
  }
}

/** `GET /api/demo-users` from the local server; null when it cannot be read. */
export async function fetchDemoUsers(): Promise<DemoUser[] | null> {
  try {
    const response = await fetch('/api/demo-users');
    if (!response.ok) return null;
    const body: unknown = await response.json();
    if (!Array.isArray(body)) return null;
    return body.filter(
      (u): u is DemoUser => !!u && typeof u === 'object' && typeof (u as DemoUser).openid === 'string',
    );
  } catch {
    return null;
  }
}
