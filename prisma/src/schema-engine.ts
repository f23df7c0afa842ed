import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

export type { SchemaEngine };

/** The part of the WebAssembly global used here; this repository compiles without the DOM lib. */
type WebAssemblyApi = {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};
const { WebAssembly } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

let instantiated: Promise<void> | undefined;

/**
 * Loads Prisma's WebAssembly schema engine once per process. The package's own entry point does
 * `import * as wasm from "./schema_engine_bg.wasm"`, which Node cannot load as ESM, so the bindings
 * module is imported on its own and the `.wasm` beside it is instantiated here.
 */
const instantiate = (): Promise<void> =>
  (instantiated ??= (async () => {
    const bindingsPath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = join(dirname(bindingsPath), 'schema_engine_bg.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      './schema_engine_bg.js': bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })());

/**
 * A schema engine over a migration-aware driver adapter factory: `new PrismaPg(url)` from
 * `@prisma/adapter-pg` for a real database, `offlineAdapterFactory()` for schema-to-schema diffs.
 * The engine connects as it is created. Release it with `engine.free()`; the factory's pool, if
 * it has one, is the caller's to end.
 */
export const openSchemaEngine = async (
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  { onLog }: { onLog?: (line: string) => void } = {},
): Promise<SchemaEngine> => {
  await instantiate();
  return bindings.SchemaEngine.new(
    { datamodels: undefined },
    (line: string) => onLog?.(line),
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
};
