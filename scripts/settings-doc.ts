// Prints docs/configuration.md's settings table from the settings schema (the one source of truth).
import { SETTINGS, SETTING_PATTERNS, COMMON_REALM_SETTINGS, CACHING_REALM_SETTINGS } from '../src/config/schema.ts';

const row = (key: string, def: { type: string; default?: unknown; ignored?: boolean }) =>
  `| \`${key}\` | ${def.type} | ${def.default === undefined ? '' : `\`${Array.isArray(def.default) ? JSON.stringify(def.default) : String(def.default)}\``} | ${def.ignored ? 'accepted, no effect in the gateway' : ''} |`;

const lines = ['| Setting | Type | Default | Note |', '|---|---|---|---|'];
for (const [k, d] of Object.entries(SETTINGS)) lines.push(row(k, d));
for (const [k, d] of Object.entries(SETTING_PATTERNS)) lines.push(row(k, d));
lines.push('', 'Every realm (`xpack.security.authc.realms.<type>.<name>.<setting>`):', '', '| Setting | Type | Default | Note |', '|---|---|---|---|');
for (const [k, d] of Object.entries({ ...COMMON_REALM_SETTINGS, ...CACHING_REALM_SETTINGS })) lines.push(row(k, d));
process.stdout.write(lines.join('\n') + '\n');
