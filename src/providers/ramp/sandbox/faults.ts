import { SeededRandom } from './random';
import type { FaultOptions } from './types';

export type FaultDecision = 'none' | 'drop' | 'error';

/**
 * Decides, per API request, whether to drop the connection or answer 500. Each request draws the same
 * two numbers whatever the rates are, so a seed gives the same sequence of decisions for the same
 * sequence of requests (send them one at a time to rely on it).
 */
export class FaultInjector {
  private settings: Required<FaultOptions> = normalise({});
  private random = new SeededRandom(1);

  constructor(faults: FaultOptions = {}) {
    this.set(faults);
  }

  set(faults: FaultOptions): void {
    this.settings = normalise(faults);
    this.random = new SeededRandom(this.settings.seed);
  }

  get latencyMs(): number {
    return this.settings.latencyMs;
  }

  get tokenEndpointDown(): boolean {
    return this.settings.tokenEndpointDown;
  }

  draw(): FaultDecision {
    const dropDraw = this.random.next();
    const errorDraw = this.random.next();
    if (dropDraw < this.settings.dropRate) return 'drop';
    if (errorDraw < this.settings.errorRate) return 'error';
    return 'none';
  }
}

function normalise(faults: FaultOptions): Required<FaultOptions> {
  const rate = (value: number | undefined, name: string) => {
    const rateValue = value ?? 0;
    if (!Number.isFinite(rateValue) || rateValue < 0 || rateValue > 1)
      throw new RangeError(`${name} must be between 0 and 1`);
    return rateValue;
  };
  const latencyMs = faults.latencyMs ?? 0;
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new RangeError('latencyMs must be 0 or more');
  return {
    seed: faults.seed ?? 1,
    latencyMs,
    errorRate: rate(faults.errorRate, 'errorRate'),
    dropRate: rate(faults.dropRate, 'dropRate'),
    tokenEndpointDown: faults.tokenEndpointDown ?? false,
  };
}
