/**
 * Draws the toolbar and notification icons (a baton passed between two hands, reduced to two
 * arrows on a rounded square) as PNGs, so the repository carries no opaque binaries it cannot
 * rebuild. Run with `tsx scripts/make-icons.ts`; the output is committed under public/icon/.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0);
    for (let x = 0; x < size; x++) rows.push(...pixel(x / size, y / size));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Inside a rounded square; two arrows, one pointing right above one pointing left. */
function icon(u: number, v: number): [number, number, number, number] {
  const r = 0.2;
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return [0, 0, 0, 0];
  const arrow = (y0: number, right: boolean) => {
    const x = right ? u : 1 - u;
    const shaft = x > 0.2 && x < 0.62 && Math.abs(v - y0) < 0.055;
    const head = x >= 0.58 && x < 0.82 && Math.abs(v - y0) < 0.17 * (1 - (x - 0.58) / 0.24);
    return shaft || head;
  };
  if (arrow(0.34, true)) return [255, 255, 255, 255];
  if (arrow(0.68, false)) return [240, 180, 0, 255];
  return [11, 61, 98, 255];
}

for (const size of [16, 32, 48, 128]) writeFileSync(`public/icon/${size}.png`, png(size, icon));
