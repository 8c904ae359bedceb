/**
 * PowerShell's table output (`Format-Table`, `ft`, and the default view of many cmdlets):
 *   Name                     ConnectorType TlsSenderCertificateName
 *   ----                     ------------- ------------------------
 *   Von Exchange lokal       OnPremises    mail.brenner-logistik.de
 * The dashes give the columns; cells rarely line up to the character (wide values, hand-edited
 * pastes), so each column start moves to the nearest word start within a few characters.
 */

export interface FormatTable {
  /** Column names in lower case, as in the header. */
  columns: string[];
  /** One record per row: column name (lower case) -> cell text. */
  rows: Array<{ cells: Record<string, string>; line: string }>;
  /** Index of the header line. */
  headerIndex: number;
}

function wordStartNear(row: string, at: number): number {
  // A column gap (two spaces) near the header position first, then any word start.
  for (const gap of ['  ', ' ']) {
    for (let d = 0; d <= 6; d++) {
      for (const p of [at - d, at + d]) {
        if (p >= gap.length && p < row.length && row[p] !== ' ' && row.slice(p - gap.length, p) === gap) return p;
      }
    }
  }
  return at;
}

/** True when `lines[i]` is a table header: the next line is made of dashes (and spaces) only. */
export function isTableHeader(lines: string[], i: number): boolean {
  const next = lines[i + 1];
  return next !== undefined && next.includes('---') && /^[\s-]{3,}$/.test(next) && lines[i].trim().length > 0;
}

/** Reads the table whose header is `lines[headerIndex]`, up to the first empty line. */
export function readFormatTable(lines: string[], headerIndex: number, maxRows = 200): FormatTable {
  const header = lines[headerIndex];
  const columns: Array<{ name: string; start: number }> = [];
  for (const m of lines[headerIndex + 1].matchAll(/-+/g)) {
    const start = m.index ?? 0;
    columns.push({
      name: header
        .slice(start, start + m[0].length)
        .trim()
        .toLowerCase(),
      start,
    });
  }
  const rows: FormatTable['rows'] = [];
  for (let j = headerIndex + 2; j < lines.length && lines[j].trim() !== '' && rows.length < maxRows; j++) {
    const row = lines[j];
    const starts = columns.map((col, k) => (k === 0 ? 0 : wordStartNear(row, col.start)));
    const cells: Record<string, string> = {};
    columns.forEach((col, k) => {
      const cell = row.slice(starts[k], k + 1 < starts.length ? starts[k + 1] : undefined).trim();
      if (col.name && cell) cells[col.name] = cell;
    });
    rows.push({ cells, line: row });
  }
  return { columns: columns.map((c) => c.name), rows, headerIndex };
}
