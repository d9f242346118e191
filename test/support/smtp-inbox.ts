import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export interface SmtpInbox {
  url: string
  messages: ParsedMail[]
  /** The next `n` letters are refused with a temporary error, as a busy mail server would. */
  refuseNext(n: number): void
  close(): Promise<void>
}

/** A real SMTP server on loopback that keeps what it receives, parsed, for tests to read back. */
export async function startSmtpInbox(): Promise<SmtpInbox> {
  const messages: ParsedMail[] = []
  let refusals = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (refusals > 0) {
        refusals -= 1
        stream.resume()
        stream.on('end', () =>
          callback(Object.assign(new Error('Почтовый сервер занят, повторите позже'), { responseCode: 451 })),
        )
        return
      }
      simpleParser(stream)
        .then((parsed) => {
          messages.push(parsed)
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as { port: number }
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuseNext: (n) => (refusals = n),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
