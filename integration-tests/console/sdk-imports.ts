import ts from 'typescript';

export const SDK_PACKAGE = '@openshift-console/dynamic-plugin-sdk';

export interface SdkImport {
  name: string;
  file: string;
}

/**
 * The run-time names a source file takes from the SDK package: named imports and re-exports that are not
 * type-only. A namespace or default import cannot be checked name by name, so it is reported as `*`.
 */
export const runtimeSdkImports = (file: string, source: string): SdkImport[] => {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const found: SdkImport[] = [];
  const fromSdk = (spec: ts.Expression | undefined) =>
    !!spec && ts.isStringLiteral(spec) && spec.text === SDK_PACKAGE;
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) && fromSdk(stmt.moduleSpecifier)) {
      const clause = stmt.importClause;
      if (!clause || clause.isTypeOnly) {
        continue;
      }
      if (clause.name) {
        found.push({ name: '*', file });
      }
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) {
        found.push({ name: '*', file });
      } else if (bindings) {
        for (const el of bindings.elements) {
          if (!el.isTypeOnly) {
            found.push({ name: (el.propertyName ?? el.name).text, file });
          }
        }
      }
    } else if (ts.isExportDeclaration(stmt) && fromSdk(stmt.moduleSpecifier) && !stmt.isTypeOnly) {
      if (!stmt.exportClause || ts.isNamespaceExport(stmt.exportClause)) {
        found.push({ name: '*', file });
      } else {
        for (const el of stmt.exportClause.elements) {
          if (!el.isTypeOnly) {
            found.push({ name: (el.propertyName ?? el.name).text, file });
          }
        }
      }
    }
  }
  // `import('@openshift-console/dynamic-plugin-sdk')` at run time: also unchecked.
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      fromSdk(node.arguments[0])
    ) {
      found.push({ name: '*', file });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
};

/**
 * The names the installed SDK package exports as values (what a plugin can import at run time), read from
 * its type declarations (`lib/lib-core.d.ts`, the package's `main` entry).
 */
export const sdkValueExports = (sdkDir: string): string[] => {
  const entry = `${sdkDir}/lib/lib-core.d.ts`;
  const program = ts.createProgram([entry], {
    noEmit: true,
    noLib: true,
    skipLibCheck: true,
    types: [],
    jsx: ts.JsxEmit.ReactJSX,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  return checker
    .getExportsOfModule(moduleSymbol)
    .filter((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return (target.flags & ts.SymbolFlags.Value) !== 0;
    })
    .map((s) => s.name);
};
