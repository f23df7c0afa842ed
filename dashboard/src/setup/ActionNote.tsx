import type { ActionState } from './use-action';

/** What became of the last action: said in words, as the API put it. */
export const ActionNote = ({ action, testId }: { action: ActionState; testId: string }) => {
  if (action.state === 'idle') return null;
  if (action.state === 'running')
    return (
      <p className="muted" data-testid={testId} data-state="running">
        Sending…
      </p>
    );
  return (
    <p
      className={action.state === 'done' ? 'ok' : action.refused ? 'refused' : 'error'}
      role={action.state === 'done' ? 'status' : 'alert'}
      data-testid={testId}
      data-state={action.state}
    >
      {action.message}
    </p>
  );
};
