import { EXPORT_RECORDS_HEADER } from '@possier/events';
import { Presets, SingleBar } from 'cli-progress';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { cliError } from '../cli-error.js';
import { callApi, type Connection } from '../api-client.js';

export type ExportOptions = { store: string; from: string; to: string; format: 'jsonl' | 'csv'; out?: string };

/**
 * `possier audit export`: streams a store's days from the ledger to a file (or stdout), with a
 * progress bar on stderr counted in records against the total the ledger announces. A stream
 * that ends early is an error: the file would not verify anyway, and should not be mistaken
 * for the whole export.
 */
export const exportToFile = async (connection: Connection, options: ExportOptions): Promise<string> => {
  const response = await callApi(connection, `/v1/audit/stores/${encodeURIComponent(options.store)}/export`, {
    query: { from: options.from, to: options.to, format: options.format },
  });
  const total = Number(response.headers.get(EXPORT_RECORDS_HEADER) ?? 0);
  const sink: Writable = options.out ? createWriteStream(options.out) : process.stdout;
  const bar = new SingleBar(
    { format: 'export {bar} {percentage}% | {value}/{total} records | {eta_formatted} left', stream: process.stderr },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  let lineBreaks = 0;
  try {
    for await (const chunk of response.body ?? []) {
      const bytes = chunk as Uint8Array;
      for (const byte of bytes) if (byte === 0x0a) lineBreaks += 1;
      if (!sink.write(bytes)) await once(sink, 'drain');
      // The first line is the JSON Lines header or the CSV column names, not a record.
      bar.update(Math.min(Math.max(lineBreaks - 1, 0), total));
    }
  } finally {
    bar.stop();
    if (options.out) {
      sink.end();
      await once(sink, 'close');
    }
  }
  const records = Math.max(lineBreaks - 1, 0);
  if (records !== total) {
    throw cliError(
      'EXPORT.INCOMPLETE',
      options.out ?? 'stdout',
      `the ledger announced ${total} records but sent ${records}`,
    );
  }
  return `exported ${records} records of store ${options.store}, ${options.from} to ${options.to}${options.out ? `, to ${options.out}` : ''}\n`;
};
