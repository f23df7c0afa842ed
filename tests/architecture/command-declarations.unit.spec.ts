import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '@possier/ledger';
import { Action, commandDeclarations, commandRoutes, ROLE_ACTIONS, type CommandName } from '@possier/events';
import { describe, expect, it } from 'vitest';

/*
 * The declaration list is the one place a command is written down. This suite holds every entry
 * to what serving it takes: a route, an entry in the OpenAPI document, an authorization rule some
 * role can satisfy, and a given/when/then spec of its decider. A command declared without one of
 * them fails here, by name.
 */

const eventsSrc = fileURLToPath(new URL('../../events/src', import.meta.url));

const specSources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return specSources(path);
    return entry.name.endsWith('.unit.spec.ts') ? [readFileSync(path, 'utf8')] : [];
  });

const names = Object.keys(commandDeclarations) as CommandName[];
const document = openApiDocument() as { paths: Record<string, { post?: { operationId?: string } }> };
const specs = specSources(eventsSrc);

describe('every declared command', () => {
  it('is declared', () => {
    expect(names.length).toBeGreaterThan(30);
  });

  it.each(names)('%s has a route of its own that names the command', (name) => {
    const declaration = commandDeclarations[name];
    const route = commandRoutes[name];
    expect(route.path).toBe(declaration.route.path);
    expect(route.path).toMatch(/^\/v1\//);
    expect(route.command).toBe(declaration.type);
    const samePath = names.filter((other) => commandDeclarations[other].route.path === route.path);
    expect(samePath).toEqual([name]);
  });

  it.each(names)('%s is in the OpenAPI document under its operation id', (name) => {
    expect(document.paths[commandDeclarations[name].route.path]?.post?.operationId).toBe(name);
  });

  it.each(names)('%s has an authorization rule that some role can meet', (name) => {
    const { authorization } = commandDeclarations[name];
    if ('operator' in authorization) {
      expect(authorization.operator).toBe(true);
      return;
    }
    for (const action of [authorization.action, ...(authorization.stricter ? [authorization.stricter.action] : [])]) {
      expect(Action.options).toContain(action);
      expect(Object.values(ROLE_ACTIONS).some((actions) => actions.includes(action))).toBe(true);
    }
  });

  it.each(names)('%s is decided in a given/when/then spec', (name) => {
    const type = commandDeclarations[name].type;
    expect(
      specs.some((source) => source.includes(`type: '${type}'`)),
      `no spec sends ${type}`,
    ).toBe(true);
  });
});
