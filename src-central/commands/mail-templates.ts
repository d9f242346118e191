import { DOCUMENT_NAMES, REQUEST_KIND_RULES, type RequestKind } from '@shared/domain/requests/kinds'
import { rubles, ruDate } from '@shared/domain/russian-text'

/**
 * The letters consoles queue in `outgoing_mail` (docs/portal-contract.md, "Outgoing mail"), in
 * Russian, plain text. The website's address is where the subscriber follows the activation link.
 */
export const PORTAL_ADDRESS = 'https://lk.vodokanal-sev.ru'

export interface Letter {
  template:
    | 'registrationConfirmed'
    | 'registrationRejected'
    | 'passwordReset'
    | 'questionAnswer'
    | 'requestDocumentsMissing'
    | 'requestRejected'
    | 'accountClosed'
    | 'accountReRegistered'
    | 'inspectorVisit'
    | 'requestCompleted'
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

export function requestDocumentsMissing(
  accountNumber: string,
  kind: RequestKind,
  missing: string[],
  note: string | null,
): Letter {
  const list = missing.map((document) => `— ${DOCUMENT_NAMES[document] ?? document}`).join('\n')
  return {
    template: 'requestDocumentsMissing',
    subject: 'Заявка ГУП «Водоканал»: нужны документы',
    body:
      `Здравствуйте!\n\nДля рассмотрения вашей заявки на ${REQUEST_KIND_RULES[kind].title} № ${accountNumber} ` +
      `не хватает документов:\n\n${list}\n\n` +
      (note ? `Комментарий специалиста: ${note}\n\n` : '') +
      `Приложите их к заявке в личном кабинете (${PORTAL_ADDRESS}) или принесите в абонентский отдел. ` +
      `Срок рассмотрения заявки продолжится, когда документы поступят.` +
      SIGNATURE,
  }
}

/** A kind's completion letter (src-central/commands/request-kinds/): its own subject and paragraphs, signed. */
export function requestCompleted(subject: string, paragraphs: string[]): Letter {
  return {
    template: 'requestCompleted',
    subject,
    body: `Здравствуйте!\n\n${paragraphs.join('\n\n')}${SIGNATURE}`,
  }
}

/** An inspector is sent: what they come for and when, as the clerk agreed it with the subscriber. */
export function inspectorVisit(accountNumber: string, kind: RequestKind, note: string): Letter {
  return {
    template: 'inspectorVisit',
    subject: 'Заявка ГУП «Водоканал»: визит контролёра',
    body:
      `Здравствуйте!\n\nПо вашей заявке на ${REQUEST_KIND_RULES[kind].title} № ${accountNumber} к вам ` +
      `направлен контролёр ГУП «Водоканал».\n\n${note}\n\nПожалуйста, обеспечьте доступ к приборам учёта. ` +
      `Если время вам не подходит, сообщите об этом в абонентский отдел.` +
      SIGNATURE,
  }
}

export function requestRejected(accountNumber: string, kind: RequestKind, reason: string): Letter {
  return {
    template: 'requestRejected',
    subject: 'Заявка ГУП «Водоканал» отклонена',
    body:
      `Здравствуйте!\n\nВаша заявка на ${REQUEST_KIND_RULES[kind].title} № ${accountNumber} отклонена.\n\n` +
      `Причина: ${reason}\n\nВы можете подать заявку заново или обратиться в абонентский отдел.` +
      SIGNATURE,
  }
}

/**
 * The closure letter. A private house's debt does not stop a closure, but the letter states what is
 * still due and that it is paid through EIRC (docs/central-service.md).
 */
export function accountClosed(accountNumber: string, closedOn: string, debtKopecks: number): Letter {
  return {
    template: 'accountClosed',
    subject: `Лицевой счёт № ${accountNumber} закрыт`,
    body:
      `Здравствуйте!\n\nПо вашей заявке лицевой счёт № ${accountNumber} закрыт с ${ruDate(closedOn)}. ` +
      `Приборы учёта сняты с учёта, доступ к личному кабинету по этому счёту прекращён.\n\n` +
      (debtKopecks > 0
        ? `По счёту остаётся задолженность ${rubles(debtKopecks)} Её можно оплатить через ГУП «ЕИРЦ» ` +
          `(в отделениях, онлайн или в банке) по номеру лицевого счёта ЕИРЦ.\n\n`
        : '') +
      `Решение о закрытии прилагается к заявке в личном кабинете и выдаётся в абонентском отделе.` +
      SIGNATURE,
  }
}

/** To the new owner: the account keeps its number; the cabinet is theirs to register anew. */
export function accountReRegistered(accountNumber: string, effectiveOn: string, ownerName: string): Letter {
  return {
    template: 'accountReRegistered',
    subject: `Лицевой счёт № ${accountNumber} переоформлен на вас`,
    body:
      `Здравствуйте, ${ownerName}!\n\nЛицевой счёт № ${accountNumber} переоформлен на вас с ${ruDate(effectiveOn)}; ` +
      `номер счёта остаётся прежним.\n\nЧтобы передавать показания и видеть начисления онлайн, ` +
      `зарегистрируйтесь в личном кабинете: ${PORTAL_ADDRESS}/register — укажите номер лицевого счёта, ` +
      `свою фамилию и адрес электронной почты. Прежний доступ к кабинету по этому счёту закрыт.` +
      SIGNATURE,
  }
}

/**
 * A staff answer to a subscriber's question. The answer already greets and signs (templates do);
 * the letter adds what it answers, so the subscriber can tell which question it is.
 */
export function questionAnswer(
  questionId: number,
  subject: string,
  answer: string,
  question: string,
): Letter {
  const quoted = question.length > 1000 ? `${question.slice(0, 1000)}…` : question
  return {
    template: 'questionAnswer',
    subject: `Ответ на обращение № ${questionId}: ${subject}`,
    body:
      `${answer}\n\n` +
      `— Ваше обращение № ${questionId} —\n${quoted}\n\n` +
      `Ответ также виден в личном кабинете: ${PORTAL_ADDRESS}. Чтобы дополнить обращение, ответьте там.`,
  }
}
