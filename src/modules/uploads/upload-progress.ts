/** Progress of the attachments of one submission, per file and overall, in bytes. */
export type FileProgressState = 'waiting' | 'encrypting' | 'uploading' | 'done';

export interface FileProgress {
  attachmentId: string;
  filename: string;
  /** Plaintext size; the upload sends the (larger) ciphertext, so progress is a fraction. */
  size: number;
  fraction: number;
  state: FileProgressState;
}

export class UploadProgress {
  readonly files: FileProgress[];

  constructor(
    files: { attachmentId: string; filename: string; size: number }[],
    sent: string[],
    private readonly onChange: (done?: FileProgress) => void,
  ) {
    this.files = files.map((f) => {
      const done = sent.includes(f.attachmentId);
      return { ...f, fraction: done ? 1 : 0, state: done ? 'done' : 'waiting' };
    });
  }

  private find(id: string): FileProgress | undefined {
    return this.files.find((f) => f.attachmentId === id);
  }

  encrypting(id: string): void {
    const f = this.find(id);
    if (f) {
      f.state = 'encrypting';
      f.fraction = 0;
      this.onChange();
    }
  }

  uploading(id: string, sent: number, total: number): void {
    const f = this.find(id);
    if (!f) return;
    f.state = 'uploading';
    // The last bytes are only "done" when the gateway has answered.
    f.fraction = total > 0 ? Math.min(0.99, sent / total) : 0;
    this.onChange();
  }

  /** The gateway confirmed the file (or had it already). */
  done(id: string): void {
    const f = this.find(id);
    if (f && f.state !== 'done') {
      f.state = 'done';
      f.fraction = 1;
      this.onChange(f);
    }
  }

  /** A failed attempt: the file starts again (it is sent whole, under the same attachment id). */
  reset(id: string): void {
    const f = this.find(id);
    if (f && f.state !== 'done') {
      f.state = 'waiting';
      f.fraction = 0;
      this.onChange();
    }
  }

  get overall(): { fraction: number; done: number; total: number } {
    const bytes = this.files.reduce((n, f) => n + f.size, 0);
    const sent = this.files.reduce((n, f) => n + f.size * f.fraction, 0);
    return {
      fraction: bytes ? sent / bytes : 1,
      done: this.files.filter((f) => f.state === 'done').length,
      total: this.files.length,
    };
  }
}
