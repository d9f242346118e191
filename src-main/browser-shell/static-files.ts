import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  // pdf.js's worker, which the document viewer starts as a module.
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
}

export interface StaticFile {
  body: Buffer
  contentType: string
  immutable: boolean
}

/** Serves the built renderer; any path outside the folder or missing falls back to index.html. */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile> {
  const relative = normalize(decodeURIComponent(urlPath.split('?')[0] ?? '/')).replace(/^([/\\])+/, '')
  const candidate = join(root, relative)
  const inside = candidate.startsWith(root.endsWith(sep) ? root : root + sep)
  const isFile = inside && relative !== '' && (await stat(candidate).catch(() => null))?.isFile()
  const file = isFile ? candidate : join(root, 'index.html')
  return {
    body: await readFile(file),
    contentType: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    immutable: isFile === true && relative.startsWith('assets'),
  }
}
