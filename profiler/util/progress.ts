// A one-line progress bar on stderr for long runs; silent when stderr is not a terminal.
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  if (!stream.isTTY) return undefined;
  return (done: number, total: number, label: string) => {
    const width = 24, filled = total ? Math.round((done / total) * width) : width;
    stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`.padEnd(78).slice(0, 78));
    if (done === total) stream.write('\n');
  };
}
