/**
 * The letters consoles queue in `outgoing_mail` (docs/portal-contract.md, "Outgoing mail"), in
 * Russian, plain text. The website's address is where the subscriber follows the activation link.
 */
export const PORTAL_ADDRESS = 'https://lk.vodokanal-sev.ru'

export interface Letter {
  template: 'registrationConfirmed' | 'registrationRejected' | 'passwordReset' | 'feedbackAnswer'
  subject: string
  body: string
}

const SIGNATURE = '\n\nС уважением,\nГУП «Водоканал» г. Севастополя'

export function registrationConfirmed(accountNumber: string, token: string): Letter {
  return {
    template: 'registrationConfirmed',
    subject: 'Регистрация в личном кабинете ГУП «Водоканал» подтверждена',
    body:
      `Здравствуйте!\n\nВаша регистрация в личном кабинете для лицевого счёта № ${accountNumber} проверена ` +
      `и подтверждена. Чтобы активировать кабинет, перейдите по ссылке:\n\n` +
      `${PORTAL_ADDRESS}/activate?token=${token}\n\n` +
      `Войти в кабинет можно по номеру лицевого счёта и паролю, который вы указали при регистрации.` +
      SIGNATURE,
  }
}

export function registrationRejected(accountNumber: string, reason: string): Letter {
  return {
    template: 'registrationRejected',
    subject: 'Регистрация в личном кабинете ГУП «Водоканал» отклонена',
    body:
      `Здравствуйте!\n\nРегистрация в личном кабинете для лицевого счёта № ${accountNumber} отклонена.\n\n` +
      `Причина: ${reason}\n\nВы можете зарегистрироваться заново, исправив данные, или обратиться в ` +
      `абонентский отдел.` +
      SIGNATURE,
  }
}
