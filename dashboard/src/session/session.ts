/**
 * The token lives in sessionStorage: it survives a reload but not the tab, and other tabs and
 * sites never see it. The page trusts nothing in it: the API checks every request.
 */
const TOKEN_KEY = 'possier.token';

export const readToken = (storage: Storage = sessionStorage): string | null => storage.getItem(TOKEN_KEY);
export const saveToken = (token: string, storage: Storage = sessionStorage): void => storage.setItem(TOKEN_KEY, token);
export const forgetToken = (storage: Storage = sessionStorage): void => storage.removeItem(TOKEN_KEY);

export type Who = { kind: string; label: string };

const base64UrlDecode = (text: string): string => {
  const base64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  return new TextDecoder().decode(Uint8Array.from(atob(base64), (character) => character.charCodeAt(0)));
};

/**
 * Who the token says it is, for the page's header only (`user 0195…`, `register 0195…`,
 * `operator ops-1`). Read without verifying the signature — the ledger verifies — so it decides
 * nothing; null when the text is not a JWT at all.
 */
export const whoIs = (token: string): Who | null => {
  const [, payload] = token.split('.');
  if (!payload) return null;
  try {
    const claims = JSON.parse(base64UrlDecode(payload)) as Record<string, unknown>;
    const kind = typeof claims.kind === 'string' ? claims.kind : 'unknown';
    const id = claims.userId ?? claims.registerId ?? claims.operatorId;
    return { kind, label: typeof id === 'string' ? `${kind} ${id}` : kind };
  } catch {
    return null;
  }
};
