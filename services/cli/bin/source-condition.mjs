// A module resolution hook: workspace packages resolve through their `@possier/source` export
// condition (their TypeScript sources), as `node --conditions=@possier/source` would.
export const resolve = (specifier, context, nextResolve) =>
  nextResolve(specifier, { ...context, conditions: [...new Set([...context.conditions, '@possier/source'])] });
