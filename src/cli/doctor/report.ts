/** One finding. The field names are stable: `--json` consumers rely on them. */
export interface Check {
  readonly id: CheckId;
  readonly status: 'ok' | 'warn' | 'fail';
  readonly message: string;
  /** What to do about it; null when nothing needs doing. */
  readonly fix: string | null;
}

export type CheckId =
  | 'config'
  | 'credential_shape'
  | 'dns'
  | 'tcp'
  | 'tls'
  | 'scheme'
  | 'anonymous'
  | 'authenticate'
  | 'api_key'
  | 'user'
  | 'clock';

export const ok = (id: CheckId, message: string): Check => ({ id, status: 'ok', message, fix: null });
export const warn = (id: CheckId, message: string, fix: string | null = null): Check => ({ id, status: 'warn', message, fix });
export const fail = (id: CheckId, message: string, fix: string | null): Check => ({ id, status: 'fail', message, fix });

export interface Report {
  /** The URL checked, without any credentials it held. */
  readonly url: string | null;
  /** True only when the configured credentials authenticate: the exit code is 0 exactly then. */
  readonly authenticated: boolean;
  readonly checks: readonly Check[];
}

const LABEL = { ok: '[ ok ]', warn: '[warn]', fail: '[FAIL]' } as const;

export function renderText(r: Report): string {
  const lines = [`portcullis doctor: ${r.url ?? '(no URL)'}`, ''];
  for (const c of r.checks) {
    lines.push(`${LABEL[c.status]} ${c.id.padEnd(16)} ${indent(c.message, 24)}`);
    if (c.fix) lines.push(`${' '.repeat(7)}${'fix:'.padEnd(17)}${indent(c.fix, 24)}`);
  }
  lines.push('', r.authenticated ? 'Authentication works.' : 'Authentication does not work with these settings (see the FAIL lines above).', '');
  return lines.join('\n');
}

export function renderJson(r: Report): string {
  return `${JSON.stringify({ url: r.url, authenticated: r.authenticated, checks: r.checks }, null, 2)}\n`;
}

function indent(text: string, width: number): string {
  return text.split('\n').join(`\n${' '.repeat(width)}`);
}
