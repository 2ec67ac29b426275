/**
 * Draws the two tab-bar icons (首页 house, 我的 person) as small PNGs under src/assets/tab/, in the normal and the
 * selected colour. Run once with `tsx scripts/make-tab-icons.ts`; the PNGs are committed, nothing is downloaded.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 81;

type Shape = (x: number, y: number) => boolean;

/** House: a roof triangle over a square body with a door. */
const house: Shape = (x, y) => {
  const roof = y >= 12 && y <= 40 && Math.abs(x - 40) <= (y - 12) * 1.25;
  const body = y > 38 && y <= 70 && x >= 18 && x <= 62;
  const door = y > 50 && x >= 34 && x <= 46;
  return (roof || body) && !door;
};

/** Person: a round head over rounded shoulders. */
const person: Shape = (x, y) => {
  const head = (x - 40) ** 2 + (y - 26) ** 2 <= 13 ** 2;
  const shoulders = y >= 46 && y <= 72 && (x - 40) ** 2 / 28 ** 2 + (y - 72) ** 2 / 26 ** 2 <= 1;
  return head || shoulders;
};

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

function png(shape: Shape, [r, g, b]: [number, number, number]): Buffer {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) {
      // 2×2 supersampling for smooth edges.
      let hits = 0;
      for (const dx of [0.25, 0.75]) for (const dy of [0.25, 0.75]) if (shape(x + dx, y + dy)) hits++;
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((hits / 4) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = join(__dirname, '..', 'src', 'assets', 'tab');
const NORMAL: [number, number, number] = [0x44, 0x44, 0x44];
const SELECTED: [number, number, number] = [0xb3, 0x16, 0x1c];
for (const [name, shape] of [['home', house], ['me', person]] as const) {
  writeFileSync(join(out, `${name}.png`), png(shape, NORMAL));
  writeFileSync(join(out, `${name}-active.png`), png(shape, SELECTED));
}
console.log(`tab icons written to ${out}`);
