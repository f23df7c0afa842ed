import { useState, type FormEvent } from 'react';

type LoginFormProps = { notice: string | null; onSignIn: (token: string) => void };

/**
 * Sign in with a bearer token (`npm run token`, or one an administrator issued). The page keeps
 * it for this tab only; what it may show is decided by the API on every request.
 */
export const LoginForm = ({ notice, onSignIn }: LoginFormProps) => {
  const [token, setToken] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = token.trim().replace(/^Bearer\s+/i, '');
    if (trimmed) onSignIn(trimmed);
  };
  return (
    <main className="login">
      <h1>Possier sales dashboard</h1>
      <form onSubmit={submit} aria-label="Sign in">
        <label htmlFor="token">Bearer token</label>
        <textarea
          id="token"
          name="token"
          rows={5}
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          placeholder="eyJhbGciOiJIUzI1NiJ9…"
        />
        <button type="submit" disabled={token.trim() === ''}>
          Sign in
        </button>
      </form>
      {notice && (
        <p className="error" role="alert">
          {notice}
        </p>
      )}
      <p className="muted">
        The dashboard shows only what the token’s scope allows: a store analyst sees that store, an owner the whole
        organisation. It keeps the token for this browser tab only.
      </p>
    </main>
  );
};
