// CSV for the wellness export (RFC 4180: CRLF line ends; a field holding a comma, quote, CR or LF
// is quoted and its quotes doubled).
// Free text (notes, custom food names) is what a person or an import typed, and the file is meant
// to be opened in a spreadsheet: a cell starting with = + - @ TAB or CR would run as a formula
// (OWASP "CSV injection"), so such text gets a leading apostrophe. Numbers are written by us and
// are left alone, so a negative number stays a number.

export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export const neutralizeFormula = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);

const quote = (text: string): string => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

export const csvField = (cell: CsvCell): string => {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  return quote(neutralizeFormula(cell));
};

export const csvRow = (cells: readonly CsvCell[]): string => `${cells.map(csvField).join(',')}\r\n`;

export const toCsv = (header: readonly string[], rows: Iterable<readonly CsvCell[]>): string => {
  let out = csvRow(header);
  for (const row of rows) out += csvRow(row);
  return out;
};
