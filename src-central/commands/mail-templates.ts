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

export function passwordReset(accountNumber: string, token: string, lifetimeHours: number): Letter {
  return {
    template: 'passwordReset',
    subject: 'Смена пароля в личном кабинете ГУП «Водоканал»',
    body:
      `Здравствуйте!\n\nДля лицевого счёта № ${accountNumber} запрошена смена пароля личного кабинета. ` +
      `Чтобы задать новый пароль, перейдите по ссылке:\n\n` +
      `${PORTAL_ADDRESS}/reset-password?token=${token}\n\n` +
      `Ссылка действует ${lifetimeHours} часа и только один раз. Если вы не просили сменить пароль, ` +
      `просто не отвечайте на это письмо: пароль останется прежним.` +
      SIGNATURE,
  }
}
