// What the analysis may spend: work units, and the cube words it may hold at once. Work units
// rather than wall-clock time, so a verdict never depends on how busy the machine is and tests are
// deterministic. A unit is about the time of one operation on a cube of up to REFERENCE_WORDS words
// (a few tenths of a microsecond here); operations on larger cubes cost proportionally more, and work
// that is not on cubes (building the request space, proving witnesses) is charged by its own
// measure, so that the same budget bounds the time of every policy, not only of typical ones.

/** Words of the cubes of realistic policies (8 dimensions and the groups, each a word or two): one unit an operation. */
export const REFERENCE_WORDS = 32;

/**
 * The cube words the analysis may hold: every rule's match set and decided part, plus any one set
 * being made (2^23 words, about 100 MB with the arrays' overhead; a few such sets are alive at once).
 * Running into it counts as spending the budget, so a policy whose sets would not fit in memory
 * stops with analysis-incomplete instead of taking the process down. Measured: generated and
 * adversarial policies of 500 rules hold at most 2M words, two rules of 2,000 users and 2,000
 * userGroups each 6.5M.
 */
export const MAX_HELD_WORDS = 2 ** 23;

/** Units between two points where a stepped analysis lets other work run (a few milliseconds). */
const SLICE_UNITS = 5_000;

export class Budget {
  private spent = 0;
  private sliceEnd = SLICE_UNITS;
  private unitsPerOp = 1;
  private cubeWords = 1;
  private heldCubes = 0;

  constructor(readonly limit: number) {}

  /** From now on a cube operation costs in proportion to the cubes' size. */
  setCubeWords(words: number): void {
    this.cubeWords = words;
    this.unitsPerOp = Math.max(1, Math.ceil(words / REFERENCE_WORDS));
  }

  /** Records `ops` cube operations; false once the limit is passed (the caller stops and reports it). */
  spend(ops: number): boolean {
    return this.charge(ops * this.unitsPerOp);
  }

  /** Records work that is not on cubes, in units. */
  charge(units: number): boolean {
    this.spent += units;
    return this.spent <= this.limit;
  }

  /** How many more cubes may be made while the rules' sets are held. */
  get capacity(): number {
    return Math.floor(MAX_HELD_WORDS / this.cubeWords) - this.heldCubes;
  }

  /** More cubes were needed than fit: that spends the budget. */
  overflow(): void {
    this.spent = Math.max(this.spent, this.limit + 1);
  }

  /** Cubes kept until the analysis ends (each rule's sets). */
  hold(cubes: number): void {
    this.heldCubes += cubes;
  }

  /** True once per slice of work: a stepped analysis yields there. */
  get due(): boolean {
    if (this.spent < this.sliceEnd) return false;
    this.sliceEnd = this.spent + SLICE_UNITS;
    return true;
  }

  get exhausted(): boolean {
    return this.spent > this.limit;
  }

  get used(): number {
    return this.spent;
  }
}
