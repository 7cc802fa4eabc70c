/**
 * Text → Shift_JIS bytes, for damaged-file tests. Node can decode Shift_JIS but not
 * encode it, so the table is built by decoding every double-byte code once.
 */
let table: Map<string, number[]> | undefined;

function shiftJisTable(): Map<string, number[]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('shift_jis', { fatal: true });
  const leads = [...Array.from({ length: 0x9f - 0x81 + 1 }, (_, i) => 0x81 + i), ...Array.from({ length: 0xfc - 0xe0 + 1 }, (_, i) => 0xe0 + i)];
  for (const lead of leads) {
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      try {
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (!table.has(ch)) table.set(ch, [lead, trail]);
      } catch {
        // not a character
      }
    }
  }
  return table;
}

export function encodeShiftJis(text: string): Uint8Array {
  const t = shiftJisTable();
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else {
      const bytes = t.get(ch);
      if (!bytes) throw new Error(`no Shift_JIS code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

export function encodeUtf16le(text: string, bom: boolean): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  return new Uint8Array(bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body);
}
