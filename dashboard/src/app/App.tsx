import { useCallback, useState } from 'react';
import { forgetToken, readToken, saveToken } from '../session/session';
import { LoginForm } from '../session/LoginForm';
import { Dashboard } from './Dashboard';

/** Signed out: the token form. Signed in: the dashboard, until the user signs out or the API refuses the token. */
export const App = () => {
  const [token, setToken] = useState(readToken);
  const [notice, setNotice] = useState<string | null>(null);
  const signIn = useCallback((given: string) => {
    saveToken(given);
    setNotice(null);
    setToken(given);
  }, []);
  const signOut = useCallback((reason?: string) => {
    forgetToken();
    setNotice(reason ?? null);
    setToken(null);
  }, []);
  return token ? <Dashboard token={token} onSignOut={signOut} /> : <LoginForm notice={notice} onSignIn={signIn} />;
};
