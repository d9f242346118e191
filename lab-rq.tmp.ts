import { openLocalDatabase } from './src-main/db/local/data-source'
import { requestReader } from './src-main/modules/requests/request-queue'
import { questionReader } from './src-main/modules/questions/question-reader'
import { requestsQuestionsReport } from './src-main/modules/reports/work-reports'
const local = await openLocalDatabase({ dataDir: '/tmp/lab/m' })
const db = local.sql
const t = (name: string, f: () => unknown) => { const s = performance.now(); const r = f(); console.log(name, ((performance.now() - s) / 1000).toFixed(3), JSON.stringify(r)?.slice(0, 80)) }
const now = new Date()
console.log(db.prepare('select count(*) from web_requests').pluck().get(), db.prepare('select count(*) from web_feedback').pluck().get(), db.prepare('select count(*) from web_feedback_steps').pluck().get())
for (let i = 0; i < 2; i++) {
t('open requests', () => requestReader(db).open('', now).length)
t('question counts', () => questionReader(db).counts('', now))
t('answered', () => db.prepare(`SELECT f.id FROM web_feedback f JOIN web_feedback_steps s ON s.feedback_id = f.id AND s.to_state IN ('answered', 'waiting') GROUP BY f.id HAVING min(s.at) >= ? AND min(s.at) < ?`).all('2026-10-01', '2026-11-01').length)
t('closed requests', () => db.prepare(`SELECT r.id FROM web_requests r WHERE r.state IN ('completed', 'rejected') AND EXISTS (SELECT 1 FROM web_request_steps s WHERE s.request_id = r.id AND s.to_state IN ('completed', 'rejected') AND s.at >= ? AND s.at < ?)`).pluck().all('2026-10-01', '2026-11-01').length)
t('whole', () => requestsQuestionsReport(db, { period: '2026-10', district: null, source: null }, now).data.sections.length)
}
await local.close()
