import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { request } from 'undici';
import { freePort } from './free-port.js';
import { nodeArgs, startService, waitUntil, type ServiceProcess } from './service-process.js';

/** Token claims as `npm run token` takes them: `{ kind: 'register', org: …, brand: …, … }`. */
export type TokenRequest = Record<string, string>;

export type LedgerProcess = {
  service: ServiceProcess;
  url: string;
  /** A bearer token signed with this ledger's key, minted by the ledger's own `npm run token`. */
  token(claims: TokenRequest): Promise<string>;
};

const ISSUER = 'possier-ledger';

/** The ledger as operators start it (`npm run start:ledger`), on its own database and a free port, ready when /health/ready says so. */
export const startLedgerProcess = async (
  databaseUrl: string,
  natsUrl: string,
  logFile: string,
): Promise<LedgerProcess> => {
  const port = await freePort();
  const secret = randomBytes(32).toString('hex');
  const service = startService(
    'ledger',
    'services/ledger',
    'src/main.ts',
    {
      DATABASE_URL: databaseUrl,
      NATS_URL: natsUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      POSSIER_JWT_SECRET: secret,
      POSSIER_JWT_ISSUER: ISSUER,
      POSSIER_CUSTOMER_KEK: randomBytes(32).toString('base64'),
      // The checkout load is sixteen clients on one register's token, far past what one till
      // sends: the bench measures the command path, so the per-principal limits are raised.
      POSSIER_COMMAND_RATE_LIMIT: '100000000',
      POSSIER_REPLAY_RATE_LIMIT: '100000000',
    },
    logFile,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(service, 'ready', async () => {
    const response = await request(`${url}/health/ready`);
    await response.body.dump();
    return response.statusCode === 200;
  });
  const token = async (claims: TokenRequest) => {
    const { args, cwd } = nodeArgs('services/ledger', 'src/cli/mint-token.ts');
    const flags = Object.entries(claims).flatMap(([name, value]) => [`--${name}`, value]);
    const { stdout } = await promisify(execFile)(process.execPath, [...args, ...flags], {
      cwd,
      env: { ...process.env, POSSIER_JWT_SECRET: secret, POSSIER_JWT_ISSUER: ISSUER },
    });
    return stdout.trim();
  };
  return { service, url, token };
};
