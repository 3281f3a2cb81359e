// Extracts the text of an uncompressed PDF made by pdfkit with its standard fonts: every text
// show operator `[<hex> kern <hex> …] TJ` holds WinAnsi (windows-1252) bytes. Enough for tests.
// windows-1252 differs from latin1 only in 0x80–0x9F (Node's TextDecoder may lack it without full ICU).
const CP1252: Record<number, string> = {
  0x80: '€',
  0x82: '‚',
  0x83: 'ƒ',
  0x84: '„',
  0x85: '…',
  0x86: '†',
  0x87: '‡',
  0x88: 'ˆ',
  0x89: '‰',
  0x8a: 'Š',
  0x8b: '‹',
  0x8c: 'Œ',
  0x8e: 'Ž',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x98: '˜',
  0x99: '™',
  0x9a: 'š',
  0x9b: '›',
  0x9c: 'œ',
  0x9e: 'ž',
  0x9f: 'Ÿ',
};

function decode(bytes: Buffer): string {
  return [...bytes].map((b) => CP1252[b] ?? String.fromCharCode(b)).join('');
}

/** The text lines of the PDF, in drawing order. */
export function pdfTextLines(pdf: Buffer): string[] {
  const source = pdf.toString('latin1');
  const lines: string[] = [];
  for (const m of source.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ/g)) {
    const hex = [...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
    lines.push(decode(Buffer.from(hex, 'hex')));
  }
  return lines;
}
