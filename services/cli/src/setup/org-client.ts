import { CommandResult, commandRoutes, OrgView, ReportScopeView, sameName } from '@possier/events';
import { callApi, readJson, type Connection } from '../api-client.js';
import { CliError, cliError } from '../cli-error.js';
import { commandBody } from '../command-body.js';

/** The caller's org as its owner administers it (`GET /v1/org`). */
export const readOrg = async (connection: Connection): Promise<OrgView> =>
  readJson(await callApi(connection, '/v1/org'), OrgView);

/**
 * The brands the caller can name: every brand of the org for an owner, else those of the stores
 * they may read (`/v1/scope`), which is where a brand manager's brand shows.
 */
export const readBrands = async (
  connection: Connection,
): Promise<{ orgId: string; brands: ReadonlyArray<{ brandId: string; name: string }> }> => {
  try {
    const org = await readOrg(connection);
    return { orgId: org.orgId, brands: org.brands };
  } catch (error) {
    if (!(error instanceof CliError && error.details[0]?.code === 'AUTH.FORBIDDEN')) throw error;
    const scope = await readJson(await callApi(connection, '/v1/scope'), ReportScopeView);
    return { orgId: scope.orgId, brands: scope.brands };
  }
};

/**
 * The one thing of `kind` that `text` names: by id, or by its name (unique where it is looked
 * up). Refuses a name that matches none or several, listing what there is.
 */
export const findNamed = <Thing extends { name: string }>(
  kind: string,
  things: ReadonlyArray<Thing>,
  idOf: (thing: Thing) => string,
  text: string,
  path: string,
): Thing => {
  const byId = things.find((thing) => idOf(thing) === text.trim());
  if (byId) return byId;
  const named = things.filter((thing) => sameName(thing.name, text));
  if (named.length === 1) return named[0] as Thing;
  const names = things.map((thing) => thing.name).join(', ');
  if (named.length === 0)
    throw cliError(
      'SETUP.NOT_FOUND',
      path,
      `no ${kind} named "${text}"${names ? `; there are: ${names}` : `; there is no ${kind} yet`}`,
    );
  throw cliError('SETUP.AMBIGUOUS_NAME', path, `${named.length} ${kind}s are named "${text}"; give the id instead`);
};

/** Refuses a name already used where names must tell things apart. */
export const assertNewName = (
  kind: string,
  where: string,
  names: ReadonlyArray<string>,
  name: string,
  path = '--name',
): void => {
  if (names.some((existing) => sameName(existing, name)))
    throw cliError('SETUP.NAME_TAKEN', path, `${where} already has a ${kind} named "${name.trim()}"`);
};

type RouteName = keyof typeof commandRoutes;

/** Sends one declared command with a fresh command id; answers its result. */
export const sendCommand = async (
  connection: Connection,
  route: Exclude<RouteName, 'replay'>,
  data: Record<string, unknown>,
): Promise<CommandResult> => {
  const path = commandRoutes[route].path.replace(/\{(\w+)\}/g, (_, param: string) =>
    encodeURIComponent(String(data[param])),
  );
  return readJson(await callApi(connection, path, { method: 'POST', body: commandBody(data) }), CommandResult);
};

/** The brand `text` names, or, when none is named, the org's only brand. */
export const chooseBrand = <Brand extends { brandId: string; name: string }>(
  brands: ReadonlyArray<Brand>,
  text: string | undefined,
): Brand => {
  if (text !== undefined) return findNamed('brand', brands, (brand) => brand.brandId, text, '--brand');
  if (brands.length === 1) return brands[0] as Brand;
  throw cliError(
    'SETUP.BRAND_MISSING',
    '--brand',
    brands.length === 0
      ? 'there is no brand yet: create one with possier brand create'
      : `name one of the ${brands.length} brands: ${brands.map((brand) => brand.name).join(', ')}`,
  );
};
