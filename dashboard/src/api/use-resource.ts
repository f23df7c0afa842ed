import { useEffect, useState } from 'react';
import { asApiError, type ApiError } from './api-error';

export type Resource<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: ApiError };

/**
 * Loads `load()` whenever one of `keys` changes. An answer that arrives after the keys changed
 * again is dropped, so a slow response for an old filter never overwrites a newer one.
 * `keepWhileReloading` keeps showing the last answer until the next one arrives: for a status
 * polled on a timer, not for figures whose filters just changed.
 */
export const useResource = <T>(
  load: () => Promise<T>,
  keys: ReadonlyArray<unknown>,
  { keepWhileReloading = false } = {},
): Resource<T> => {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    setResource((previous) => (keepWhileReloading && previous.state === 'ready' ? previous : { state: 'loading' }));
    load().then(
      (value) => current && setResource({ state: 'ready', value }),
      (error: unknown) => current && setResource({ state: 'failed', error: asApiError(error) }),
    );
    return () => {
      current = false;
    };
    // `keys` name what `load` depends on; `load` itself is a new closure on every render.
  }, keys);
  return resource;
};
