/**
 * Fixed dates in a ZIP archive (the workbook): exceljs stamps every entry with the clock; the
 * bilan's files carry the evaluation date instead, so that the same inputs give the same bytes.
 * Rewrites the DOS time and date of each entry, in its local header and in the central directory
 * (APPNOTE 4.3.7 and 4.3.12); nothing else is touched (no entry has the extended timestamp field).
 */
const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const FIN = 0x06054b50;

/** DOS date and time of an ISO date (midnight). */
function dos(iso: string): { date: number; time: number } {
  const [y, m, d] = [Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10))];
  return { date: ((y - 1980) << 9) | (m << 5) | d, time: 0 };
}

export function fixerDatesZip(bytes: Uint8Array, iso: string): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const { date, time } = dos(iso);
  let fin = -1;
  for (let i = out.length - 22; i >= 0; i--)
    if (view.getUint32(i, true) === FIN) {
      fin = i;
      break;
    }
  if (fin < 0) return out;
  const entries = view.getUint16(fin + 10, true);
  let p = view.getUint32(fin + 16, true);
  for (let n = 0; n < entries && view.getUint32(p, true) === CENTRAL; n++) {
    view.setUint16(p + 12, time, true);
    view.setUint16(p + 14, date, true);
    const local = view.getUint32(p + 42, true);
    if (view.getUint32(local, true) === LOCAL) {
      view.setUint16(local + 10, time, true);
      view.setUint16(local + 12, date, true);
    }
    p +=
      46 +
      view.getUint16(p + 28, true) +
      view.getUint16(p + 30, true) +
      view.getUint16(p + 32, true);
  }
  return out;
}
