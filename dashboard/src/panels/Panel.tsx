import type { ReactNode } from 'react';
import type { Resource } from '../api/use-resource';

type PanelProps<T> = {
  /** `data-testid="panel-<id>"`. */
  id: string;
  title: string;
  resource: Resource<T>;
  wide?: boolean;
  children: (value: T) => ReactNode;
};

const stateOf = (resource: Resource<unknown>): string =>
  resource.state === 'failed' ? (resource.error.refused ? 'refused' : 'failed') : resource.state;

/**
 * One report's card. While loading it says so; when the API refuses the token (401/403) it shows
 * the API's reason — the page follows the scope the API enforces, it never guesses it; any other
 * failure is shown as the error it was.
 */
export const Panel = <T,>({ id, title, resource, wide, children }: PanelProps<T>) => (
  <section
    className={wide ? 'panel wide' : 'panel'}
    data-testid={`panel-${id}`}
    data-state={stateOf(resource)}
    aria-busy={resource.state === 'loading'}
  >
    <h2>{title}</h2>
    {resource.state === 'loading' && <p className="muted">Loading…</p>}
    {resource.state === 'failed' &&
      (resource.error.refused ? (
        <p className="refused" role="note">
          Not in this token’s scope: {resource.error.reason}
        </p>
      ) : (
        <p className="error" role="alert">
          {resource.error.message}
        </p>
      ))}
    {resource.state === 'ready' && children(resource.value)}
  </section>
);
