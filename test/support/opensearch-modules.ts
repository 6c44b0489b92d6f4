// The OpenSearch modules of the test upstream.
//
// The integ-test zip ships only transport-netty4; the attacks the gateway must stop need the modules a real
// distribution has (painless scripts, _reindex, search templates, percolate queries, parent-join, ...). Each
// module is on Maven Central as a jar with a pom (some only as `<name>-client`); one Maven reactor build
// resolves all of them with their runtime dependencies, and each becomes `modules/<name>/` of the home:
// its jars (less those the server already has in lib/), a plugin-descriptor.properties and, where the
// module needs permissions, a plugin-security.policy. The class names and extended plugins are those of
// OpenSearch 2.19 (checked against the jar when installing: a wrong name fails here, not at node start).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type ModuleSpec = {
  name: string; // the folder and plugin name (what extended.plugins refers to)
  artifact: string; // org.opensearch.plugin:<artifact>:<version>
  classname: string;
  description: string;
  extends?: readonly string[];
  policy?: string; // plugin-security.policy, when the module needs permissions
};

export const MODULES: readonly ModuleSpec[] = [
  {
    name: 'lang-painless', artifact: 'lang-painless', classname: 'org.opensearch.painless.PainlessPlugin',
    description: 'Painless scripting language',
    policy: 'grant {\n  permission java.lang.RuntimePermission "createClassLoader";\n  permission java.lang.RuntimePermission "getClassLoader";\n};\n',
  },
  {
    name: 'lang-mustache', artifact: 'lang-mustache-client', classname: 'org.opensearch.script.mustache.MustachePlugin',
    description: 'Mustache scripting (search templates)',
    policy: 'grant {\n  permission java.lang.RuntimePermission "accessDeclaredMembers";\n};\n',
  },
  {
    name: 'reindex', artifact: 'reindex-client', classname: 'org.opensearch.index.reindex.ReindexPlugin',
    description: '_reindex, _update_by_query, _delete_by_query',
    policy: [
      'grant {\n  permission java.net.SocketPermission "*", "connect";\n};',
      'grant codeBase "${codebase.opensearch-rest-client}" {\n  permission java.net.NetPermission "getProxySelector";\n};',
      'grant codeBase "${codebase.httpasyncclient}" {\n  permission java.net.NetPermission "getProxySelector";\n};',
      '',
    ].join('\n'),
  },
  { name: 'percolator', artifact: 'percolator-client', classname: 'org.opensearch.percolator.PercolatorPlugin', description: 'percolate queries' },
  { name: 'parent-join', artifact: 'parent-join-client', classname: 'org.opensearch.join.ParentJoinPlugin', description: 'join field, has_child / has_parent' },
  { name: 'mapper-extras', artifact: 'mapper-extras-client', classname: 'org.opensearch.index.mapper.MapperExtrasPlugin', description: 'rank_feature, scaled_float, ...' },
  {
    name: 'analysis-common', artifact: 'analysis-common', classname: 'org.opensearch.analysis.common.CommonAnalysisPlugin',
    description: 'built-in analyzers', extends: ['lang-painless'],
  },
  {
    name: 'ingest-common', artifact: 'ingest-common', classname: 'org.opensearch.ingest.common.IngestCommonPlugin',
    description: 'ingest processors (script, set, ...)', extends: ['lang-painless'],
  },
  {
    name: 'aggs-matrix-stats', artifact: 'aggs-matrix-stats-client', classname: 'org.opensearch.search.aggregations.matrix.MatrixAggregationPlugin',
    description: 'matrix_stats aggregation',
  },
  { name: 'rank-eval', artifact: 'rank-eval-client', classname: 'org.opensearch.index.rankeval.RankEvalPlugin', description: '_rank_eval' },
];

const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

/** Adds every module of MODULES to an unpacked (not yet published) home. */
export function installModules(home: string, version: string, workDir: string): void {
  const resolved = resolveJars(version, workDir);
  const serverJars = new Set(fs.readdirSync(path.join(home, 'lib')));
  for (const spec of MODULES) {
    const dir = path.join(home, 'modules', spec.name);
    fs.mkdirSync(dir, { recursive: true });
    const inherited = new Set((spec.extends ?? []).flatMap((name) => fs.readdirSync(path.join(resolved, name))));
    for (const jar of fs.readdirSync(path.join(resolved, spec.name))) {
      if (!jar.endsWith('.jar') || serverJars.has(jar) || inherited.has(jar)) continue;
      fs.copyFileSync(path.join(resolved, spec.name, jar), path.join(dir, jar));
    }
    assertHasClass(path.join(dir, `${spec.artifact}-${version}.jar`), spec.classname);
    fs.writeFileSync(path.join(dir, 'plugin-descriptor.properties'), descriptor(spec, version));
    if (spec.policy) fs.writeFileSync(path.join(dir, 'plugin-security.policy'), spec.policy);
  }
}

/** One reactor build: a sub-project per module whose only dependency is that module; returns the dir of dirs. */
function resolveJars(version: string, workDir: string): string {
  const root = path.join(workDir, 'maven');
  for (const spec of MODULES) {
    fs.mkdirSync(path.join(root, spec.name), { recursive: true });
    fs.writeFileSync(path.join(root, spec.name, 'pom.xml'), pom(spec.name, '',
      `<dependencies><dependency><groupId>org.opensearch.plugin</groupId><artifactId>${spec.artifact}</artifactId>` +
      `<version>${version}</version></dependency></dependencies>`));
  }
  fs.writeFileSync(path.join(root, 'pom.xml'), pom('modules', '<packaging>pom</packaging>',
    `<modules>${MODULES.map((m) => `<module>${m.name}</module>`).join('')}</modules>`));
  const out = path.join(workDir, 'jars');
  const result = spawnSync('mvn', ['-B', '-q', '-Dstyle.color=never', '-f', path.join(root, 'pom.xml'),
    `${DEPENDENCY_PLUGIN}:copy-dependencies`, '-DincludeScope=runtime',
    `-DoutputDirectory=${out}/\${project.artifactId}`], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (result.error) throw new Error(`mvn failed to run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`resolving the OpenSearch modules failed (mvn exited ${result.status}):\n${result.stdout}${result.stderr}`);
  return out;
}

function pom(artifactId: string, extra: string, content: string): string {
  return '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>' +
    `<groupId>portcullis.test</groupId><artifactId>${artifactId}</artifactId><version>1</version>${extra}${content}</project>\n`;
}

function descriptor(spec: ModuleSpec, version: string): string {
  return [
    `description=${spec.description}`,
    `version=${version}`,
    `name=${spec.name}`,
    `classname=${spec.classname}`,
    'java.version=11',
    `opensearch.version=${version}`,
    'custom.foldername=',
    `extended.plugins=${(spec.extends ?? []).join(',')}`,
    'has.native.controller=false',
    '',
  ].join('\n');
}

function assertHasClass(jar: string, classname: string): void {
  const entry = `${classname.replaceAll('.', '/')}.class`;
  const listing = spawnSync('unzip', ['-Z1', jar, entry], { encoding: 'utf8' });
  if (listing.status !== 0 || !listing.stdout.includes(entry)) throw new Error(`${path.basename(jar)} has no class ${classname}`);
}
