/**
 * The documents a request may carry (docs/business-rules.md#closure-and-re-registration-requests): PDF, JPEG
 * or PNG, up to 20 MiB each. The type is read from the file's first bytes, not from its name: a renamed file
 * is refused as what it is.
 */
export const MAX_SCAN_BYTES = 20 * 1024 * 1024
/** What one request registered at the counter may carry in all (one push must carry it). */
export const MAX_SCANS_PER_REQUEST = 6
export const MAX_SCANS_TOTAL_BYTES = 48 * 1024 * 1024

export const SCAN_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const
export type ScanMediaType = (typeof SCAN_MEDIA_TYPES)[number]

export function sniffScanType(head: Uint8Array): ScanMediaType | null {
  const starts = (...bytes: number[]) => bytes.every((byte, i) => head[i] === byte)
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf' // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg'
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png'
  return null
}

export type ScanProblem = 'scanEmpty' | 'scanTooLarge' | 'scanWrongType' | 'scansTooMany' | 'scansTooLarge'

/** The error code each problem is told by (shared/contract/errors.ts), on the console and on screen. */
export const SCAN_ERROR_CODES = {
  scanEmpty: 'SCAN_EMPTY',
  scanTooLarge: 'SCAN_TOO_LARGE',
  scanWrongType: 'SCAN_WRONG_TYPE',
  scansTooMany: 'SCANS_TOO_MANY',
  scansTooLarge: 'SCANS_TOO_LARGE',
} as const satisfies Record<ScanProblem, string>

/** The first problem with a set of files, naming the file it concerns; null when all may go. */
export function scanProblem(
  files: { fileName: string; sizeBytes: number; head: Uint8Array }[],
): { problem: ScanProblem; fileName: string | null } | null {
  if (files.length > MAX_SCANS_PER_REQUEST) return { problem: 'scansTooMany', fileName: null }
  for (const file of files) {
    if (file.sizeBytes === 0) return { problem: 'scanEmpty', fileName: file.fileName }
    if (file.sizeBytes > MAX_SCAN_BYTES) return { problem: 'scanTooLarge', fileName: file.fileName }
    if (!sniffScanType(file.head)) return { problem: 'scanWrongType', fileName: file.fileName }
  }
  const total = files.reduce((sum, file) => sum + file.sizeBytes, 0)
  if (total > MAX_SCANS_TOTAL_BYTES) return { problem: 'scansTooLarge', fileName: null }
  return null
}
