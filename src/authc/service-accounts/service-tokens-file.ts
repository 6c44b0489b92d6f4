/** The `service_tokens` file: `namespace/service/token_name:hash` lines, as elasticsearch-service-tokens writes it. */
export function parseServiceTokensFile(text: string): { value: Map<string, string> } | { error: string } {
  const tokens = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (line === '' || line.startsWith('#')) continue;
    const i = line.indexOf(':');
    if (i <= 0 || !/^[^/]+\/[^/]+\/[^/]+$/.test(line.slice(0, i))) return { error: `invalid entry in service_tokens file, line [${n + 1}]` };
    tokens.set(line.slice(0, i), line.slice(i + 1).trim());
  }
  return { value: tokens };
}

export function formatServiceTokensFile(tokens: ReadonlyMap<string, string>): string {
  return [...tokens].sort(([a], [b]) => a.localeCompare(b)).map(([k, h]) => `${k}:${h}\n`).join('');
}
