// Regenerates the API types from the backend's OpenAPI document:
//   npm run generate:api
// Starts the backend once (dotnet run, the web build skipped) on a free loopback port with a
// throw-away data directory, saves /openapi/v1.json to openapi/v1.json and turns it into
// src/lib/api-schema.d.ts with openapi-typescript. Commit both files.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const project = resolve(web, '../src/Pathavana');

const port = await new Promise((done) => {
  const server = createServer();
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    server.close(() => done(port));
  });
});
const data = mkdtempSync(join(tmpdir(), 'pathavana-openapi-'));
const backend = spawn('dotnet', ['run', '--project', project, '--no-launch-profile', '-p:BuildWeb=false', '--', 'serve'], {
  env: { ...process.env, Urls: `http://127.0.0.1:${port}`, Storage__DataDirectory: data, ASPNETCORE_ENVIRONMENT: 'Production' },
  stdio: ['ignore', 'ignore', 'inherit'],
});

try {
  let document;
  for (let attempt = 0; attempt < 720 && !document; attempt++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/openapi/v1.json`);
      if (response.ok) document = await response.text();
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  if (!document) throw new Error('The backend did not serve /openapi/v1.json.');
  const out = join(web, 'openapi/v1.json');
  const parsed = JSON.parse(document);
  writeFileSync(out, JSON.stringify(parsed, null, 2) + '\n');
  execFileSync(join(web, 'node_modules/.bin/openapi-typescript'), [out, '-o', join(web, 'src/lib/api-schema.d.ts')], { stdio: 'inherit' });
} finally {
  backend.kill('SIGTERM');
  rmSync(data, { recursive: true, force: true });
}
