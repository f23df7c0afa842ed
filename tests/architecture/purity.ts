import ts from 'typescript';

/** Module specifiers the pure core may never import, as prefixes (`@nestjs/` matches `@nestjs/core`). */
export const FORBIDDEN_IN_CORE = [
  '@nestjs/',
  '@prisma/',
  'pg',
  'pg-',
  'postgres',
  'nats',
  '@nats-io/',
  '@eventstore/',
  '@kurrent/',
  'better-sqlite3',
  'pino',
  '@possier/',
  'node:',
  'fs',
  'net',
  'http',
  'https',
  'child_process',
  'crypto',
] as const;

export type Violation = { file: string; line: number; what: string };

const isForbidden = (specifier: string): boolean =>
  FORBIDDEN_IN_CORE.some((forbidden) =>
    forbidden.endsWith('/') || forbidden.endsWith(':') || forbidden.endsWith('-')
      ? specifier.startsWith(forbidden)
      : specifier === forbidden || specifier.startsWith(`${forbidden}/`),
  );

/**
 * Finds what would make a file of the core impure: imports (static, dynamic, `require`, re-exports)
 * of a framework, database, network or Node built-in, and reads of the clock or of randomness
 * (`Date.now()`, `new Date()` with no argument, `Math.random()`, `performance.now()`,
 * `crypto.randomUUID()`). Parsed with the TypeScript compiler, so comments and strings that
 * mention these names do not count and aliased forms do.
 */
export const findImpurities = (file: string, source: string): Violation[] => {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const violations: Violation[] = [];
  const report = (node: ts.Node, what: string) =>
    violations.push({ file, line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1, what });

  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      if (isForbidden(node.moduleSpecifier.text)) report(node, `imports ${node.moduleSpecifier.text}`);
    }
    if (ts.isCallExpression(node)) {
      const [argument] = node.arguments;
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if ((isDynamicImport || isRequire) && argument && ts.isStringLiteral(argument) && isForbidden(argument.text)) {
        report(node, `imports ${argument.text}`);
      }
      const callee = node.expression.getText(sourceFile).replace(/\s+/g, '');
      if (
        ['Date.now', 'Math.random', 'performance.now', 'crypto.randomUUID', 'crypto.getRandomValues'].includes(callee)
      ) {
        report(node, `calls ${callee}()`);
      }
    }
    if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'Date' &&
      (node.arguments?.length ?? 0) === 0
    ) {
      report(node, 'reads the clock with new Date()');
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return violations;
};
