import { useState } from 'react';

/** Cursor paging with a way back: the cursors of the pages before the current one. */
export function useCursorPages() {
  const [stack, setStack] = useState<(string | null)[]>([null]);
  const after = stack[stack.length - 1] ?? null;
  return {
    after,
    page: stack.length,
    next: (endCursor: string | null | undefined) => endCursor && setStack((pages) => [...pages, endCursor]),
    previous: () => setStack((pages) => (pages.length > 1 ? pages.slice(0, -1) : pages)),
    reset: () => setStack([null]),
  };
}
