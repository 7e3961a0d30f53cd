import { Workbook } from 'exceljs';
import { csvLine } from '../export/csv-text';
import { exportDocumentation } from '../export/innovation-export.service';
import { INNOVATION_COLUMNS } from './innovation-columns';
import { delimiterOf, formatOf, readSheetRows, splitSheet } from './innovation-file';

describe('import files', () => {
  it('numbers CSV rows as a spreadsheet does, passing over documentation and empty rows', async () => {
    const text =
      '\uFEFF# doc, with a comma\n"# quoted doc"\n\ntitle,summary\n' +
      'Satu,"dua\nbaris"\n\nTiga,"kata ""kutip"", koma"\n';
    const rows = await readSheetRows(Buffer.from(text));
    const { header, data } = splitSheet(rows);
    expect(header).toEqual({ row: 4, cells: ['title', 'summary'] });
    expect(data).toEqual([
      { row: 5, cells: ['Satu', 'dua\nbaris'] },
      { row: 7, cells: ['Tiga', 'kata "kutip", koma'] },
    ]);
  });

  it('reads semicolon- and tab-separated files too', async () => {
    expect(delimiterOf('# a, b, c\ntitle;summary;sdg_goals\n')).toBe(';');
    expect(delimiterOf('title\tsummary\n')).toBe('\t');
    expect(delimiterOf('title,summary\n')).toBe(',');
    const { data } = splitSheet(await readSheetRows(Buffer.from('title;sdg_goals\nSatu;"3;10"\n')));
    expect(data).toEqual([{ row: 2, cells: ['Satu', '3;10'] }]);
  });

  it('reads back what csvLine writes, and the export documentation is # lines', async () => {
    const values = ['plain', ' edge ', 'a,b', 'say "hi"', 'multi\r\nline', '', '#not-a-comment'];
    const docs = exportDocumentation(new Date('2026-01-01T00:00:00Z'));
    const lines = docs.trimEnd().split('\n');
    expect(lines).toHaveLength(INNOVATION_COLUMNS.length + 1);
    expect(lines.every((line) => line.startsWith('# '))).toBe(true);
    expect(lines[1]).toMatch(/^# registration_number — .+ \/ .+/);
    const { header, data } = splitSheet(
      await readSheetRows(Buffer.from(docs + csvLine(values.map((_, i) => `c${i}`)) + csvLine(values))),
    );
    expect(header.row).toBe(lines.length + 1);
    expect(data).toEqual([{ row: lines.length + 2, cells: values }]);
  });

  it('guards cells a spreadsheet would run as formulas, and reads them back as they were', async () => {
    const values = ['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tTab', "'=quoted", "'plain", 'a-b'];
    const text = csvLine(values);
    expect(text).toBe(`"'=HYPERLINK(""http://x"")",'+1,'-2,'@SUM(A1),'\tTab,''=quoted,'plain,a-b\n`);
    for (const field of text.trimEnd().split(','))
      expect(field.replace(/^"/, '')).not.toMatch(/^[=+\-@\t\r]/);
    const { data } = splitSheet(
      await readSheetRows(Buffer.from(csvLine(values.map((_, i) => `c${i}`)) + text)),
    );
    expect(data).toEqual([{ row: 2, cells: values }]);
  });

  it('reads the first worksheet of an XLSX workbook, with spreadsheet row numbers and cell text', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Inovasi');
    sheet.addRow(['title', 'launch_year', 'digital', 'origin_agency', 'reference_url']);
    sheet.addRow([]);
    sheet.addRow(['Satu', 2019, true, 35.1, { text: 'https://x.go.id', hyperlink: 'https://x.go.id' }]);
    sheet.getCell('A4').value = { richText: [{ text: 'Dua ' }, { text: 'Tebal', font: { bold: true } }] };
    sheet.getCell('B4').value = { formula: '2000+20', result: 2020 };
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(formatOf(content)).toBe('xlsx');
    const { header, data } = splitSheet(await readSheetRows(content));
    expect(header.row).toBe(1);
    expect(data).toEqual([
      { row: 3, cells: ['Satu', '2019', 'true', '35.1', 'https://x.go.id'] },
      { row: 4, cells: ['Dua Tebal', '2020'] },
    ]);
  });

  it('refuses files that are neither CSV text nor XLSX with BAD_USER_INPUT', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe]);
    await expect(readSheetRows(png)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const brokenZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]);
    await expect(readSheetRows(brokenZip)).rejects.toThrow(/XLSX workbook could not be read/);
    await expect(readSheetRows(Buffer.from('a,"unclosed\n'))).rejects.toThrow(/CSV could not be read/);
    expect(() => splitSheet([{ row: 1, cells: ['# only documentation'] }])).toThrow(/no header row/);
  });
});
