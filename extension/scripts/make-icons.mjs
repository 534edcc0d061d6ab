// Draws the OrderWatch icon (a parcel box in a round badge) as PNGs. Run once; the PNGs are
// committed under static/icons so that builds stay byte-identical.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const i = y * (size * 4 + 1) + 1 + x * 4;
      const dx = (x - c) / size, dy = (y - c) / size;
      const r = Math.sqrt(dx * dx + dy * dy);
      let px = [0, 0, 0, 0];
      if (r < 0.48) px = [22, 101, 192, 255]; // blue disc
      const box = Math.abs(dx) < 0.22 && Math.abs(dy + 0.02) < 0.2;
      if (box) px = [245, 166, 35, 255]; // parcel
      if (box && Math.abs(dx) < 0.03) px = [180, 110, 20, 255]; // tape
      if (box && Math.abs(dy + 0.02) < 0.02) px = [180, 110, 20, 255];
      raw.set(px, i);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

for (const s of [16, 32, 48, 128]) writeFileSync(new URL(`../static/icons/icon-${s}.png`, import.meta.url), png(s));
console.log("icons written");
