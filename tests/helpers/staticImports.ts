import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * What a module loads before any of its code runs: the source files reached through static
 * imports (`import … from`), and the packages they name. `await import(…)` and `import type`
 * are not followed: they are how a command keeps its modules to itself.
 */
export function staticImports(entry: string): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/^import\s(?!type\b)[^;]*?from\s+'([^']+)';/gms)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else if (!packages.has(spec)) packages.set(spec, file);
    }
  };
  visit(entry);
  return { files, packages };
}
