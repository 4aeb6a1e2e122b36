// Debounced diagnostics: each change restarts a short timer per document, so a burst of keystrokes
// lints once, when the typing pauses.
const DIAGNOSTICS_DELAY_MS = 150;

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly publish: (uri: string) => void,
    private readonly delayMs = DIAGNOSTICS_DELAY_MS,
  ) {}

  schedule(uri: string): void {
    this.cancel(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.publish(uri);
      }, this.delayMs),
    );
  }

  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
