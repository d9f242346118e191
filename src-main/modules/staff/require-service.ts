import { AppError } from '../../errors'
import type { CentralAccess } from '../deps'

/**
 * Staff are central on an enrolled console (docs/central-service.md): a change to a staff account,
 * one's own password included, is made only while the service answers. A console working alone
 * manages its own staff.
 */
export function requireServiceIfEnrolled(central: CentralAccess): void {
  if (central.client() && !central.online()) throw new AppError('CENTRAL_SERVICE_NEEDED')
}
