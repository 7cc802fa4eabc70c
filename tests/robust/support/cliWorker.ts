// A child process that runs CLI commands in-process for the robustness tests, so that
// the parent can kill it when a command hangs (a synchronous loop cannot be interrupted
// by a timer in the same process). One warm process serves many commands: fonts and
// templates are loaded once.
import { cli } from '../../helpers/cli.js';

interface Request {
  readonly id: number;
  readonly args: readonly string[];
}

process.on('message', (message: Request) => {
  const started = performance.now();
  cli(message.args).then(
    (r) => process.send?.({ id: message.id, code: r.code, out: r.out, err: r.err, ms: performance.now() - started }),
    // main() never throws by contract; if it does, that is a finding, not a worker crash.
    (e: unknown) => process.send?.({ id: message.id, code: -1, out: '', err: `main() threw: ${(e as Error)?.stack ?? String(e)}`, ms: performance.now() - started }),
  );
});
process.send?.({ ready: true });
