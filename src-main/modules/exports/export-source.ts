import type { ExportSection } from '@shared/domain/exports/cells'

/**
 * What an export is made of, whatever the format: a title, the filters it was made with (printed in
 * the PDF's header), and sections, each with its columns and its rows. Rows are read lazily (a
 * SQLite iterator), so 300,000 of them never sit in memory at once; `count` gives the progress bar
 * its length.
 */
export interface ExportData {
  title: string
  filters: [label: string, value: string][]
  /** The file's name without its extension, in Russian, safe on Windows. */
  baseName: string
  sections: (ExportSection & { count: number; rows: () => Iterable<Record<string, unknown>> })[]
}

/** Progress as rows written of all rows; `false` stops the export. */
export type Progress = (written: number) => boolean
