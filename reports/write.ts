// Atomic file writes, so a reader never sees half a report, even of an interrupted run. A report may
// come in pieces (a large one is never one string in memory): they are written in blocks.
import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

const BLOCK = 1 << 16;

export function writeAtomic(file: string, text: string | Iterable<string>): string {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    let block = '';
    for (const piece of typeof text === 'string' ? [text] : text) {
      block += piece;
      if (block.length >= BLOCK) {
        writeSync(fd, block);
        block = '';
      }
    }
    if (block) writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  return file;
}
