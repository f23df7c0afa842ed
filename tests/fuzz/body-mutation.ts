import fc from 'fast-check';
import { hostileJson } from './hostile-json.js';

type Path = Array<string | number>;

/** Every place in a JSON value, the root included, as key paths. */
export const pathsOf = (value: unknown, path: Path = []): Path[] => {
  const here = [path];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, index) => pathsOf(item, [...path, index]))];
  if (value !== null && typeof value === 'object')
    return [...here, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))];
  return here;
};

/** What was done to a valid body, to say which field the refusal must name. */
export type Mutation = { kind: 'replace' | 'remove' | 'truncate' | 'add'; path: string; text: string };

/** Members a client might add that no command declares: a stray field, a retired one, a wish. */
const UNKNOWN_KEYS = ['extra', 'note', 'isAdmin', 'cashTakings', 'unitPricePaise'];

const PLACEHOLDER = '\u0001hostile\u0001';

const replaced = (body: unknown, path: Path, fragment: string): string => {
  if (path.length === 0) return fragment;
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path.at(-1) as string | number] = PLACEHOLDER;
  return JSON.stringify(copy).replace(JSON.stringify(PLACEHOLDER), () => fragment);
};

const removed = (body: unknown, path: Path): string => {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return JSON.stringify(copy);
};

const added = (body: unknown, path: Path, key: string): string => {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path) parent = parent[step] as Record<string | number, unknown>;
  parent[key] = 1;
  return JSON.stringify(copy);
};

const isRecord = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);

const valueAt = (body: unknown, path: Path): unknown =>
  path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], body);

/**
 * One hostile change to a valid body: a value anywhere (or the whole body) replaced by hostile
 * JSON, a field removed, a member no schema declares added to an object, or the text cut short. `skip` names paths not to touch.
 */
export const mutationOf = (body: unknown, skip: (path: Path) => boolean = () => false): fc.Arbitrary<Mutation> => {
  const paths = pathsOf(body).filter((path) => !skip(path));
  const removable = paths.filter((path) => path.length > 0);
  const objects = paths.filter((path) => isRecord(valueAt(body, path)));
  const text = JSON.stringify(body);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.tuple(fc.constantFrom(...paths), hostileJson).map(([path, fragment]): Mutation => ({
        kind: 'replace',
        path: path.join('.'),
        text: replaced(body, path, fragment),
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(...removable)
        .map((path): Mutation => ({ kind: 'remove', path: path.join('.'), text: removed(body, path) })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...objects), fc.constantFrom(...UNKNOWN_KEYS))
        .map(([path, key]): Mutation => ({
          kind: 'add',
          path: [...path, key].join('.'),
          text: added(body, path, key),
        })),
    },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 0, max: text.length - 1 })
        .map((end): Mutation => ({ kind: 'truncate', path: '', text: text.slice(0, end) })),
    },
  );
};
