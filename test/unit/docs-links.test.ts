import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Comments point readers at `docs/` (README, "Where things live"): the only documents someone with
 * just this repository has. Every `docs/….md#section` a source file cites must exist, and nothing
 * cites a brief or a ticket that lives outside the repository.
 */
const ROOT = join(import.meta.dirname, '..', '..')
const SOURCE_DIRS = ['shared', 'src-main', 'src-central', 'src-renderer/src', 'test', 'bench', 'scripts']

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path)
    return /\.(ts|vue)$/.test(name) ? [path] : []
  })
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .trim()
    .replace(/ /g, '-')

function anchorsIn(doc: string): Set<string> {
  const text = readFileSync(join(ROOT, doc), 'utf8')
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1]!)))
}

const files = SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir))).filter(
  (path) => !path.endsWith('docs-links.test.ts'),
)

describe('citations in code comments', () => {
  it('name only documents of this repository, and sections that exist', () => {
    const anchors = new Map<string, Set<string>>()
    const broken: string[] = []
    for (const path of files) {
      const text = readFileSync(path, 'utf8')
      for (const [, doc, anchor] of text.matchAll(/\b((?:docs\/[\w-]+|README)\.md)(?:#([\w-]+))?/g)) {
        if (!anchors.has(doc!)) {
          try {
            anchors.set(doc!, anchorsIn(doc!))
          } catch {
            broken.push(`${relative(ROOT, path)}: ${doc} does not exist`)
            continue
          }
        }
        if (anchor && !anchors.get(doc!)!.has(anchor))
          broken.push(`${relative(ROOT, path)}: ${doc}#${anchor} has no such section`)
      }
    }
    expect(broken).toEqual([])
  })

  it('never cite the briefs or the tickets, which readers of the repository do not have', () => {
    const outside = files.flatMap((path) =>
      [...readFileSync(path, 'utf8').matchAll(/DOMAIN\.md|ARCHITECTURE\.md|\(issue[: ]/g)].map(
        (m) => `${relative(ROOT, path)}: ${m[0]}`,
      ),
    )
    expect(outside).toEqual([])
  })
})
