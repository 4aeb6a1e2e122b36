// The text of one record gathered from pieces, up to a limit: past it the pieces are let go and
// only the fact is kept, so a huge record costs no memory before it is reported.
export class BoundedText {
  private parts: string[] = [];
  /** Characters added since the last take (all of them, kept or not). */
  length = 0;

  constructor(private readonly maxChars: number) {}

  get tooLong(): boolean {
    return this.length > this.maxChars;
  }

  add(piece: string): void {
    this.length += piece.length;
    if (this.tooLong) this.parts = [];
    else this.parts.push(piece);
  }

  /** The text gathered (undefined: it was too long), and a fresh start. */
  take(): string | undefined {
    const text = this.tooLong ? undefined : this.parts.join('');
    this.parts = [];
    this.length = 0;
    return text;
  }
}
