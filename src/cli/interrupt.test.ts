import { EventEmitter } from 'node:events';
import { interruptOnSignals } from './interrupt';

describe('interruptOnSignals', () => {
  it('aborts on the first SIGINT or SIGTERM, exits 130 on the second, and stops listening when disposed', () => {
    const source = new EventEmitter();
    const exits: number[] = [];
    const said: string[] = [];
    const interrupt = interruptOnSignals(
      source,
      (code) => exits.push(code),
      (line) => said.push(line),
    );
    expect(interrupt.signal.aborted).toBe(false);

    source.emit('SIGTERM');
    expect(interrupt.signal.aborted).toBe(true);
    expect(said).toEqual([
      'rampart: SIGTERM: stopping the run, revoking its tokens and writing its reports (again to quit at once)',
    ]);
    expect(exits).toEqual([]);

    source.emit('SIGINT');
    expect(exits).toEqual([130]);

    interrupt.dispose();
    expect(source.listenerCount('SIGINT') + source.listenerCount('SIGTERM')).toBe(0);
  });
});
