import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestAuthority {
  /** The CA's certificate, as a console is given it. */
  caPem: string
  /** A certificate for 127.0.0.1 and localhost, signed by this CA, and its key. */
  cert: string
  key: string
}

let cached: { right: TestAuthority; wrong: TestAuthority } | null = null

/**
 * Two certificate authorities made with Debian's openssl, once per test process: `right` signs the
 * test service's certificate; `wrong` is another utility's CA, which a console must refuse to trust.
 */
export function testAuthorities(): { right: TestAuthority; wrong: TestAuthority } {
  cached ??= { right: makeAuthority('Водоканал тестовый УЦ'), wrong: makeAuthority('Чужой УЦ') }
  return cached
}

function makeAuthority(name: string): TestAuthority {
  const dir = mkdtempSync(join(tmpdir(), 'vodokanal-tls-'))
  const file = (f: string) => join(dir, f)
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' })
  const ecKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']
  openssl(
    'req',
    '-x509',
    ...ecKey,
    '-days',
    '30',
    '-subj',
    `/CN=${name}`,
    '-utf8',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  )
  openssl(
    'req',
    ...ecKey,
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    file('server.key'),
    '-out',
    file('server.csr'),
  )
  writeFileSync(
    file('server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n',
  )
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '30',
    '-extfile',
    file('server.ext'),
    '-out',
    file('server.pem'),
  )
  return {
    caPem: readFileSync(file('ca.pem'), 'utf8'),
    cert: readFileSync(file('server.pem'), 'utf8'),
    key: readFileSync(file('server.key'), 'utf8'),
  }
}
