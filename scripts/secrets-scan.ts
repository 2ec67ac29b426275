/**
 * Scans built client bundles (dist/weapp, dist/h5) for key material: PEM blocks, "PRIVATE KEY", 32/64-byte
 * base64 or hex blobs assigned to key-like names, and the literal values of secrets configured for local runs
 * and tests. The mini-program and the H5 app are public: no secret may ever be compiled into them.
 *
 *   tsx scripts/secrets-scan.ts [dir …]   # exit 1 on findings
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Finding {
  file: string;
  line: number;
  rule: string;
  excerpt: string;
}

const TEXT_EXT = /\.(js|mjs|cjs|json|wxml|wxss|wxs|html|css|map|txt|md)$/i;

const KEYLIKE = String.raw`[A-Za-z0-9_$]*(?:key|secret|private|signing|seed|hmac|salt|token|password|passwd)[A-Za-z0-9_$]*`;
const BLOB = String.raw`(?:[A-Za-z0-9+/]{43}=?|[A-Za-z0-9+/]{86}(?:==)?|[A-Za-z0-9_-]{43}|[A-Za-z0-9_-]{86}|[0-9a-fA-F]{64}|[0-9a-fA-F]{128})`;

export const RULES: { rule: string; re: RegExp }[] = [
  { rule: 'PEM block', re: /-----BEGIN [A-Z0-9 ]+-----/ },
  { rule: 'private key marker', re: /PRIVATE KEY/ },
  { rule: 'key-like name assigned a 32/64-byte blob', re: new RegExp(String.raw`["']?${KEYLIKE}["']?\s*[:=]\s*["'\`]${BLOB}["'\`]`, 'i') },
];

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(p);
    else if (entry.isFile() && TEXT_EXT.test(entry.name)) yield p;
  }
}

export function scanText(file: string, text: string, knownValues: string[] = []): Finding[] {
  const out: Finding[] = [];
  const lines = text.split('\n');
  const values = knownValues.filter((v) => v.length >= 12);
  lines.forEach((line, i) => {
    for (const { rule, re } of RULES) {
      const m = re.exec(line);
      if (m) out.push({ file, line: i + 1, rule, excerpt: line.slice(Math.max(0, m.index - 20), m.index + 60) });
    }
    for (const v of values) {
      const at = line.indexOf(v);
      if (at >= 0) out.push({ file, line: i + 1, rule: 'value of a configured secret', excerpt: `${line.slice(Math.max(0, at - 20), at)}<secret>` });
    }
  });
  return out;
}

export function scanDirs(dirs: string[], knownValues: string[] = []): Finding[] {
  const out: Finding[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const file of files(dir)) out.push(...scanText(file, fs.readFileSync(file, 'utf8'), knownValues));
  }
  return out;
}

/** Secret values configured for this machine: ID_HASH_KEY / SECRET_* in the environment and DATA_DIR/secrets.json. */
export function configuredSecretValues(env: NodeJS.ProcessEnv = process.env, dataDir = env.DATA_DIR ?? '.data'): string[] {
  const values: string[] = [];
  for (const [k, v] of Object.entries(env)) if ((k === 'ID_HASH_KEY' || k.startsWith('SECRET_')) && v) values.push(v);
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) {
    try {
      const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      for (const v of Object.values(stored)) if (typeof v === 'string') values.push(v);
    } catch {
      // Not JSON: nothing to compare with.
    }
  }
  return values;
}

if (require.main === module) {
  const dirs = process.argv.length > 2 ? process.argv.slice(2) : ['dist/weapp', 'dist/h5'];
  const findings = scanDirs(dirs, configuredSecretValues());
  for (const f of findings) process.stderr.write(`${f.file}:${f.line} ${f.rule}: ${f.excerpt}\n`);
  process.stdout.write(`${findings.length} finding(s) in ${dirs.join(', ')}\n`);
  process.exit(findings.length ? 1 : 0);
}
