import type { ReportParams } from '@shared/contract'
import { ruPeriod } from '@shared/domain/russian-text'
import { AppError } from '../../errors'
import type { Session } from '../auth/sessions'
import type { ModuleDeps } from '../deps'
import { rowsOf, type ReportBuild } from './report-build'
import { monthBounds } from './work-reports'

/**
 * Staff productivity (supervisors only): read by the central service from the central audit trail,
 * where every console's work meets; a console's own copy knows only its own. Offline it says so.
 */
export async function staffReport(
  deps: ModuleDeps,
  session: Session,
  params: ReportParams,
): Promise<ReportBuild> {
  if (session.staff.role !== 'supervisor') throw new AppError('FORBIDDEN')
  const client = deps.central.client()
  if (!client || !session.centralToken) throw new AppError('CENTRAL_SIGN_IN_NEEDED')
  const { from, to } = monthBounds(params.period)
  let people
  try {
    people = (await client.staffWork(session.centralToken, from, to)).people
  } catch {
    throw new AppError('CENTRAL_UNREACHABLE')
  }
  return {
    data: {
      title: `Работа сотрудников за ${ruPeriod(params.period)}`,
      filters: [['Период', ruPeriod(params.period)]],
      baseName: `Работа сотрудников ${params.period}`,
      sections: [
        {
          title: 'Сотрудники',
          count: people.length,
          columns: [
            { key: 'fullName', header: 'Сотрудник', type: 'text', width: 30 },
            { key: 'forms', header: 'Бланков введено', type: 'integer', width: 14 },
            { key: 'hours', header: 'Часов ввода', type: 'decimal1', width: 12 },
            { key: 'formsPerHour', header: 'Бланков в час', type: 'decimal1', width: 12 },
            { key: 'decisions', header: 'Решений', type: 'integer', width: 10 },
          ],
          rows: rowsOf(people),
        },
      ],
    },
    chart: people.length
      ? {
          kind: 'bar',
          unit: 'count',
          title: 'Бланков в час',
          labels: people.map((p) => p.fullName),
          series: [{ label: 'бланков в час', data: people.map((p) => p.formsPerHour) }],
        }
      : null,
  }
}
