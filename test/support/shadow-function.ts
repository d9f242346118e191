import type { CentralDatabase } from './central-database'
import { connectAsWebsite } from './central-service'

/**
 * The attack docs/central-service.md#postgresql-least-privilege is written against, where everyone may
 * create in `public` (PostgreSQL 14's default, kept by a database upgraded from 14): the website's
 * login defines `public.convert_to(text, text)`, a better match than the built-in for
 * `convert_to(token, 'UTF8')`, then calls `portal_set_password`, which runs with the owner's rights.
 * Answers who ran the shadow when the website called it itself, and who ran it during that call.
 */
export async function tryShadowFunction(
  central: CentralDatabase,
): Promise<{ ranForItsAuthor: string[]; ranInsideTheOwnersFunction: string[]; answer: string }> {
  await central.pool.query(`GRANT CREATE ON SCHEMA public TO PUBLIC`)
  const website = await connectAsWebsite(central)
  try {
    await website.client.query(`CREATE TABLE public.loot (who text)`)
    await website.client.query(`GRANT ALL ON public.loot TO PUBLIC`)
    await website.client.query(`CREATE FUNCTION public.convert_to(t text, enc text) RETURNS bytea
      LANGUAGE plpgsql AS $$ BEGIN
        INSERT INTO public.loot VALUES (current_user);
        RETURN pg_catalog.convert_to(t, enc::name);
      END $$`)
    // The shadow is real: called unqualified by the website itself, it is the one chosen.
    await website.client.query(`SELECT convert_to('x', 'UTF8')`)
    const own = await central.pool.query<{ who: string }>(`SELECT who FROM public.loot`)
    await central.pool.query(`DELETE FROM public.loot`)
    // A reset on record, so the function compares a token hash (and so calls `convert_to`).
    await central.pool.query(
      `INSERT INTO portal_password_resets (account_number, surname, state, token_hash, expires_at)
      VALUES ('40000001', 'Иванова', 'sent', encode(sha256(pg_catalog.convert_to('issued', 'UTF8')), 'hex'),
        now() + interval '1 hour')`,
    )
    const { rows } = await website.client.query<{ answer: string }>(
      `SELECT portal_set_password('a-token-nobody-issued', repeat('h', 40)) AS answer`,
    )
    const during = await central.pool.query<{ who: string }>(`SELECT who FROM public.loot`)
    return {
      ranForItsAuthor: own.rows.map((r) => r.who),
      ranInsideTheOwnersFunction: during.rows.map((r) => r.who),
      answer: rows[0]!.answer,
    }
  } finally {
    await website.end()
    await central.pool.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`)
  }
}
