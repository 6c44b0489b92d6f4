/** Every command's usage text: printed to stdout for `--help`/`-h` (exit 0), to stderr after a usage error (exit 64). */

const COMMON = `  --config FILE          portcullis.yml to read (default: $PORTCULLIS_CONFIG, else ./portcullis.yml if present)
  --data DIR             data directory: security store, generated certificates (default: ./data)`;

export const USAGE: Readonly<Record<string, string>> = {
  start: `usage: portcullis start [options]

Runs the gateway in front of the upstream cluster until SIGTERM or SIGINT. The first start creates the
store, prints the generated elastic password and, with HTTP TLS on, a Kibana enrollment token.

options:
${COMMON}
  --listen HOST:PORT     address to listen on (default: 127.0.0.1:9243)
  --upstream URL         the cluster to forward to (default: http://127.0.0.1:9200)
  --no-tls               plain HTTP (default: HTTPS with a generated CA in DATA/certs)
  -h, --help             this text

environment: ELASTIC_PASSWORD (first start: the elastic user's password instead of a generated one),
PORTCULLIS_CONFIG.
`,
  'reset-password': `usage: portcullis reset-password -u USER [--auto | -i] [-b] [options]

Resets a native or built-in user's password in the store, like elasticsearch-reset-password; a running
gateway sees the change within a second.

options:
  -u, --username USER    the user whose password is reset (required)
  -a, --auto             generate a new password and print it (the default)
  -i, --interactive      read the new password from the terminal
  -b, --batch            do not ask for confirmation
${COMMON}
  -h, --help             this text
`,
  users: `usage: portcullis users <command> [USERNAME] [options]

Manages the file realm's users (config dir: users, users_roles), like elasticsearch-users.

commands:
  useradd USERNAME [-p PASSWORD] [-r ROLES]   add a user (asks for the password when -p is not given)
  userdel USERNAME                            remove a user
  passwd USERNAME [-p PASSWORD]               change a user's password
  roles USERNAME [-a ROLES] [-r ROLES]        add and remove roles (comma-separated)
  list [USERNAME]                             list users and their roles

options:
  -p, --password PASSWORD
  -r, --roles ROLES      useradd: the roles; roles: the roles to remove
  -a, --add ROLES        roles: the roles to add
  --config FILE          portcullis.yml whose directory holds the files
  -h, --help             this text
`,
  'service-tokens': `usage: portcullis service-tokens <command> [PRINCIPAL] [TOKEN_NAME] [options]

Manages service account tokens in the config dir's service_tokens file, like elasticsearch-service-tokens.

commands:
  create PRINCIPAL TOKEN_NAME   create a token (prints it once), e.g. create elastic/fleet-server token1
  delete PRINCIPAL TOKEN_NAME   delete a token
  list [PRINCIPAL]              list tokens

options:
  --config FILE          portcullis.yml whose directory holds the file
  -h, --help             this text
`,
  'create-enrollment-token': `usage: portcullis create-enrollment-token -s kibana|node [--url URL] [options]

Creates an enrollment token, like elasticsearch-create-enrollment-token: it carries the gateway's address,
its HTTP CA fingerprint and an API key, valid for 30 minutes, that may only call the enroll API of the
scope. Needs the gateway's own HTTP TLS (the CA it generated in DATA/certs) and enrollment on.

options:
  -s, --scope SCOPE      kibana or node (required)
  --url URL              the gateway's address as clients reach it (default: from portcullis.listen)
  -f, --force            accepted, as by Elasticsearch's tool (the gateway needs no health check)
${COMMON}
  -h, --help             this text
`,
};

/** True when the arguments ask for help (`-h` or `--help` before any `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}
