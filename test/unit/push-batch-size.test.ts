import { describe, expect, it } from 'vitest'
import { BATCH_PAYLOAD_CHARS, withinBytes } from '../../src-main/sync/push'

describe('a push batch', () => {
  const command = (chars: number) => ({ payloadJson: 'x'.repeat(chars) })

  it('stops before its payloads outgrow what the service takes in one body, never below one command', () => {
    const scans = [command(10 * 1024 * 1024), command(10 * 1024 * 1024), command(100)]
    expect(withinBytes(scans)).toHaveLength(1)
    expect(withinBytes([command(BATCH_PAYLOAD_CHARS * 2)])).toHaveLength(1)
    expect(withinBytes(Array.from({ length: 500 }, () => command(200)))).toHaveLength(500)
  })
})
