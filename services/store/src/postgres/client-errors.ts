import type pg from 'pg';

/**
 * Gives every client of `pool` an error listener for its whole life. pg-pool listens for errors
 * only on idle clients and removes that listener while a client is checked out, and a client
 * whose server ends the connection (a restart, an administrator's terminate) emits `error` even
 * when a query was running: between two queries of a transaction, with no listener, that error
 * would end the process. The query in flight still fails, and the caller sees that failure.
 */
export const listenForClientErrors = (pool: pg.Pool, onError: (error: Error) => void): void => {
  pool.on('connect', (client) => {
    client.on('error', onError);
  });
};
