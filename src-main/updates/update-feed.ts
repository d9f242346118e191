import { createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { load } from 'js-yaml'

/**
 * The utility's update feed: a folder any web server can serve, laid out as electron-builder's
 * "generic" provider lays it out (`latest.yml` for Windows, `latest-linux.yml` for Linux, the builds
 * beside them) plus a detached Ed25519 signature `<build>.sig` for each build.
 */
export type UpdatePlatform = 'linux' | 'win'

export const FEED_FILE: Record<UpdatePlatform, string> = { linux: 'latest-linux.yml', win: 'latest.yml' }

export interface FeedRelease {
  version: string
  /** The build's file name in the feed folder. */
  file: string
  /** SHA-512 of the build, base64, as electron-builder writes it. */
  sha512: string
  size: number | null
}

export class UpdateFeedError extends Error {}

const feedUrlOf = (feed: string, name: string) =>
  new URL(encodeURIComponent(name), feed.endsWith('/') ? feed : `${feed}/`)

/** The newest release the feed offers for this platform. */
export async function readFeed(feed: string, platform: UpdatePlatform): Promise<FeedRelease> {
  const response = await fetch(feedUrlOf(feed, FEED_FILE[platform]))
  if (!response.ok) throw new UpdateFeedError(`Сервер обновлений ответил ${response.status}`)
  const parsed = load(await response.text()) as {
    version?: unknown
    path?: unknown
    sha512?: unknown
    files?: { url?: unknown; sha512?: unknown; size?: unknown }[]
  } | null
  const first = parsed?.files?.[0]
  const file = String(first?.url ?? parsed?.path ?? '')
  const sha512 = String(first?.sha512 ?? parsed?.sha512 ?? '')
  if (!parsed || typeof parsed.version !== 'string' || !file || !sha512)
    throw new UpdateFeedError('Описание обновления на сервере неполное')
  // A name with a folder in it would let the feed write outside the download folder.
  if (basename(file) !== file) throw new UpdateFeedError('Имя файла обновления недопустимо')
  return { version: parsed.version, file, sha512, size: typeof first?.size === 'number' ? first.size : null }
}

/** Streams a release's build into `dir`, reporting the share done; returns the file's path. */
export async function downloadRelease(
  feed: string,
  release: FeedRelease,
  dir: string,
  onProgress: (percent: number) => void = () => undefined,
): Promise<string> {
  const response = await fetch(feedUrlOf(feed, release.file))
  if (!response.ok || !response.body)
    throw new UpdateFeedError(`Сервер обновлений ответил ${response.status}`)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const target = join(dir, release.file)
  let received = 0
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
  body.on('data', (chunk: Buffer) => {
    received += chunk.length
    if (release.size) onProgress(Math.min(100, Math.round((received / release.size) * 100)))
  })
  await pipeline(body, createWriteStream(target, { mode: 0o600 }))
  return target
}

/** The build's detached signature (base64), or null when the feed has none for it. */
export async function readSignature(feed: string, release: FeedRelease): Promise<string | null> {
  const response = await fetch(feedUrlOf(feed, `${release.file}.sig`))
  if (response.status === 404) return null
  if (!response.ok) throw new UpdateFeedError(`Сервер обновлений ответил ${response.status}`)
  return (await response.text()).trim()
}
