import { useCallback, useState } from 'react';
import { asApiError } from '../api/api-error';

/** Where one action of the set-up page stands: idle, under way, done (with what to say), or refused with the API's words. */
export type ActionState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; message: string }
  | { state: 'failed'; message: string; refused: boolean };

/**
 * Runs an action against the API and keeps its outcome for the page to show: the API's own
 * reason and field when it refuses, so a person reads why, not a status code.
 */
export const useAction = (): [ActionState, (run: () => Promise<string>) => Promise<boolean>] => {
  const [state, setState] = useState<ActionState>({ state: 'idle' });
  const start = useCallback(async (run: () => Promise<string>) => {
    setState({ state: 'running' });
    try {
      setState({ state: 'done', message: await run() });
      return true;
    } catch (error) {
      const refusal = asApiError(error);
      const where = refusal.path ? ` (${refusal.path})` : '';
      setState({
        state: 'failed',
        message: refusal.refused ? `Refused: ${refusal.reason}` : `${refusal.reason}${where}`,
        refused: refusal.refused,
      });
      return false;
    }
  }, []);
  return [state, start];
};
