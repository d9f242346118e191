import { EntitySchema } from 'typeorm'

export interface ReadingBatchRow {
  id: number
  /** The stamp on the forms: the date that decides their period (docs/business-rules.md#meter-readings). */
  receivedOn: string
  createdBy: number
  createdAt: string
  finishedBy: number | null
  finishedAt: string | null
}

export const ReadingBatchEntity = new EntitySchema<ReadingBatchRow>({
  name: 'ReadingBatch',
  tableName: 'reading_batches',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    receivedOn: { type: 'text', name: 'received_on' },
    createdBy: { type: 'integer', name: 'created_by' },
    createdAt: { type: 'text', name: 'created_at' },
    finishedBy: { type: 'integer', name: 'finished_by', nullable: true },
    finishedAt: { type: 'text', name: 'finished_at', nullable: true },
  },
  indices: [{ name: 'reading_batches_open', columns: ['createdBy', 'finishedAt'] }],
})

export interface ReadingBatchFormRow {
  batchId: number
  position: number
  accountNumber: string
  /** What the clerk typed, exactly: values as text, confirmations, reasons. */
  valuesJson: string
  state: 'draft' | 'saved' | 'unresolved'
  problemJson: string | null
  updatedAt: string
}

export const ReadingBatchFormEntity = new EntitySchema<ReadingBatchFormRow>({
  name: 'ReadingBatchForm',
  tableName: 'reading_batch_forms',
  columns: {
    batchId: { type: 'integer', primary: true, name: 'batch_id' },
    position: { type: 'integer', primary: true },
    accountNumber: { type: 'text', name: 'account_number' },
    valuesJson: { type: 'text', name: 'values_json' },
    state: { type: 'text' },
    problemJson: { type: 'text', name: 'problem_json', nullable: true },
    updatedAt: { type: 'text', name: 'updated_at' },
  },
})
