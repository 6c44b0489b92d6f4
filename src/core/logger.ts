import pino, { type Logger } from 'pino';

/** JSON logs (pino) on stdout. Secrets never reach here: they are `Secret`s, and credential headers are never logged. */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stdout): Logger {
  return pino(
    {
      name: 'portcullis',
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['*.authorization', '*.password', '*.headers.authorization', '*.headers["es-secondary-authorization"]'], censor: '::es_redacted::' },
    },
    destination as pino.DestinationStream,
  );
}
export type { Logger };
