// `capmark gateway` and `capmark verifier`: attestation over MQTT (topics in attest/mqtt.ts).
// Without --broker the command starts the embedded broker (aedes, MQTT 3.1.1) on
// 127.0.0.1:--listen (default 1883); point the other command at it with --broker.
// Both run until interrupted (Ctrl-C) and return 0 after a clean shutdown.
import { parseArgs } from 'node:util';
import { CapmarkError } from '../errors.ts';
import { Bus, startEmbeddedBroker, startGateway, VerifierService } from '../attest/mqtt.ts';
import { referenceFromBuild } from '../attest/reference.ts';
import { SUBMOD, Verifier, statusOf } from '../attest/verifier.ts';
import { openTarget, parseKey, targetArgs, verifierStore } from './attest.ts';
import { integerIn, numberIn } from './args.ts';

export const MQTT_HELP = `  capmark gateway [--broker <url>] [--board <id> | --port <path> --board <id> [--baud n]]
                                          serve a board's attestation on MQTT
  capmark verifier [--broker <url>] [--interval s] [--state <file>]
                                          challenge every device on MQTT, publish results
      without --broker: embedded broker on 127.0.0.1:--listen (default 1883, MQTT 3.1.1)
`;

/** Checks --listen before any work; the broker itself is connected (or started) later. */
const listenPort = (listen: string | undefined) => (listen === undefined ? 1883 : integerIn('--listen', listen, 0, 65535));

async function connectOrEmbed(broker: string | undefined, port: number, clientId: string) {
  if (broker) return { bus: await Bus.connectBest(broker, { clientId }), close: async () => {} };
  const embedded = await startEmbeddedBroker(port).catch((e) => {
    throw new CapmarkError('MQTT_LISTEN', `cannot start the embedded broker on 127.0.0.1:${port} (${e.message}); pass --broker <url> or another --listen port`);
  });
  console.error(`embedded MQTT broker (3.1.1) at ${embedded.url}`);
  return { bus: await Bus.connect(embedded.url, { v5: false, clientId }), close: embedded.close };
}

const untilInterrupted = () => new Promise<void>((resolve) => { process.once('SIGINT', resolve); process.once('SIGTERM', resolve); });

export async function gatewayCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: {
    broker: { type: 'string' }, listen: { type: 'string' }, board: { type: 'string' }, port: { type: 'string' },
    baud: { type: 'string' }, key: { type: 'string' },
  } });
  const key = parseKey(values.key);
  const target = targetArgs(values.board, values.port, values.baud);
  const port = listenPort(values.listen);
  // The broker first: a bad URL fails in a second, before a board is built and launched (an
  // open board would also keep the process alive after the error).
  const { bus, close } = await connectOrEmbed(values.broker, port, `capmark-gateway-${process.pid}`);
  try {
    const t = await openTarget(target);
    try {
      const gw = await startGateway(bus, t.target, key);
      console.error(`gateway: ${t.board.id} is device ${gw.device}; serving challenges (Ctrl-C to stop)`);
      await untilInterrupted();
    } finally { await t.close(); }
  } finally { await bus.close().catch(() => {}); await close(); }
  return 0;
}

export async function verifierCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: {
    broker: { type: 'string' }, listen: { type: 'string' }, state: { type: 'string' }, interval: { type: 'string' },
    'allow-debug': { type: 'boolean' },
  } });
  // At most a day: Node's timers take at most 2^31-1 ms (a larger delay fires every millisecond).
  const interval = values.interval === undefined ? 0 : numberIn('--interval', values.interval, 0, 86_400);
  const verifier = new Verifier({ store: verifierStore(values.state), allowDebug: values['allow-debug'] ?? true });
  const { bus, close } = await connectOrEmbed(values.broker, listenPort(values.listen), `capmark-verifier-${process.pid}`);
  const svc = await VerifierService.start(bus, {
    verifier, autoAttest: true,
    // Reference values of the board the device's retained profile names (its last build here).
    reference: (device, profile) => {
      if (!profile) throw new CapmarkError('NO_REFERENCE', `device ${device} published no valid profile (it names the board whose build gives the reference values)`);
      return referenceFromBuild(profile.board);
    },
    onResult: (device, r) => console.log(`${new Date().toISOString()} ${device} ${statusOf(r)} ${r.submods[SUBMOD]['capmark.reasons'].join('; ')}`),
  });
  console.error(`verifier ${svc.id}: waiting for devices (Ctrl-C to stop)`);
  const timer = interval > 0 ? setInterval(() => {
    for (const d of svc.devices.keys()) svc.attest(d).catch((e) => bus.log(`verifier: ${d}: ${e.message}`));
  }, interval * 1000) : undefined;
  await untilInterrupted();
  clearInterval(timer);
  await svc.close();
  await close();
  return 0;
}
