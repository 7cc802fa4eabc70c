// Reads what pdfkit writes as plain (uncompressed) object dictionaries: fonts, boxes,
// catalog entries. Content streams are compressed and not read here.
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

export interface PdfFont {
  readonly baseFont: string;
  readonly embedded: boolean;
  readonly subset: boolean;
}

export function fontsOf(bytes: Uint8Array): PdfFont[] {
  const text = latin1(bytes);
  const descriptors = [...text.matchAll(/\/Type \/FontDescriptor[\s\S]*?\/FontName \/([^\s/]+)[\s\S]*?>>/g)];
  const all = new Set([...text.matchAll(/\/BaseFont \/([^\s/]+)/g)].map((m) => m[1]!));
  return [...all].map((baseFont) => {
    const d = descriptors.find((m) => m[1] === baseFont)?.[0] ?? '';
    return { baseFont, embedded: /\/FontFile[23]? /.test(d), subset: /^[A-Z]{6}\+/.test(baseFont) };
  });
}

export function catalogEntry(bytes: Uint8Array, key: string): string | undefined {
  return new RegExp(`/${key} ([^\\n/>]+)`).exec(latin1(bytes))?.[1]?.trim();
}
