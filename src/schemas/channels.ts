type Listener = () => void;

/**
 * Named channels to listen on: the form store's way to tell each rendered part of a form that its
 * answer, visibility or entries changed (a question listens to its answer pointer, an object to
 * `<pointer>#visible`, a list to `<pointer>#items`).
 */
export class Channels {
  private readonly listeners = new Map<string, Listener[]>();

  subscribe(channel: string, listener: Listener): () => void {
    const list = this.listeners.get(channel);
    if (list) list.push(listener);
    else this.listeners.set(channel, [listener]);
    return () => this.unsubscribe(channel, listener);
  }

  unsubscribe(channel: string, listener: Listener): void {
    const list = this.listeners.get(channel);
    const at = list ? list.indexOf(listener) : -1;
    if (at < 0) return;
    list!.splice(at, 1);
    if (!list!.length) this.listeners.delete(channel);
  }

  protected notify(channel: string): void {
    const list = this.listeners.get(channel);
    // Over a copy, skipping listeners that an earlier one unsubscribed (a re-render removes parts).
    if (list) for (const listener of list.slice()) if (list.includes(listener)) listener();
  }

  /** Every channel listened on (all answers were replaced). */
  protected notifyAll(): void {
    for (const channel of [...this.listeners.keys()]) this.notify(channel);
  }
}
