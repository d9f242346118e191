import { openLocalDatabase } from './src-main/db/local/data-source'
import { requestDue } from './shared/domain/requests/request-due'
import { moscowDate } from './shared/domain/moscow-time'
const local = await openLocalDatabase({ dataDir: '/tmp/lab/m' })
const db = local.sql
const t = (name: string, f: () => unknown) => { const s = performance.now(); const r = f(); console.log(name, ((performance.now() - s) / 1000).toFixed(3), JSON.stringify(r)?.slice(0, 80)) }
const rows = db.prepare(`SELECT id, state, submitted_at FROM web_requests WHERE state NOT IN ('rejected', 'completed')`).all() as any[]
console.log(db.prepare('select count(*) from audit_log').pluck().get(), db.prepare(`select state, count(*) from web_requests group by 1`).all())
const steps = db.prepare(`SELECT to_state AS state, at, staff_login AS login, reason FROM web_request_steps WHERE request_id = ? ORDER BY id`)
const local2 = db.prepare(`SELECT at FROM audit_log WHERE entity = 'webRequest' AND entity_id = ? AND command IN ('requests.step', 'requests.complete') AND at > ? ORDER BY id`)
t('steps', () => rows.map((r) => steps.all(r.id)).length)
t('local', () => rows.map((r) => local2.all(String(r.id), '')).length)
const now = new Date(); const today = moscowDate(now)
t('due', () => rows.map((r) => requestDue([{ state: 'new', on: moscowDate(new Date(r.submitted_at)) }], 10, today)).length)
t('explain', () => db.prepare(`explain query plan SELECT at FROM audit_log WHERE entity = 'webRequest' AND entity_id = ? AND command IN ('requests.step', 'requests.complete') AND at > ? ORDER BY id`).all('1', '').map((r: any) => r.detail))
await local.close()
