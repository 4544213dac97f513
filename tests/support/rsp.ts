// Parses NIST CAVP response files (.rsp): "[Name = value]" section headers, then records of
// "Name = value" lines separated by blank lines; "#" lines are comments. CRLF tolerated.

export interface RspRecord {
  /** The section headers in force for this record (later headers override earlier ones with
   *  the same name), e.g. { L: '32' } or { Outputlen: '128' }. */
  header: Record<string, string>;
  fields: Record<string, string>;
}

export function parseRsp(text: string): RspRecord[] {
  const records: RspRecord[] = [];
  let header: Record<string, string> = {};
  let fields: Record<string, string> | undefined;
  const flush = () => { if (fields) records.push({ header, fields }); fields = undefined; };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') { flush(); continue; }
    if (line.startsWith('#')) continue;
    const section = /^\[(.+?)(?:\s*=\s*(.*))?\]$/.exec(line);
    if (section) {
      flush();
      header = { ...header, [section[1].trim()]: (section[2] ?? '').trim() };
      continue;
    }
    const kv = /^(\w+)\s*=\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`rsp: cannot parse line "${line}"`);
    (fields ??= {})[kv[1]] = kv[2];
  }
  flush();
  return records;
}
