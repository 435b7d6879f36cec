/**
 * ESLint rule `accord/no-import-cycles`: reports a file that can reach itself through its relative imports.
 *
 * Why our own: eslint-plugin-import-x's `no-cycle` needs `unrs-resolver`, whose per-platform optional
 * packages npm leaves out of a lockfile written without download addresses (this workplace's npm setting),
 * which then breaks `npm ci`. Accord's imports are all ESM with explicit `.js` specifiers that map to
 * `.ts` sources, so a small reader of import statements covers them exactly.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g
const graph = new Map()

function resolveSpecifier(from, specifier) {
  const base = resolve(dirname(from), specifier)
  for (const candidate of [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, `${base}/index.ts`]) {
    if (candidate.endsWith('.ts') && existsSync(candidate)) return candidate
  }
  return null
}

function importsOf(file) {
  let edges = graph.get(file)
  if (edges) return edges
  edges = []
  graph.set(file, edges)
  const source = readFileSync(file, 'utf8')
  for (const match of source.matchAll(IMPORT)) {
    // `import type` only affects types and is erased; it cannot make a run-time cycle.
    if (/^\s*(?:import|export)\s+type\s/.test(match[0].replace(/^\n/, ''))) continue
    const target = resolveSpecifier(file, match[1] ?? match[2])
    if (target) edges.push(target)
  }
  return edges
}

function findPathBack(start) {
  const seen = new Set()
  const stack = importsOf(start).map((next) => [next, [start, next]])
  while (stack.length > 0) {
    const [file, path] = stack.pop()
    if (file === start) return path
    if (seen.has(file)) continue
    seen.add(file)
    for (const next of importsOf(file)) stack.push([next, [...path, next]])
  }
  return null
}

export default {
  rules: {
    'no-import-cycles': {
      meta: {
        type: 'problem',
        docs: { description: 'Forbid import cycles between project modules' },
        schema: [],
      },
      create(context) {
        const file = context.filename
        if (!file.endsWith('.ts')) return {}
        return {
          Program(node) {
            graph.delete(file)
            const cycle = findPathBack(file)
            if (cycle) {
              const root = context.cwd
              context.report({
                node,
                message: `Import cycle: ${cycle.map((f) => relative(root, f)).join(' → ')}`,
              })
            }
          },
        }
      },
    },
  },
}
