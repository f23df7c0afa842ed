/** One record of a CSV file: its cells, trimmed, and the line of the file it ends on. */
export type CsvRecord = { cells: string[]; line: number };

/** Why a file is not CSV at all, and the line where reading stopped. */
export type CsvUnreadable = { line: number; reason: string };

/**
 * Reads CSV as RFC 4180 writes it and spreadsheets save it: fields split by commas, a field in
 * double quotes may hold commas, line breaks and doubled quotes; CRLF or LF; a leading byte-order
 * mark is dropped; cells are trimmed and blank lines skipped. A record's line is the one it ends
 * on, counting every line of the file, so a row with a line break inside quotes is named where a
 * text editor shows its end. Answers the records, or why the text could not be read.
 */
export const readCsvRecords = (text: string): CsvRecord[] | CsvUnreadable => {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  let quoteOpenedOn = 0;

  const endCell = () => {
    cells.push(wasQuoted ? cell : cell.trim());
    cell = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endCell();
    if (!(cells.length === 1 && cells[0] === '')) records.push({ cells, line });
    cells = [];
  };

  for (let index = 0; index < source.length; index += 1) {
    const character = source[index] as string;
    if (quoted) {
      if (character === '"') {
        if (source[index + 1] === '"') {
          cell += '"';
          index += 1;
        } else quoted = false;
      } else {
        if (character === '\n') line += 1;
        cell += character;
      }
      continue;
    }
    if (character === '"') {
      if (cell.trim() !== '' || wasQuoted)
        return { line, reason: 'a double quote inside an unquoted field; quote the whole field and double the quote' };
      cell = '';
      quoted = true;
      wasQuoted = true;
      quoteOpenedOn = line;
    } else if (character === ',') endCell();
    else if (character === '\n' || character === '\r') {
      if (character === '\r' && source[index + 1] === '\n') index += 1;
      endRecord();
      line += 1;
    } else if (wasQuoted) {
      if (character.trim() !== '') return { line, reason: 'text after a quoted field; put a comma between fields' };
    } else cell += character;
  }
  if (quoted) return { line: quoteOpenedOn, reason: 'a quote opened on this line is never closed' };
  if (cell !== '' || wasQuoted || cells.length > 0) endRecord();
  return records;
};
