/**
 * Checks the store packages `npm run zip` made: for Chrome and Firefox, the manifest names every
 * icon size and each PNG is that size; the name, description, button title and shortcut
 * descriptions are messages that exist in English and Chinese; THIRD-PARTY-NOTICES.txt names every
 * production dependency with its licence. Exits non-zero on any problem.
 * `npm run test:packages` (zip, then this).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { NOTICES_FILE } from './third-party-notices';

const OUT_DIR = process.env.GLEANER_OUT_DIR ?? '.output';
const ICON_SIZES = [16, 32, 48, 96, 128];
const DEPENDENCIES = Object.entries(
  (JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> })
    .dependencies,
);
const LOCALES = ['en', 'zh_CN'];

interface Manifest {
  name: string;
  description: string;
  default_locale?: string;
  icons?: Record<string, string>;
  action?: { default_title?: string };
  commands?: Record<string, { description?: string }>;
}

const problems: string[] = [];

function pngSize(bytes: Uint8Array): [number, number] | null {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  if (!signature.every((byte, i) => bytes[i] === byte)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

function checkPackage(zipName: string, browser: string): void {
  const files = unzipSync(new Uint8Array(readFileSync(path.join(OUT_DIR, zipName))));
  const read = (name: string) => {
    const file = files[name];
    if (!file) problems.push(`${browser}: ${name} is missing`);
    return file;
  };
  const manifestFile = read('manifest.json');
  if (!manifestFile) return;
  const manifest = JSON.parse(strFromU8(manifestFile)) as Manifest;

  for (const size of ICON_SIZES) {
    const iconPath = manifest.icons?.[String(size)];
    if (!iconPath) {
      problems.push(`${browser}: no ${size}px icon in the manifest`);
      continue;
    }
    const png = read(iconPath);
    const actual = png && pngSize(png);
    if (png && (!actual || actual[0] !== size || actual[1] !== size))
      problems.push(
        `${browser}: ${iconPath} is ${actual?.join('×') ?? 'not a PNG'}, not ${size}×${size}`,
      );
  }

  const notices = read(NOTICES_FILE);
  if (notices) {
    const text = strFromU8(notices);
    for (const [name, version] of DEPENDENCIES)
      if (!text.includes(` - ${name}@${version}\n`))
        problems.push(`${browser}: ${NOTICES_FILE} does not credit ${name}@${version}`);
  }

  if (manifest.default_locale !== 'en') problems.push(`${browser}: default_locale is not en`);
  const references = [
    ['name', manifest.name],
    ['description', manifest.description],
    ['action.default_title', manifest.action?.default_title],
    ...Object.entries(manifest.commands ?? {}).map(([id, c]) => [`commands.${id}`, c.description]),
  ] as const;
  for (const locale of LOCALES) {
    const messagesFile = read(`_locales/${locale}/messages.json`);
    if (!messagesFile) continue;
    const messages = JSON.parse(strFromU8(messagesFile)) as Record<string, { message: string }>;
    const shown: string[] = [];
    for (const [field, value] of references) {
      const key = /^__MSG_(\w+)__$/.exec(value ?? '')?.[1];
      const message = key && messages[key]?.message;
      if (!message) problems.push(`${browser}/${locale}: ${field} (${value}) has no message`);
      else if (field === 'name' || field === 'description') shown.push(message);
    }
    console.log(`${browser} ${locale}: ${shown.join(' — ')}`);
  }
}

const zips = readdirSync(OUT_DIR).filter((name) => name.endsWith('.zip'));
for (const browser of ['chrome', 'firefox']) {
  const zip = zips.find((name) => name.endsWith(`-${browser}.zip`));
  if (!zip) problems.push(`no ${browser} package in ${OUT_DIR}: run npm run zip`);
  else checkPackage(zip, browser);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  `Store packages OK: Chrome and Firefox, icons ${ICON_SIZES.join('/')}, ${LOCALES.join(' and ')}, ${NOTICES_FILE} crediting ${DEPENDENCIES.length} dependencies.`,
);
