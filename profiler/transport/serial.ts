// A Link over a serial port (a real board's USB-UART, or the pty of a QEMU board), opened
// by path with node-serialport. SerialPort.list() is not used: it needs udevadm, which
// containers lack; opening a path works everywhere.
import { SerialPort } from 'serialport';
import { CapmarkError } from '../errors.ts';
import type { Link } from '../protocol/client.ts';

export async function openSerial(path: string, baudRate = 115200): Promise<Link> {
  const port = new SerialPort({ path, baudRate, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve()))).catch((err: Error) => {
    const missing = /No such file|ENOENT|cannot open/i.test(err.message);
    throw new CapmarkError(missing ? 'PORT_NOT_FOUND' : 'PORT_OPEN_FAILED',
      `cannot open serial port ${path}: ${err.message}${missing ? ' (is the board plugged in? check the path, e.g. /dev/ttyACM0)' : ''}`);
  });
  const listeners: ((chunk: Uint8Array) => void)[] = [];
  port.on('data', (chunk: Buffer) => listeners.forEach((l) => l(chunk)));
  port.on('error', () => {}); // surfaced as write failures / timeouts by the client
  return {
    description: `serial port ${path} at ${baudRate} baud`,
    write: (bytes) => new Promise((resolve, reject) => {
      // No drain(): tcdrain() on a pty can block a libuv thread until QEMU reads.
      port.write(Buffer.from(bytes), (err) => (err ? reject(err) : resolve()));
    }),
    onData: (l) => { listeners.push(l); },
    close: () => new Promise((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
}
