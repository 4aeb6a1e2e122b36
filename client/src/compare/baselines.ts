// The baseline each policy is compared with (a Compare with… view is open on it): its label and
// text. The compare view sets and clears it; the replay panel reads it for its "vs baseline"
// column and listens for changes.
import { EventEmitter, type Disposable, type Event, type Uri } from 'vscode';

export interface Baseline {
  /** How the views name it: "the saved version", "git HEAD", "old-policy.yaml". */
  readonly label: string;
  readonly text: string;
}

export class Baselines implements Disposable {
  private readonly byPolicy = new Map<string, Baseline>();
  private readonly changed = new EventEmitter<Uri>();
  /** Fires with the policy whose baseline was set, replaced or cleared. */
  readonly onDidChange: Event<Uri> = this.changed.event;

  get(policy: Uri): Baseline | undefined {
    return this.byPolicy.get(policy.toString());
  }

  set(policy: Uri, baseline: Baseline): void {
    const old = this.byPolicy.get(policy.toString());
    this.byPolicy.set(policy.toString(), baseline);
    if (old?.text !== baseline.text || old.label !== baseline.label) this.changed.fire(policy);
  }

  delete(policy: Uri): void {
    if (this.byPolicy.delete(policy.toString())) this.changed.fire(policy);
  }

  dispose(): void {
    this.byPolicy.clear();
    this.changed.dispose();
  }
}
