// `npm start`: build, then launch the desktop app (Electron) with the embedded defaults — the
// database in the user-data folder and the simulator as sensor unless CADANS_SENSOR names another
// (clearly labelled in the UI). Where Electron's binary is not installed (installed with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1) it says so in one line and serves the same UI through the web
// host (`cadans web --sensor sim`), which prints the URL to open.
import { spawn, spawnSync } from 'node:child_process';
import { electronBinary } from './electronBinary.mjs';

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const sensor = process.env.CADANS_SENSOR?.trim() || 'sim';
const binary = electronBinary();
let child;
if (binary) {
  child = spawn(binary, ['.'], { stdio: 'inherit', env: { ...process.env, CADANS_SENSOR: sensor } });
} else {
  process.stdout.write(
    `Electron's binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD) — serving the same UI through the web host instead, with the ${sensor === 'sim' ? 'SIMULATOR (demo signal, not a real sensor)' : `sensor ${sensor}`}; open the URL below in a browser.\n`,
  );
  child = spawn(process.execPath, ['bin/cadans.js', 'web', '--sensor', sensor], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
