import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { Secret } from '../core/secret.ts';
import { createLogger } from '../core/logger.ts';
import { startApp, type RunningApp } from '../app.ts';
import { COMMON_OPTIONS, settingsFromFlags } from './args.ts';
import { redactedUrl } from '../proxy/upstream-probe.ts';

/** `portcullis start`: runs the gateway until SIGTERM/SIGINT. */
export async function start(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parseArgs({ args: argv, options: COMMON_OPTIONS, strict: true });
  const settings = settingsFromFlags(values, env);
  const log = createLogger(settings.get<string>('portcullis.log.level'));
  const app = await startApp({
    settings,
    log,
    elasticPassword: env.ELASTIC_PASSWORD ? new Secret(env.ELASTIC_PASSWORD) : undefined,
  });
  printBanner(app);
  const upstream = settings.get<string[]>('portcullis.upstream.url').map(redactedUrl);
  log.info({ url: app.url, upstream, config: existsSync(settings.source) ? settings.source : 'no config file, defaults' }, 'listening');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  log.info('stopping');
  await app.close();
  return 0;
}

/** Printed once, on the first start, to stderr (the JSON log on stdout never holds the password). */
function printBanner(app: RunningApp): void {
  if (!app.bootstrap.created && !app.tls?.created) return;
  const line = '━'.repeat(78);
  const out: string[] = ['', line, 'Portcullis security has been configured automatically.', ''];
  if (app.bootstrap.created) {
    if (app.bootstrap.generated) {
      out.push('Password for the elastic user (reset with `portcullis reset-password -u elastic`):', `  ${app.bootstrap.password.reveal()}`, '');
    } else out.push('The elastic user\'s password was set from ELASTIC_PASSWORD.', '');
  }
  if (app.tls) {
    out.push('HTTP CA certificate SHA-256 fingerprint:', `  ${app.tls.caFingerprint}`, '', `CA certificate: ${app.tls.caCertPath}`, '');
  }
  out.push(...enrollmentLines(app), `Try: curl ${app.tls ? '--cacert <CA certificate> ' : ''}-u elastic ${app.url}/_security/_authenticate`, line, '');
  process.stderr.write(out.join('\n'));
}

/** ES 8's Kibana section of the banner; without the gateway's own HTTP TLS there is no token (ES makes none either). */
function enrollmentLines(app: RunningApp): string[] {
  const token = app.enrollment.kibanaToken;
  if (token) {
    return [
      'Configure Kibana to use this cluster:',
      '• Run Kibana and click the configuration link in the terminal when Kibana starts.',
      '• Copy the following enrollment token and paste it into Kibana in your browser (valid for the next 30 minutes):',
      `  ${token.reveal()}`,
      '',
    ];
  }
  if (!app.tls) return ['No enrollment token: enrollment needs the HTTP CA the gateway generates, and HTTP TLS is off or configured by hand (Elasticsearch makes none then either).', ''];
  return ['Unable to generate an enrollment token for Kibana instances, try invoking `portcullis create-enrollment-token -s kibana`.', ''];
}
