/**
 * No key material in the built mini-program, the H5 app or the function bundles. The CI command builds them before the tests; when a
 * build is missing, its scan is skipped with a message saying how to build it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TEST_ID_HASH_KEY } from '../cloudfunctions/testing/harness';
import { configuredSecretValues, scanDirs, scanText } from './secrets-scan';

const ROOT = path.resolve(__dirname, '..');
const TARGETS = [
  { name: 'weapp', dir: path.join(ROOT, 'dist', 'weapp'), build: 'npm run build:weapp' },
  { name: 'h5', dir: path.join(ROOT, 'dist', 'h5'), build: 'npm run build:h5' },
  // Function bundles get their secrets from environment variables at run time, never at build time.
  { name: 'functions', dir: path.join(ROOT, 'dist', 'functions'), build: 'npm run build:functions' },
];
const KNOWN = [TEST_ID_HASH_KEY, ...configuredSecretValues(process.env, path.join(ROOT, process.env.DATA_DIR ?? '.data'))];

describe('secrets scan', () => {
  for (const t of TARGETS) {
    const built = fs.existsSync(t.dir) && fs.readdirSync(t.dir).length > 0;
    if (built) {
      it(`finds no key material in dist/${t.name}`, () => {
        const findings = scanDirs([t.dir], KNOWN).map((f) => `${path.relative(ROOT, f.file)}:${f.line} ${f.rule}: ${f.excerpt}`);
        expect(findings).toEqual([]);
      });
    } else {
      it.skip(`dist/${t.name} is not built (run \`${t.build}\` first) — scan skipped`, () => undefined);
    }
  }

  it('recognises the key material it looks for', () => {
    const b64 = Buffer.alloc(32, 7).toString('base64');
    const hex64 = Buffer.alloc(64, 9).toString('hex');
    const cases = [
      '-----BEGIN PRIVATE KEY-----',
      '-----BEGIN EC PRIVATE KEY-----',
      `const signingKey = "${b64}";`,
      `{"privateKey":"${b64}"}`,
      `e.SECRET_X_KEY='${hex64}'`,
      `hmac: \`${Buffer.alloc(32, 1).toString('base64url')}\``,
      `x="${TEST_ID_HASH_KEY}"`,
    ];
    for (const c of cases) expect(scanText('t.js', c, [TEST_ID_HASH_KEY]).length).toBeGreaterThan(0);
  });

  it('leaves ordinary code alone', () => {
    const clean = [
      'const key = "openid";',
      `const id = "${Buffer.alloc(32, 3).toString('hex')}";`,
      'var publicKey = props.pub;',
      'e.exports={sha256:function(){}}',
    ];
    for (const c of clean) expect(scanText('t.js', c, [TEST_ID_HASH_KEY])).toEqual([]);
  });
});
