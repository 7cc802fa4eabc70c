import JSZip from 'jszip';

/**
 * The workbook with every zip entry stamped `date` instead of the moment it was written
 * (exceljs lets its zip library take the clock), entries in the same order: the same
 * edition gives the same bytes. `date`'s UTC fields are what the entries show, since zip
 * times have no time zone.
 */
export async function withFixedDates(bytes: Uint8Array, date: Date): Promise<Uint8Array> {
  const source = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const entry of Object.values(source.files)) {
    if (entry.dir) continue;
    out.file(entry.name, await entry.async('uint8array'), { date, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}
