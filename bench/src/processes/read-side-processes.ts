import { request } from 'undici';
import { freePort } from './free-port.js';
import { startService, waitUntil, type ServiceProcess } from './service-process.js';

export type ReadSideTarget = { databaseUrl: string; natsUrl: string; stream: string; subjectPrefix: string };

const metricsAnswer = (port: number) => async () => {
  const response = await request(`http://127.0.0.1:${port}/metrics`);
  await response.body.dump();
  return response.statusCode === 200;
};

/** The relay as operators start it (`npm run start:relay`), on a stream of its own. */
export const startRelayProcess = async (target: ReadSideTarget, logFile: string): Promise<ServiceProcess> => {
  const port = await freePort();
  const relay = startService(
    'relay',
    'services/relay',
    'src/main.ts',
    {
      DATABASE_URL: target.databaseUrl,
      NATS_URL: target.natsUrl,
      LEDGER_STREAM: target.stream,
      LEDGER_SUBJECT_PREFIX: target.subjectPrefix,
      RELAY_METRICS_PORT: String(port),
    },
    logFile,
  );
  await waitUntil(relay, 'serving metrics', metricsAnswer(port));
  return relay;
};

/** The projector as operators start it (`npm run start:projector`), every projection, on the relay's stream. */
export const startProjectorProcess = async (target: ReadSideTarget, logFile: string): Promise<ServiceProcess> => {
  const port = await freePort();
  const projector = startService(
    'projector',
    'services/projector',
    'src/main.ts',
    {
      DATABASE_URL: target.databaseUrl,
      NATS_URL: target.natsUrl,
      LEDGER_STREAM: target.stream,
      PROJECTOR_CONSUMER: 'bench',
      PROJECTOR_METRICS_PORT: String(port),
    },
    logFile,
  );
  await waitUntil(projector, 'serving metrics', metricsAnswer(port));
  return projector;
};
