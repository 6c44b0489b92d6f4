import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { readDoctorEnv } from './doctor/env.ts';
import { runDoctor } from './doctor/run.ts';
import { renderJson, renderText } from './doctor/report.ts';
import { Redactor } from './doctor/redact.ts';
import { Secret } from '../core/secret.ts';

export const DOCTOR_USAGE = `usage: portcullis doctor [--json] [--env-file FILE] [--timeout SECONDS]

Explains why requests to an Elasticsearch-compatible endpoint (Portcullis or Elasticsearch) get a 401.
Reads ELASTICSEARCH_URL, ELASTICSEARCH_API_KEY | ELASTICSEARCH_USERNAME + ELASTICSEARCH_PASSWORD |
ELASTICSEARCH_BEARER_TOKEN | ELASTICSEARCH_AUTH_HEADER, ELASTICSEARCH_CLIENT_CERT + ELASTICSEARCH_CLIENT_KEY,
ELASTICSEARCH_CA_CERT or ELASTICSEARCH_CA_FINGERPRINT, and optionally PORTCULLIS_DOCTOR_API_KEY (a privileged
key used only to look up users and keys) from the environment or ./.env (the environment wins).
It never asks for a secret and never prints one. Exit code 0 only when authentication works.
`;

/** `portcullis doctor`: exit 0 when the configured credentials authenticate, 1 when not, 64 on usage errors. */
export async function doctor(argv: string[], env: NodeJS.ProcessEnv, io: { out: NodeJS.WritableStream } = { out: process.stdout }): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { json: { type: 'boolean' }, 'env-file': { type: 'string' }, timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    io.out.write(DOCTOR_USAGE);
    return 0;
  }
  const timeoutS = values.timeout === undefined ? 5 : Number(values.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0) {
    io.out.write(`portcullis doctor: --timeout must be a positive number of seconds\n${DOCTOR_USAGE}`);
    return 64;
  }
  const doctorEnv = readDoctorEnv(env, resolve(values['env-file'] ?? '.env'));
  const report = await runDoctor({ env: doctorEnv, timeoutMs: timeoutS * 1000 });
  const redactor = new Redactor(
    [doctorEnv.apiKey?.value, doctorEnv.password?.value, doctorEnv.bearer?.value, doctorEnv.authHeader?.value, doctorEnv.helperApiKey?.value, urlPassword(doctorEnv.url?.value)],
    doctorEnv.username && doctorEnv.password ? [[doctorEnv.username.value, doctorEnv.password.value]] : [],
  );
  io.out.write(redactor.redact(values.json ? renderJson(report) : renderText(report)));
  return report.authenticated ? 0 : 1;
}

function urlPassword(url: string | undefined): Secret | undefined {
  try {
    const p = url ? new URL(url).password : '';
    return p ? new Secret(decodeURIComponent(p)) : undefined;
  } catch {
    return undefined;
  }
}
