/** The one password test staff share; test hashing uses cheap scrypt parameters (composition root). */
export const TEST_PASSWORD = 'верный-пароль-1'
