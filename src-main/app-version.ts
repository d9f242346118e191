import packageJson from '../package.json' with { type: 'json' }

/** The console's version as built (package.json): what "about" shows and updates compare with. */
export const APP_VERSION: string = packageJson.version
