// A count of work units (cube operations) the analysis may spend. Work units rather than wall-clock
// time, so a verdict never depends on how busy the machine is and tests are deterministic.

export class Budget {
  private spent = 0;

  constructor(readonly limit: number) {}

  /** Records `units` of work; false once the limit is passed (the caller stops and reports it). */
  spend(units: number): boolean {
    this.spent += units;
    return this.spent <= this.limit;
  }

  get exhausted(): boolean {
    return this.spent > this.limit;
  }

  get used(): number {
    return this.spent;
  }
}
